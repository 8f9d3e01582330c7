/**
 * ZVT over TCP (docs/zvt.md §2.2): raw APDUs on the socket, no framing, no CRC, no byte ACKs; the
 * {@link ApduStreamReader} finds the boundaries. TCP says nothing while a terminal works for minutes, so
 * liveness is the session's T3/T4 timeouts; a dropped socket ends the running command as `link_lost`
 * (outcome unknown). The link does not reconnect by itself in the middle of a command: the owner calls
 * {@link TcpZvtLink.connect} before the next one.
 */
import { type Socket, connect as netConnect } from 'node:net';
import { ApduStreamReader, type ZvtApdu, encodeApdu } from '../apdu.ts';
import type { LinkReceive } from '../session.ts';
import { ZvtTransportError } from './errors.ts';
import { LinkInbox } from './link-inbox.ts';
import type { ManagedZvtLink } from './managed-link.ts';

export interface TcpLinkOptions {
  readonly host: string;
  readonly port: number;
  /** Longest wait for the TCP handshake. Default 5 s (the T3 of docs/zvt.md §2.1). */
  readonly connectTimeoutMs?: number;
}

/** errno codes that mean "nobody there": the command certainly did not start. */
const REFUSED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
]);

export class TcpZvtLink implements ManagedZvtLink {
  readonly #options: TcpLinkOptions;
  readonly #inbox = new LinkInbox();
  readonly #reader = new ApduStreamReader();
  #socket: Socket | undefined;
  #connecting: Promise<void> | undefined;
  #closedByUs = false;

  constructor(options: TcpLinkOptions) {
    this.#options = options;
    this.#inbox.close('not connected yet');
  }

  /** True while a socket is open (it may still die before the next byte). */
  get connected(): boolean {
    return this.#socket !== undefined && !this.#inbox.closed;
  }

  /**
   * Opens the connection if there is none (idempotent). Rejects with a {@link ZvtTransportError}
   * `zvt.connect_refused` / `zvt.connect_timeout` / `zvt.link_closed`.
   */
  connect(): Promise<void> {
    if (this.#closedByUs) {
      return Promise.reject(new ZvtTransportError('zvt.link_closed', 'connect after close()'));
    }
    if (this.connected) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  send(apdu: ZvtApdu): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined || !this.connected || socket.destroyed) {
      return Promise.reject(
        new ZvtTransportError('zvt.connection_lost', `send on ${this.#where()}: not connected`),
      );
    }
    const bytes = encodeApdu(apdu);
    return new Promise((resolve, reject) => {
      socket.write(bytes, (error) => {
        if (error)
          reject(new ZvtTransportError('zvt.connection_lost', `write to ${this.#where()}: ${error.message}`));
        else resolve();
      });
    });
  }

  receive(timeoutMs: number): Promise<LinkReceive> {
    return this.#inbox.receive(timeoutMs);
  }

  async discardStale(options: { readonly dropConnection?: boolean } = {}): Promise<number> {
    const dropped = this.#inbox.discard();
    const socket = this.#socket;
    if (options.dropConnection && socket !== undefined) {
      this.#socket = undefined;
      this.#inbox.close('connection dropped by the kiosk between commands');
      await destroyAndWait(socket);
    }
    return dropped;
  }

  /** Closes for good; a running receive gets `closed`. */
  async close(): Promise<void> {
    this.#closedByUs = true;
    await this.#connecting?.catch(() => {});
    const socket = this.#socket;
    this.#socket = undefined;
    this.#inbox.close('closed by the kiosk');
    if (socket !== undefined) await destroyAndWait(socket);
  }

  #where(): string {
    return `${this.#options.host}:${this.#options.port}`;
  }

  #open(): Promise<void> {
    const timeoutMs = this.#options.connectTimeoutMs ?? 5_000;
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: this.#options.host, port: this.#options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new ZvtTransportError(
            'zvt.connect_timeout',
            `${this.#where()}: no connection after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const onError = (error: NodeJS.ErrnoException): void => {
        clearTimeout(timer);
        const code = error.code ?? '';
        reject(
          new ZvtTransportError(
            REFUSED.has(code) ? 'zvt.connect_refused' : 'zvt.connection_lost',
            `${this.#where()}: ${code} ${error.message}`,
            { cause: error },
          ),
        );
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        if (this.#closedByUs) {
          socket.destroy();
          reject(new ZvtTransportError('zvt.link_closed', 'closed while connecting'));
          return;
        }
        socket.setNoDelay(true);
        // Keep-alive notices a terminal that vanished (power cut) while we wait minutes for a PIN.
        socket.setKeepAlive(true, 10_000);
        this.#attach(socket);
        resolve();
      });
    });
  }

  #attach(socket: Socket): void {
    this.#socket = socket;
    this.#reader.reset();
    this.#inbox.reopen();
    let lastError = '';
    socket.on('data', (chunk: Buffer) => {
      if (this.#socket !== socket) return;
      for (const event of this.#reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) {
        if (event.type === 'apdu') {
          this.#inbox.pushApdu(event.apdu);
        } else {
          // The APDU boundaries are lost (docs/zvt.md §2.2 has no resync marker): drop the connection.
          this.#inbox.pushError(event.error);
          lastError = `stream out of sync: ${event.error.detail ?? ''}`;
          socket.destroy();
        }
      }
    });
    socket.on('error', (error) => {
      lastError = error.message;
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#inbox.close(`zvt.connection_lost: ${this.#where()} closed${lastError ? ` (${lastError})` : ''}`);
    });
  }
}

function destroyAndWait(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  });
}
