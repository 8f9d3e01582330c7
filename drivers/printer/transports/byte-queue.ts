import { PrinterTransportError } from '../errors.ts';

/**
 * Buffer between a push source (socket or serial port 'data' events) and `PrinterTransport.read`:
 * keeps incoming bytes and serves one pending read with a timeout.
 */
export class ByteQueue {
  private buffer: Uint8Array = new Uint8Array(0);
  private failure: PrinterTransportError | undefined;
  private pending: { count: number; resolve: (bytes: Uint8Array) => void; timer: NodeJS.Timeout } | undefined;
  private failPending: ((error: PrinterTransportError) => void) | undefined;

  push(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
    if (this.pending !== undefined && this.buffer.length >= this.pending.count) this.settle();
  }

  /** The channel broke: the pending read and every later one reject with `error`. */
  fail(error: PrinterTransportError): void {
    this.failure ??= error;
    if (this.pending !== undefined) {
      clearTimeout(this.pending.timer);
      this.pending = undefined;
      this.failPending?.(this.failure);
    }
  }

  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.pending !== undefined) {
      return Promise.reject(new PrinterTransportError('read called while another read is pending'));
    }
    if (this.buffer.length >= count) return Promise.resolve(this.take(count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(), timeoutMs);
      this.pending = { count, resolve, timer };
      this.failPending = reject;
    });
  }

  private settle(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.resolve(this.take(pending.count));
  }

  private take(count: number): Uint8Array {
    const out = this.buffer.slice(0, count);
    this.buffer = this.buffer.slice(out.length);
    return out;
  }
}
