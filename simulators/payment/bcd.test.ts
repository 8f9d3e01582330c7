import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBcd,
  decodeBcdNumber,
  decodePan,
  decodeVarLength,
  encodeAmount,
  encodeBcd,
  encodePan,
  encodeVarLength,
} from './bcd.ts';
import { ZvtCodecError } from './errors.ts';

describe('BCD', () => {
  it('encodes amounts as 6-byte packed BCD (zvt.md §4)', () => {
    expect([...encodeAmount(1234)]).toEqual([0, 0, 0, 0, 0x12, 0x34]);
    expect([...encodeAmount(1000)]).toEqual([0, 0, 0, 0, 0x10, 0x00]);
  });

  it('round-trips digit strings', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) => fc.tuple(fc.constant(n), fc.stringMatching(new RegExp(`^[0-9]{0,${2 * n}}$`)))),
        ([n, digits]) => {
          expect(decodeBcd(encodeBcd(digits, n))).toBe(digits.padStart(2 * n, '0'));
        },
      ),
    );
  });

  it('round-trips amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (cents) => {
        expect(decodeBcdNumber(encodeAmount(cents))).toBe(cents);
      }),
    );
  });

  it('refuses non-BCD bytes and oversized values with its typed error', () => {
    expect(() => decodeBcd(Uint8Array.of(0x1a))).toThrow(ZvtCodecError);
    expect(() => encodeBcd('123', 1)).toThrow(ZvtCodecError);
    expect(() => encodeAmount(1_000_000_000_000)).toThrow(ZvtCodecError);
  });

  it('encodes masked PANs with E nibbles and F padding', () => {
    expect([...encodePan('4761*')]).toEqual([0x47, 0x61, 0xef]);
    expect(decodePan(Uint8Array.of(0x47, 0x61, 0xef))).toBe('4761*');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9*]{1,19}$/), (pan) => {
        expect(decodePan(encodePan(pan))).toBe(pan);
      }),
    );
  });

  it('codes LLVAR / LLLVAR lengths as Fx digits', () => {
    expect([...encodeVarLength(4, 2)]).toEqual([0xf0, 0xf4]);
    expect([...encodeVarLength(123, 3)]).toEqual([0xf1, 0xf2, 0xf3]);
    expect(decodeVarLength(Uint8Array.of(0xf1, 0xf2, 0xf3))).toBe(123);
    expect(() => encodeVarLength(100, 2)).toThrow(ZvtCodecError);
  });

  it('decoders throw nothing but ZvtCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        for (const decode of [decodeBcd, decodePan, decodeVarLength]) {
          try {
            decode(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(ZvtCodecError);
          }
        }
      }),
    );
  });
});
