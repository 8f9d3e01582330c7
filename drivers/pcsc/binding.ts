/**
 * The slice of the `pcsclite` native binding we use, typed, and a loader. Kept thin and separate so the
 * monitor and the connection can be driven by a fake in unit tests.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

export interface BindingReaderStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

export interface BindingReader extends EventEmitter {
  readonly name: string;
  /** The binding's own flag: it skips SCardConnect (and gives no protocol) while this is true. */
  readonly connected: boolean;
  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(
    data: Buffer,
    responseLength: number,
    protocol: number,
    callback: (error: unknown, data: Buffer) => void,
  ): void;
  close(): void;
}

export interface BindingContext extends EventEmitter {
  close(): void;
}

/** Creates a PC/SC context; throws synchronously when pcscd is not running ("Service not available"). */
export type BindingFactory = () => BindingContext;

/** PC/SC constants (pcsc-lite pcsclite.h; dnie.md §2). */
export const SCARD_SHARE = { exclusive: 1, shared: 2, direct: 3 } as const;
export const SCARD_PROTOCOL = { T0: 1, T1: 2, any: 3 } as const;
export const SCARD_DISPOSITION = { leave: 0, reset: 1, unpower: 2, eject: 3 } as const;
export const SCARD_STATE = {
  UNAWARE: 0x0,
  IGNORE: 0x1,
  CHANGED: 0x2,
  UNKNOWN: 0x4,
  UNAVAILABLE: 0x8,
  EMPTY: 0x10,
  PRESENT: 0x20,
  ATRMATCH: 0x40,
  EXCLUSIVE: 0x80,
  INUSE: 0x100,
  MUTE: 0x200,
} as const;

let cached: BindingFactory | undefined;

export function loadPcscBinding(): BindingFactory {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = require('pcsclite') as BindingFactory;
  }
  return cached;
}
