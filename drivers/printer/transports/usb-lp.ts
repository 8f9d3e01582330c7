import { constants, type promises as fsp } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrinterTransportError } from '../errors.ts';
import type { PrinterTransport } from './transport.ts';

export interface UsbLpTransportOptions {
  /** The kernel usblp device (escpos.md §8); use a udev symlink for a stable name. */
  readonly path?: string;
  /** How often a read looks for an answer while waiting. */
  readonly pollIntervalMs?: number;
  /** How long a write may wait for a printer whose buffer is full (EAGAIN). */
  readonly writeTimeoutMs?: number;
}

const isAgain = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'EAGAIN' || error.code === 'EWOULDBLOCK');

/**
 * Linux USB printer class device (`/dev/usb/lp0`). Opened non-blocking, so a read never parks a
 * libuv thread on a printer that does not answer: it polls until the timeout. Reads only work if
 * the printer's USB interface is bidirectional.
 */
export async function openUsbLpTransport(options: UsbLpTransportOptions = {}): Promise<PrinterTransport> {
  const path = options.path ?? '/dev/usb/lp0';
  try {
    const handle = await open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    return new UsbLpTransport(handle, path, options.pollIntervalMs ?? 10, options.writeTimeoutMs ?? 10_000);
  } catch (error) {
    throw new PrinterTransportError(`open ${path}: ${(error as Error).message}`, { cause: error });
  }
}

class UsbLpTransport implements PrinterTransport {
  private readonly handle: fsp.FileHandle;
  private readonly path: string;
  private readonly pollIntervalMs: number;
  private readonly writeTimeoutMs: number;
  private closed = false;

  constructor(handle: fsp.FileHandle, path: string, pollIntervalMs: number, writeTimeoutMs: number) {
    this.handle = handle;
    this.path = path;
    this.pollIntervalMs = pollIntervalMs;
    this.writeTimeoutMs = writeTimeoutMs;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const deadline = Date.now() + this.writeTimeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      this.assertOpen();
      try {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        if (!isAgain(error)) throw this.failure('write', error);
        if (Date.now() > deadline)
          throw this.failure('write', new Error(`printer busy for ${this.writeTimeoutMs} ms`));
        await sleep(this.pollIntervalMs);
      }
    }
  }

  async read(count: number, timeoutMs: number): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      this.assertOpen();
      const got = await this.readOnce(out, filled, count - filled);
      filled += got;
      if (filled >= count || Date.now() >= deadline) break;
      if (got === 0) await sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())));
    }
    return out.slice(0, filled);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  /** One non-blocking read: 0 when nothing is waiting. */
  private async readOnce(into: Uint8Array, offset: number, length: number): Promise<number> {
    try {
      const { bytesRead } = await this.handle.read(into, offset, length, null);
      return bytesRead;
    } catch (error) {
      if (isAgain(error)) return 0;
      throw this.failure('read', error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new PrinterTransportError(`${this.path} is closed`);
  }

  private failure(what: string, error: unknown): PrinterTransportError {
    return new PrinterTransportError(`${what} ${this.path}: ${(error as Error).message}`, { cause: error });
  }
}
