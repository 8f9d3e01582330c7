/**
 * ZVT over a serial line (docs/zvt.md §2.1): a thin adapter that runs {@link SerialLinkMachine} on a
 * byte channel — it writes what the machine says, runs its two timers (T1, T3) and turns the frames it
 * delivers into APDUs for the session. `serialport` appears only in {@link openSerialPortChannel}; tests
 * use an in-memory channel.
 */
import { SerialPort } from 'serialport';
import { type ZvtApdu, decodeApdu, encodeApdu } from '../apdu.ts';
import { ZvtDecodeError } from '../errors.ts';
import { DEFAULT_SERIAL_LINE } from '../serial-framing.ts';
import type { LinkReceive } from '../session.ts';
import { ZvtTransportError } from './errors.ts';
import { LinkInbox } from './link-inbox.ts';
import type { ManagedZvtLink } from './managed-link.ts';
import {
  type SerialAction,
  type SerialLinkPolicy,
  SerialLinkMachine,
  type SerialTimer,
} from './serial-link-machine.ts';

/** A raw byte pipe: a serial port, or a test double. */
export interface ByteChannel {
  write(bytes: Uint8Array): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the channel goes away (port closed, USB adapter unplugged). */
  onClose(listener: (detail: string) => void): void;
  close(): Promise<void>;
}

export interface SerialLinkOptions {
  /** Opens the channel; called by {@link SerialZvtLink.connect} (again after the channel was lost). */
  readonly open: () => Promise<ByteChannel>;
  readonly policy?: Partial<SerialLinkPolicy>;
  /** Line noise and retries, for the technician's log. */
  readonly log?: (line: string) => void;
}

interface Session {
  readonly channel: ByteChannel;
  readonly machine: SerialLinkMachine;
  readonly timers: Map<SerialTimer, ReturnType<typeof setTimeout>>;
  readonly pending: Map<number, { resolve: () => void; reject: (e: Error) => void }>;
  ended: boolean;
}

export class SerialZvtLink implements ManagedZvtLink {
  readonly #options: SerialLinkOptions;
  readonly #inbox = new LinkInbox();
  #session: Session | undefined;
  #opening: Promise<void> | undefined;
  #closedByUs = false;

  constructor(options: SerialLinkOptions) {
    this.#options = options;
    this.#inbox.close('serial port not open yet');
  }

  get connected(): boolean {
    return this.#session !== undefined && !this.#session.ended;
  }

