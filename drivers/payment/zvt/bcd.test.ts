import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_BCD_AMOUNT,
  decodeAmount,
  decodeBcd,
  decodeBcdNumber,
  decodePan,
  decodeVarLength,
  encodeAmount,
  encodeBcd,
  encodeBcdNumber,
  encodePan,
  encodeVarLength,
} from './bcd.ts';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import { fromHex, onlyTypedErrors } from './test-support.ts';

describe('BCD', () => {
  it('packs amounts as 6 bytes of minor units (docs/zvt.md §4)', () => {
    expect(encodeAmount(1234)).toEqual(fromHex('00 00 00 00 12 34'));
    expect(encodeAmount(1000)).toEqual(fromHex('00 00 00 00 10 00'));
    expect(decodeAmount(fromHex('00 00 00 01 00 05'))).toBe(10005);
    expect(encodeAmount(MAX_BCD_AMOUNT)).toEqual(fromHex('99 99 99 99 99 99'));
  });

  it('refuses amounts that do not fit', () => {
    expect(() => encodeAmount(-1)).toThrow(ZvtEncodeError);
    expect(() => encodeAmount(1.5)).toThrow(ZvtEncodeError);
    expect(() => encodeAmount(MAX_BCD_AMOUNT + 1)).toThrow(ZvtEncodeError);
    expect(() => decodeAmount(fromHex('00 12 34'))).toThrow(ZvtDecodeError);
  });

  it('numbers and currency codes', () => {
    expect(encodeBcdNumber(978, 2)).toEqual(fromHex('09 78'));
    expect(decodeBcdNumber(fromHex('00 12 34'))).toBe(1234);
    expect(() => encodeBcd('12a', 2)).toThrow(ZvtEncodeError);
    expect(() => encodeBcd('12345', 2)).toThrow(ZvtEncodeError);
  });

  it('rejects non-decimal nibbles with a typed error', () => {
    expect(() => decodeBcd(fromHex('1A'))).toThrow(ZvtDecodeError);
    expect(() => decodeBcd(fromHex('F1'))).toThrow(ZvtDecodeError);
  });

  it('masked PANs: E is a hidden digit, F pads', () => {
    expect(decodePan(fromHex('67 34 EE EE EE EE 12 3F'))).toBe('6734********123');
    expect(encodePan('6734********123')).toEqual(fromHex('67 34 EE EE EE EE 12 3F'));
    expect(() => decodePan(fromHex('F1'))).toThrow(ZvtDecodeError);
    expect(() => decodePan(fromHex('1A'))).toThrow(ZvtDecodeError);
  });

  it('LLVAR / LLLVAR lengths', () => {
    expect(encodeVarLength(12, 2)).toEqual(fromHex('F1 F2'));
    expect(encodeVarLength(305, 3)).toEqual(fromHex('F3 F0 F5'));
    expect(decodeVarLength(fromHex('F0 F7'))).toBe(7);
    expect(() => decodeVarLength(fromHex('E1 F2'))).toThrow(ZvtDecodeError);
    expect(() => decodeVarLength(fromHex('FA F2'))).toThrow(ZvtDecodeError);
    expect(() => encodeVarLength(100, 2)).toThrow(ZvtEncodeError);
  });

  it('round-trips amounts, numbers, PANs and var lengths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_BCD_AMOUNT }), (n) => decodeAmount(encodeAmount(n)) === n),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), (len, n) => {
        const v = n % 10 ** (2 * len);
        return decodeBcdNumber(encodeBcdNumber(v, len)) === v;
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9*]{0,19}$/), (pan) => {
        expect(decodePan(encodePan(pan))).toBe(pan);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (n) => decodeVarLength(encodeVarLength(n, 3)) === n),
    );
  });

  it('arbitrary bytes never throw anything but ZvtDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        onlyTypedErrors(() => decodeBcd(bytes));
        onlyTypedErrors(() => decodePan(bytes));
        onlyTypedErrors(() => decodeVarLength(bytes));
        onlyTypedErrors(() => decodeAmount(bytes));
      }),
    );
  });
});
