import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Apdu, ApduReassembler, decodeApdu, encodeApdu } from './apdu.ts';
import { ZvtCodecError } from './errors.ts';

const apduArb = fc.record({
  cls: fc.integer({ min: 0, max: 255 }),
  ins: fc.integer({ min: 0, max: 255 }),
  data: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 254, maxLength: 256 })),
});

describe('APDU', () => {
  it('uses a 1-byte length up to FE and FF + little-endian above (zvt.md §1)', () => {
    expect([...encodeApdu({ cls: 0x06, ins: 0x02, data: new Uint8Array(0) })]).toEqual([0x06, 0x02, 0x00]);
    const long = encodeApdu({ cls: 0x04, ins: 0x0f, data: new Uint8Array(300) });
    expect([...long.subarray(0, 5)]).toEqual([0x04, 0x0f, 0xff, 0x2c, 0x01]);
    expect(encodeApdu({ cls: 1, ins: 2, data: new Uint8Array(0xfe) })[2]).toBe(0xfe);
    expect(encodeApdu({ cls: 1, ins: 2, data: new Uint8Array(0xff) })[2]).toBe(0xff);
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(apduArb, (apdu: Apdu) => {
        expect(decodeApdu(encodeApdu(apdu))).toEqual(apdu);
      }),
    );
  });

  it('decodeApdu throws only ZvtCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          decodeApdu(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ZvtCodecError);
        }
      }),
    );
  });

  it('reassembles a TCP stream however it is chunked (zvt.md §2.2)', () => {
    fc.assert(
      fc.property(
        fc.array(apduArb, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (apdus, cuts) => {
          const stream = apdus.map(encodeApdu);
          const joined = Uint8Array.from(stream.flatMap((b) => [...b]));
          const points = [...new Set(cuts.map((c) => (joined.length ? c % joined.length : 0)))].sort(
            (a, b) => a - b,
          );
          const r = new ApduReassembler();
          const out: Uint8Array[] = [];
          let last = 0;
          for (const p of [...points, joined.length]) {
            out.push(...r.push(joined.subarray(last, p)));
            last = p;
          }
          expect(out.map((b) => [...b])).toEqual(stream.map((b) => [...b]));
          expect(r.pending).toBe(0);
        },
      ),
    );
  });
});