  /** Opens the channel if it is not open. Rejects with `zvt.device_unavailable` or `zvt.link_closed`. */
  connect(): Promise<void> {
    if (this.#closedByUs)
      return Promise.reject(new ZvtTransportError('zvt.link_closed', 'connect after close()'));
    if (this.connected) return Promise.resolve();
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  send(apdu: ZvtApdu): Promise<void> {
    const s = this.#session;
    if (s === undefined || s.ended) {
      return Promise.reject(new ZvtTransportError('zvt.connection_lost', 'send: serial port not open'));
    }
    return new Promise((resolve, reject) => {
      const { id, actions } = s.machine.send(encodeApdu(apdu));
      s.pending.set(id, { resolve, reject });
      this.#run(s, actions);
    });
  }

  receive(timeoutMs: number): Promise<LinkReceive> {
    return this.#inbox.receive(timeoutMs);
  }

  /** The line stays open (a serial line has no connection to renew); only queued messages go. */
  async discardStale(): Promise<number> {
    return this.#inbox.discard();
  }

  async close(): Promise<void> {
    this.#closedByUs = true;
    await this.#opening?.catch(() => {});
    const s = this.#session;
    if (s !== undefined) {
      this.#end(s, 'closed by the kiosk');
      await s.channel.close().catch(() => {});
    }
    this.#inbox.close('closed by the kiosk');
  }

  async #open(): Promise<void> {
    const channel = await this.#options.open();
    if (this.#closedByUs) {
      await channel.close().catch(() => {});
      throw new ZvtTransportError('zvt.link_closed', 'closed while opening');
    }
    const s: Session = {
      channel,
      machine: new SerialLinkMachine(this.#options.policy),
      timers: new Map(),
      pending: new Map(),
      ended: false,
    };
    this.#session = s;
    this.#inbox.reopen();
    channel.onData((bytes) => {
      if (!s.ended) this.#run(s, s.machine.bytes(bytes));
    });
    channel.onClose((detail) => this.#end(s, `zvt.connection_lost: serial port closed (${detail})`));
  }

  #end(s: Session, detail: string): void {
    if (s.ended) return;
    this.#run(s, s.machine.close(detail));
    s.ended = true;
    for (const t of s.timers.values()) clearTimeout(t);
    s.timers.clear();
    if (this.#session === s) this.#inbox.close(detail);
  }

  #run(s: Session, actions: readonly SerialAction[]): void {
    for (const a of actions) {
      switch (a.type) {
        case 'write':
          if (!s.ended) s.channel.write(a.bytes);
          break;
        case 'start_timer': {
          clearTimeout(s.timers.get(a.timer));
          if (s.ended) break;
          s.timers.set(
            a.timer,
            setTimeout(() => {
              s.timers.delete(a.timer);
              if (!s.ended) this.#run(s, s.machine.timer(a.timer));
            }, a.ms),
          );
          break;
        }
        case 'stop_timer':
          clearTimeout(s.timers.get(a.timer));
          s.timers.delete(a.timer);
          break;
        case 'received':
          this.#deliver(a.apdu);
          break;
        case 'receive_failed':
          this.#options.log?.(`serial: gave up on a frame: ${a.error.detail ?? ''}`);
          this.#inbox.pushError(a.error);
          break;
        case 'sent':
          s.pending.get(a.id)?.resolve();
          s.pending.delete(a.id);
          break;
        case 'send_failed':
          this.#options.log?.(`serial: send failed: ${a.error.detail ?? ''}`);
          s.pending.get(a.id)?.reject(a.error);
          s.pending.delete(a.id);
          break;
        case 'garbage':
          this.#options.log?.(`serial: ignored ${a.count} byte(s) between frames`);
          break;
        case 'note':
          this.#options.log?.(`serial: ${a.text}`);
          break;
      }
    }
  }

  #deliver(bytes: Uint8Array): void {
    try {
      this.#inbox.pushApdu(decodeApdu(bytes));
    } catch (e) {
      if (!(e instanceof ZvtDecodeError)) throw e;
      this.#inbox.pushError(e);
    }
  }
}

export interface SerialLineSettings {
  readonly path: string;
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly stopBits?: 1 | 2;
  readonly parity?: 'none' | 'even' | 'odd';
}

/** Opens a serial device (or pty) with `serialport`; default line 9600 8N2 (docs/zvt.md §2.1). */
export function openSerialPortChannel(settings: SerialLineSettings): Promise<ByteChannel> {
  const port = new SerialPort({
    path: settings.path,
    baudRate: settings.baudRate ?? DEFAULT_SERIAL_LINE.baudRate,
    dataBits: settings.dataBits ?? DEFAULT_SERIAL_LINE.dataBits,
    stopBits: settings.stopBits ?? DEFAULT_SERIAL_LINE.stopBits,
    parity: settings.parity ?? DEFAULT_SERIAL_LINE.parity,
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(
          new ZvtTransportError('zvt.device_unavailable', `${settings.path}: ${error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      let closeDetail = 'closed';
      port.on('error', (e: Error) => {
        closeDetail = e.message;
      });
      resolve({
        write: (bytes) => {
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
        },
        onData: (listener) => port.on('data', (data: Buffer) => listener(new Uint8Array(data))),
        onClose: (listener) => port.once('close', () => listener(`${settings.path}: ${closeDetail}`)),
        close: () =>
          new Promise<void>((done) => {
            if (!port.isOpen) done();
            else port.close(() => done());
          }),
      });
    });
  });
}
