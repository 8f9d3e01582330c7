/**
 * ZVT over USB HID with our own report scheme (hid-framing.ts): each APDU is packed into fixed-size
 * reports and rebuilt from them. USB checks integrity, so there is no CRC and no ACK/NAK byte here; a lost
 * or reordered report is a decode error the session records. `node-hid` appears only in
 * {@link openNodeHidDevice}; tests use an in-memory device.
 */
import { type ZvtApdu, decodeApdu, encodeApdu } from '../apdu.ts';
import { ZvtDecodeError } from '../errors.ts';
import {
  DEFAULT_HID_FRAMING,
  type HidFramingOptions,
  HidReassembler,
  packHidReports,
} from '../hid-framing.ts';
import type { LinkReceive } from '../session.ts';
import { ZvtTransportError } from './errors.ts';
import { LinkInbox } from './link-inbox.ts';
import type { ManagedZvtLink } from './managed-link.ts';

/** The part of node-hid's `HID` this link uses. */
export interface HidDevice {
  /** Writes one output report (byte 0 = report id); returns the bytes written, throws on failure. */
  write(report: number[] | Buffer): number;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface HidLinkOptions {
  readonly open: () => Promise<HidDevice>;
  readonly framing?: HidFramingOptions;
}

export class HidZvtLink implements ManagedZvtLink {
  readonly #options: HidLinkOptions;
  readonly #framing: HidFramingOptions;
  readonly #inbox = new LinkInbox();
  #device: HidDevice | undefined;
  #closedByUs = false;

  constructor(options: HidLinkOptions) {
    this.#options = options;
    this.#framing = options.framing ?? DEFAULT_HID_FRAMING;
    this.#inbox.close('HID device not open yet');
  }

  get connected(): boolean {
    return this.#device !== undefined;
  }

  async connect(): Promise<void> {
    if (this.#closedByUs) throw new ZvtTransportError('zvt.link_closed', 'connect after close()');
    if (this.#device !== undefined) return;
    const device = await this.#options.open();
    const reassembler = new HidReassembler(this.#framing);
    this.#device = device;
    this.#inbox.reopen();
    device.on('data', (data) => {
      if (this.#device !== device) return;
      for (const event of reassembler.push(this.#withReportId(data))) {
        if (event.type === 'error') this.#inbox.pushError(event.error);
        else this.#deliver(event.message);
      }
    });
    device.on('error', (error) => this.#lost(device, error.message));
  }

  async send(apdu: ZvtApdu): Promise<void> {
    const device = this.#device;
    if (device === undefined) throw new ZvtTransportError('zvt.connection_lost', 'send: HID device not open');
    for (const report of packHidReports(encodeApdu(apdu), this.#framing)) {
      let written: number;
      try {
        written = device.write(Buffer.from(report.buffer, report.byteOffset, report.length));
      } catch (e) {
        this.#lost(device, e instanceof Error ? e.message : String(e));
        throw new ZvtTransportError('zvt.connection_lost', `HID write failed: ${String(e)}`, { cause: e });
      }
      if (written < report.length) {
        throw new ZvtTransportError('zvt.connection_lost', `HID wrote ${written} of ${report.length} B`);
      }
    }
  }

  receive(timeoutMs: number): Promise<LinkReceive> {
    return this.#inbox.receive(timeoutMs);
  }

  async discardStale(): Promise<number> {
    return this.#inbox.discard();
  }

  async close(): Promise<void> {
    this.#closedByUs = true;
    const device = this.#device;
    if (device !== undefined) this.#lost(device, 'closed by the kiosk');
    this.#inbox.close('closed by the kiosk');
  }

  /**
   * hidapi drops report id 0 from input reports of devices without numbered reports, so such a read is
   * one byte short; put the id back so the reassembler sees whole reports. [assumption: hidraw/libusb
   * behave alike here]
   */
  #withReportId(data: Buffer): Uint8Array {
    const { reportSize, reportId } = this.#framing;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
    if (reportId === 0 && bytes.length === reportSize - 1) {
      const full = new Uint8Array(reportSize);
      full.set(bytes, 1);
      return full;
    }
    return bytes;
  }

  #deliver(message: Uint8Array): void {
    try {
      this.#inbox.pushApdu(decodeApdu(message));
    } catch (e) {
      if (!(e instanceof ZvtDecodeError)) throw e;
      this.#inbox.pushError(e);
    }
  }

  #lost(device: HidDevice, detail: string): void {
    if (this.#device !== device) return;
    this.#device = undefined;
    try {
      device.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.#inbox.close(`zvt.connection_lost: HID ${detail}`);
  }
}

/** Opens the first HID device with this vendor/product id through node-hid (loaded only when used). */
export async function openNodeHidDevice(vendorId: number, productId: number): Promise<HidDevice> {
  const where = `HID ${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
  let hid: typeof import('node-hid');
  try {
    hid = await import('node-hid');
  } catch (e) {
    throw new ZvtTransportError('zvt.device_unavailable', `${where}: node-hid not loadable: ${String(e)}`, {
      cause: e,
    });
  }
  try {
    return new hid.HID(vendorId, productId);
  } catch (e) {
    throw new ZvtTransportError(
      'zvt.device_unavailable',
      `${where}: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
}
