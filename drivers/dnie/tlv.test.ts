import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TlvFormatError } from './errors.ts';
import { decodeTlvs, encodeTlv, encodeTlvs, type Tlv } from './tlv.ts';

const oneByteTag = fc.integer({ min: 0, max: 0xff }).filter((t) => (t & 0x1f) !== 0x1f);
const twoByteTag = fc
  .tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 0x7f }))
  .map(([cls, low]) => (((cls << 5) | 0x1f) << 8) | low);
const tlvArb: fc.Arbitrary<Tlv> = fc.record({
  tag: fc.oneof(oneByteTag, twoByteTag),
  value: fc.uint8Array({ maxLength: 400 }),
});

describe('BER-TLV codec', () => {
  it('encodes the DNIe objects as ISO 7816-4 shows them', () => {
    expect(Buffer.from(encodeTlv(0x99, Uint8Array.of(0x90, 0x00))).toString('hex')).toBe('99029000');
    expect(
      Buffer.from(encodeTlv(0x5f37, new Uint8Array(128)))
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('5f378180');
    expect(
      Buffer.from(encodeTlv(0x87, new Uint8Array(265)))
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('87820109');
  });

  it('round-trips any sequence of objects', () => {
    fc.assert(
      fc.property(fc.array(tlvArb, { maxLength: 6 }), (items) => {
        expect(decodeTlvs(encodeTlvs(items))).toEqual(items);
      }),
    );
  });

  it('never throws anything but TlvFormatError on arbitrary or truncated bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeTlvs(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TlvFormatError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.array(tlvArb, { minLength: 1, maxLength: 3 }), fc.nat(), (items, cut) => {
        const bytes = encodeTlvs(items);
        const truncated = bytes.subarray(0, cut % bytes.length);
        try {
          decodeTlvs(truncated);
        } catch (error) {
          expect(error).toBeInstanceOf(TlvFormatError);
        }
      }),
    );
  });

  it('refuses a length that runs past the end and non-minimal lengths', () => {
    expect(() => decodeTlvs(Uint8Array.of(0x87, 0x05, 1, 2))).toThrow(TlvFormatError);
    expect(() => decodeTlvs(Uint8Array.of(0x87, 0x81, 0x05, 1, 2, 3, 4, 5))).toThrow(TlvFormatError);
    expect(() => decodeTlvs(Uint8Array.of(0x87, 0x84, 0, 0, 0, 1, 0))).toThrow(TlvFormatError);
  });
});
