/**
 * ZVT APDU: CLASS INSTR LEN DATA, LEN = 1 byte (00–FE) or FF + 2 bytes little-endian (zvt.md §1).
 * Also the stream reassembler for ZVT over TCP, where APDUs arrive unframed (zvt.md §2.2).
 */
import { hex } from './bcd.ts';
import { codecError } from './errors.ts';

export interface Apdu {
  /** CLASS byte of a command, or CCRC of a response (80 / 84). */
  readonly cls: number;
  /** INSTR byte of a command, or APRC of a response. */
  readonly ins: number;
  readonly data: Uint8Array;
}

export const MAX_APDU_DATA = 0xffff;

export function encodeApdu(apdu: Apdu): Uint8Array {
  const n = apdu.data.length;
  if (n > MAX_APDU_DATA) throw codecError('zvtsim.apdu_too_long', `APDU data of ${n} bytes`);
  const header = n < 0xff ? [apdu.cls, apdu.ins, n] : [apdu.cls, apdu.ins, 0xff, n & 0xff, n >> 8];
  const out = new Uint8Array(header.length + n);
  out.set(header, 0);
  out.set(apdu.data, header.length);
  return out;
}

/**
 * Total length of the APDU at the start of `bytes`, or undefined when the header itself is incomplete.
 */
export function apduLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 3) return undefined;
  if (bytes[2] !== 0xff) return 3 + bytes[2]!;
  if (bytes.length < 5) return undefined;
  return 5 + (bytes[3]! | (bytes[4]! << 8));
}

/** Decodes exactly one APDU; trailing or missing bytes are errors. */
export function decodeApdu(bytes: Uint8Array): Apdu {
  const total = apduLength(bytes);
  if (total === undefined || bytes.length < total) {
    throw codecError('zvtsim.apdu_truncated', `APDU header/data incomplete: ${hex(bytes.subarray(0, 16))}`);
  }
  if (bytes.length > total) {
    throw codecError(
      'zvtsim.apdu_truncated',
      `APDU of ${total} bytes followed by ${bytes.length - total} more`,
    );
  }
  const headerLength = bytes[2] === 0xff ? 5 : 3;
  return { cls: bytes[0]!, ins: bytes[1]!, data: bytes.slice(headerLength, total) };
}

/**
 * Splits a TCP byte stream into APDUs: several may come in one chunk, one may span chunks.
 * Pure state: push chunks, get complete APDUs back.
 */
export class ApduReassembler {
  #buffer: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer, 0);
    joined.set(chunk, this.#buffer.length);
    const out: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const rest = joined.subarray(offset);
      const total = apduLength(rest);
      if (total === undefined || rest.length < total) break;
      out.push(rest.slice(0, total));
      offset += total;
    }
    this.#buffer = joined.slice(offset);
    return out;
  }

  /** Bytes held while waiting for the rest of an APDU. */
  get pending(): number {
    return this.#buffer.length;
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }
}

export function apduName(apdu: Apdu): string {
  return `${hex(apdu.cls)} ${hex(apdu.ins)}`;
}
