/**
 * Packed BCD and the LLVAR/LLLVAR length prefixes of ZVT BMPs (zvt.md §4).
 */
import { codecError } from './errors.ts';

/** Encodes a string of decimal digits as packed BCD of exactly `byteLength` bytes, left-padded with 0. */
export function encodeBcd(digits: string, byteLength: number): Uint8Array {
  if (!/^[0-9]*$/.test(digits) || digits.length > byteLength * 2) {
    throw codecError('zvtsim.bcd_invalid', `cannot encode "${digits}" as ${byteLength}-byte BCD`);
  }
  const padded = digits.padStart(byteLength * 2, '0');
  const out = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i++) {
    out[i] = (Number(padded[2 * i]) << 4) | Number(padded[2 * i + 1]);
  }
  return out;
}

/** Decodes packed BCD into its digit string (leading zeros kept). */
export function decodeBcd(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const hi = byte >> 4;
    const lo = byte & 0x0f;
    if (hi > 9 || lo > 9) {
      throw codecError('zvtsim.bcd_invalid', `byte ${hex(byte)} is not packed BCD`);
    }
    out += `${hi}${lo}`;
  }
  return out;
}

/** Decodes BCD as a non-negative integer. */
export function decodeBcdNumber(bytes: Uint8Array): number {
  return Number(decodeBcd(bytes));
}

export function encodeBcdNumber(value: number, byteLength: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw codecError('zvtsim.bcd_invalid', `cannot encode ${value} as BCD`);
  }
  return encodeBcd(String(value), byteLength);
}

/** Largest amount BMP 04 can carry: 12 BCD digits of minor units. */
export const MAX_AMOUNT_CENTS = 999_999_999_999;

/** BMP 04: amount in minor units, 6 bytes BCD (12.34 € = 00 00 00 00 12 34). */
export function encodeAmount(cents: number): Uint8Array {
  if (cents > MAX_AMOUNT_CENTS) throw codecError('zvtsim.bcd_invalid', `amount ${cents} exceeds 12 digits`);
  return encodeBcdNumber(cents, 6);
}

/**
 * Encodes a PAN for BMP 22: digits, `*` for a masked digit (sent as nibble E), odd count padded with F.
 */
export function encodePan(pan: string): Uint8Array {
  if (!/^[0-9*]+$/.test(pan)) throw codecError('zvtsim.bcd_invalid', `PAN "${pan}" has invalid characters`);
  const nibbles = [...pan].map((c) => (c === '*' ? 0x0e : Number(c)));
  if (nibbles.length % 2 === 1) nibbles.push(0x0f);
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/** Inverse of encodePan: E nibbles become `*`, a trailing F pad is dropped. */
export function decodePan(bytes: Uint8Array): string {
  let out = '';
  bytes.forEach((byte, i) => {
    for (const [k, nibble] of [byte >> 4, byte & 0x0f].entries()) {
      if (nibble <= 9) out += String(nibble);
      else if (nibble === 0x0e) out += '*';
      else if (nibble === 0x0f && i === bytes.length - 1 && k === 1) break;
      else throw codecError('zvtsim.bcd_invalid', `PAN nibble ${nibble.toString(16)} at byte ${i}`);
    }
  });
  return out;
}

/** LLVAR / LLLVAR prefix: each length digit in the low nibble of an `Fx` byte (zvt.md §4). */
export function encodeVarLength(length: number, digits: 2 | 3): Uint8Array {
  const max = digits === 2 ? 99 : 999;
  if (!Number.isInteger(length) || length < 0 || length > max) {
    throw codecError(
      'zvtsim.bmp_invalid',
      `length ${length} does not fit ${digits === 2 ? 'LLVAR' : 'LLLVAR'}`,
    );
  }
  const text = String(length).padStart(digits, '0');
  return Uint8Array.from([...text].map((c) => 0xf0 | Number(c)));
}

export function decodeVarLength(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) {
    if (byte >> 4 !== 0x0f || (byte & 0x0f) > 9) {
      throw codecError('zvtsim.bmp_invalid', `length byte ${hex(byte)} is not Fx`);
    }
    value = value * 10 + (byte & 0x0f);
  }
  return value;
}

export function hex(value: number | Uint8Array): string {
  if (typeof value === 'number') return value.toString(16).padStart(2, '0').toUpperCase();
  return [...value].map((b) => hex(b)).join(' ');
}
