/**
 * Packed BCD as ZVT uses it (spec PA00P015 §4 "BMP table", docs/zvt.md §4): two decimal digits per byte,
 * high nibble first. Amounts are 6 bytes (12 digits, minor units); LLVAR/LLLVAR lengths use `Fx` bytes.
 */
import { ZvtDecodeError, ZvtEncodeError, hex } from './errors.ts';

/** Largest amount in a 6-byte BCD field: 999 999 999 999 minor units (fits a JS safe integer). */
export const MAX_BCD_AMOUNT = 999_999_999_999;

/** Packs a digit string, left-padded with `0` to `byteLength * 2` digits. */
export function encodeBcd(digits: string, byteLength: number): Uint8Array {
  if (!/^[0-9]*$/.test(digits)) {
    throw new ZvtEncodeError(`BCD expects decimal digits, got ${JSON.stringify(digits)}`);
  }
  if (digits.length > byteLength * 2) {
    throw new ZvtEncodeError(`${digits.length} digits do not fit ${byteLength} BCD bytes`);
  }
  const padded = digits.padStart(byteLength * 2, '0');
  const out = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i++) {
    out[i] = (Number(padded[2 * i]) << 4) | Number(padded[2 * i + 1]);
  }
  return out;
}

/** Unpacks every nibble as a digit; a nibble above 9 is a typed error. */
export function decodeBcd(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) {
      throw new ZvtDecodeError('zvt.bcd_invalid', `non-decimal nibble in BCD ${hex(bytes)}`);
    }
    out += String(hi) + String(lo);
  }
  return out;
}

/** A non-negative integer as fixed-width BCD (trace numbers, receipt numbers, currency codes...). */
export function encodeBcdNumber(value: number, byteLength: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ZvtEncodeError(`BCD number must be a non-negative safe integer, got ${value}`);
  }
  return encodeBcd(String(value), byteLength);
}

export function decodeBcdNumber(bytes: Uint8Array): number {
  const digits = decodeBcd(bytes);
  return digits.length === 0 ? 0 : Number(digits);
}

/** BMP 04: amount in minor units (cents), 6 bytes BCD (12.34 € = `00 00 00 00 12 34`). */
export function encodeAmount(cents: number): Uint8Array {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_BCD_AMOUNT) {
    throw new ZvtEncodeError(`amount must be an integer 0..${MAX_BCD_AMOUNT} cents, got ${cents}`);
  }
  return encodeBcd(String(cents), 6);
}

export function decodeAmount(bytes: Uint8Array): number {
  if (bytes.length !== 6) {
    throw new ZvtDecodeError('zvt.bmp_length_invalid', `amount needs 6 BCD bytes, got ${bytes.length}`);
  }
  return decodeBcdNumber(bytes);
}

/**
 * BMP 22 PAN: BCD digits, `E` marks a masked digit (shown as `*`), `F` pads an odd digit count
 * (docs/zvt.md §4). Padding is only accepted at the end.
 */
export function decodePan(bytes: Uint8Array): string {
  let out = '';
  let ended = false;
  for (const b of bytes) {
    for (const nibble of [b >> 4, b & 0x0f]) {
      if (nibble === 0x0f) {
        ended = true;
        continue;
      }
      if (ended) {
        throw new ZvtDecodeError('zvt.bcd_invalid', `PAN digit after F padding in ${hex(bytes)}`);
      }
      if (nibble <= 9) out += String(nibble);
      else if (nibble === 0x0e) out += '*';
      else throw new ZvtDecodeError('zvt.bcd_invalid', `PAN nibble ${nibble.toString(16)} in ${hex(bytes)}`);
    }
  }
  return out;
}

/** Inverse of {@link decodePan}: digits and `*`, padded with `F` to whole bytes. */
export function encodePan(pan: string): Uint8Array {
  if (!/^[0-9*]*$/.test(pan)) {
    throw new ZvtEncodeError('PAN must hold digits and * only');
  }
  const nibbles = Array.from(pan, (c) => (c === '*' ? 0x0e : Number(c)));
  if (nibbles.length % 2 === 1) nibbles.push(0x0f);
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/**
 * LLVAR / LLLVAR length prefix: `digitCount` bytes `F0`–`F9`, decimal digits in the low nibbles
 * (`F1 F2` = 12). Spec §4 / Portalum BmpParser GetDataLengthLL.
 */
export function encodeVarLength(length: number, digitCount: 2 | 3): Uint8Array {
  const max = digitCount === 2 ? 99 : 999;
  if (!Number.isInteger(length) || length < 0 || length > max) {
    throw new ZvtEncodeError(`length ${length} does not fit an L${'L'.repeat(digitCount - 1)}VAR prefix`);
  }
  const digits = String(length).padStart(digitCount, '0');
  return Uint8Array.from(digits, (d) => 0xf0 | Number(d));
}

export function decodeVarLength(bytes: Uint8Array): number {
  let value = 0;
  for (const b of bytes) {
    if (b >> 4 !== 0x0f || (b & 0x0f) > 9) {
      throw new ZvtDecodeError('zvt.bmp_length_invalid', `bad LLVAR length byte in ${hex(bytes)}`);
    }
    value = value * 10 + (b & 0x0f);
  }
  return value;
}
