export { openSerialTransport, type SerialTransportOptions } from './serial.ts';
export { openTcpTransport, type TcpTransportOptions } from './tcp.ts';
export type { PrinterTransport } from './transport.ts';
export { openUsbLpTransport, type UsbLpTransportOptions } from './usb-lp.ts';
