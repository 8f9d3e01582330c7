/**
 * ZVT transports: TCP (raw APDUs), serial (DLE framing, CRC, ACK/NAK) and USB HID (our report scheme),
 * each a {@link ManagedZvtLink} for the session. See docs/zvt.md §2.
 */
export { ZvtTransportError } from './errors.ts';
export type { ZvtTransportErrorCode } from './errors.ts';
export { HidZvtLink, openNodeHidDevice } from './hid-link.ts';
export type { HidDevice, HidLinkOptions } from './hid-link.ts';
export { LinkInbox } from './link-inbox.ts';
export type { ManagedZvtLink } from './managed-link.ts';
export { SerialLinkMachine } from './serial-link-machine.ts';
export type { SerialAction, SerialLinkPolicy, SerialTimer } from './serial-link-machine.ts';
export { SerialZvtLink, openSerialPortChannel } from './serial-link.ts';
export type { ByteChannel, SerialLineSettings, SerialLinkOptions } from './serial-link.ts';
export { TcpZvtLink } from './tcp-link.ts';
export type { TcpLinkOptions } from './tcp-link.ts';
