import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DnieSimError } from './errors.ts';
import { classifyMessage, encodeFrame, FrameReader } from './vpcd-protocol.ts';

describe('vpcd framing', () => {
  it('prefixes a 2-byte big-endian length', () => {
    expect(Array.from(encodeFrame(Uint8Array.of(4)))).toEqual([0, 1, 4]);
    expect(Array.from(encodeFrame(new Uint8Array(0x0123)).subarray(0, 2))).toEqual([0x01, 0x23]);
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(DnieSimError);
  });

  it('classifies 1-byte payloads as control and the rest as APDUs', () => {
    expect(classifyMessage(Uint8Array.of(0))).toEqual({ kind: 'power-off' });
    expect(classifyMessage(Uint8Array.of(1))).toEqual({ kind: 'power-on' });
    expect(classifyMessage(Uint8Array.of(2))).toEqual({ kind: 'reset' });
    expect(classifyMessage(Uint8Array.of(4))).toEqual({ kind: 'get-atr' });
    expect(classifyMessage(Uint8Array.of(9))).toEqual({ kind: 'unknown-control', value: 9 });
    expect(classifyMessage(Uint8Array.of(0, 0xa4, 0, 0))).toMatchObject({ kind: 'apdu' });
  });

  it('property: frames split at any points come back whole and in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
          const reader = new FrameReader();
          const out: Uint8Array[] = [];
          let offset = 0;
          let i = 0;
          while (offset < stream.length) {
            const size = cuts[i++ % cuts.length]!;
            out.push(...reader.push(stream.subarray(offset, offset + size)));
            offset += size;
          }
          expect(out).toEqual(payloads);
          expect(reader.pending).toBe(0);
        },
      ),
    );
  });
});
