import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BMP_FORMATS, type Bmp, decodeBmps, encodeBmps } from './bmp.ts';
import { ZvtCodecError } from './errors.ts';
import { decodeTlv, encodeTlv } from './tlv.ts';

const bmpArb: fc.Arbitrary<Bmp> = fc.constantFrom(...BMP_FORMATS.keys()).chain((tag) => {
  const format = BMP_FORMATS.get(tag)!;
  const max =
    format.kind === 'fixed' ? format.length : format.kind === 'll' ? 99 : format.kind === 'lll' ? 400 : 300;
  const min = format.kind === 'fixed' ? format.length : 0;
  return fc.uint8Array({ minLength: min, maxLength: max }).map((value) => ({ tag, value }));
});

describe('BMP', () => {
  it('encodes fixed, LLVAR and TLV BMPs as zvt.md §4 shows', () => {
    expect([...encodeBmps([{ tag: 0x04, value: Uint8Array.of(0, 0, 0, 0, 0x10, 0) }])]).toEqual([
      0x04, 0, 0, 0, 0, 0x10, 0,
    ]);
    expect([...encodeBmps([{ tag: 0x8b, value: Uint8Array.of(0x56, 0x49) }])]).toEqual([
      0x8b, 0xf0, 0xf2, 0x56, 0x49,
    ]);
    expect([...encodeBmps([{ tag: 0x06, value: new Uint8Array(0x90) }]).subarray(0, 3)]).toEqual([
      0x06, 0x81, 0x90,
    ]);
  });

  it('round-trips lists of BMPs', () => {
    fc.assert(
      fc.property(fc.array(bmpArb, { maxLength: 8 }), (bmps) => {
        expect(decodeBmps(encodeBmps(bmps))).toEqual(bmps);
      }),
    );
  });

  it('fails loudly on an unknown tag', () => {
    expect(() => decodeBmps(Uint8Array.of(0x99, 0x00))).toThrow(
      expect.objectContaining({ code: 'zvtsim.bmp_unknown' }),
    );
  });

  it('decodeBmps throws only ZvtCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        try {
          decodeBmps(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ZvtCodecError);
        }
      }),
    );
  });
});

describe('TLV container', () => {
  it('reads multi-byte tags and long lengths', () => {
    const objects = [
      { tag: '1F07', value: Uint8Array.of(0x02) },
      { tag: '24', value: new Uint8Array(200) },
    ];
    const bytes = encodeTlv(objects);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x07, 0x01, 0x02]);
    expect([...bytes.subarray(4, 7)]).toEqual([0x24, 0x81, 200]);
    expect(decodeTlv(bytes)).toEqual(objects);
  });

  it('decodeTlv throws only ZvtCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        try {
          decodeTlv(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ZvtCodecError);
        }
      }),
    );
  });
});
