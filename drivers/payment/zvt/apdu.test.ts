import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApduStreamReader,
  KNOWN_APDU_CLASSES,
  MAX_APDU_DATA_LENGTH,
  type ZvtApdu,
  decodeApdu,
  encodeApdu,
  isNegativeAck,
  isPositiveAck,
  negativeAck,
} from './apdu.ts';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import { fromHex, onlyTypedErrors } from './test-support.ts';

const apduArb: fc.Arbitrary<ZvtApdu> = fc.record({
  control: fc
    .tuple(fc.constantFrom(...KNOWN_APDU_CLASSES), fc.integer({ min: 0, max: 255 }))
    .map(([c, i]) => (c << 8) | i),
  data: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 250, maxLength: 600 })),
});

/** Splits `bytes` at the given cut points. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('APDU codec', () => {
  it('encodes the short length form', () => {
    const bytes = encodeApdu({ control: 0x0601, data: fromHex('04 00 00 00 00 10 00') });
    expect(bytes).toEqual(fromHex('06 01 07 04 00 00 00 00 10 00'));
    expect(encodeApdu({ control: 0x8000, data: new Uint8Array(0) })).toEqual(fromHex('80 00 00'));
  });

  it('uses FF + 2 bytes little-endian above 254 bytes', () => {
    const bytes = encodeApdu({ control: 0x040f, data: new Uint8Array(300) });
    expect(bytes.subarray(0, 5)).toEqual(fromHex('04 0F FF 2C 01'));
    expect(bytes.length).toBe(305);
    expect(encodeApdu({ control: 0x040f, data: new Uint8Array(254) })[2]).toBe(0xfe);
    expect(encodeApdu({ control: 0x040f, data: new Uint8Array(255) }).subarray(2, 5)).toEqual(
      fromHex('FF FF 00'),
    );
  });

  it('decodes the extended form even for short data', () => {
    expect(decodeApdu(fromHex('06 D1 FF 02 00 00 41'))).toEqual({ control: 0x06d1, data: fromHex('00 41') });
  });

  it('gives typed errors for truncated and over-long input', () => {
    expect(() => decodeApdu(fromHex('80 00'))).toThrow(ZvtDecodeError);
    expect(() => decodeApdu(fromHex('06 01 07 04'))).toThrow(ZvtDecodeError);
    expect(() => decodeApdu(fromHex('06 01 FF 2C'))).toThrow(ZvtDecodeError);
    expect(() => decodeApdu(fromHex('80 00 00 00'))).toThrow(/datos de más/);
  });

  it('refuses to encode what does not fit', () => {
    expect(() => encodeApdu({ control: 0x10000, data: new Uint8Array(0) })).toThrow(ZvtEncodeError);
    expect(() => encodeApdu({ control: 0x0601, data: new Uint8Array(MAX_APDU_DATA_LENGTH + 1) })).toThrow(
      ZvtEncodeError,
    );
  });

  it('acks', () => {
    expect(encodeApdu(negativeAck(0x83))).toEqual(fromHex('84 83 00'));
    expect(isPositiveAck(decodeApdu(fromHex('80 00 00')))).toBe(true);
    expect(isPositiveAck(decodeApdu(fromHex('84 00 00')))).toBe(true);
    expect(isNegativeAck(decodeApdu(fromHex('84 9C 00')))).toBe(true);
    expect(isNegativeAck(decodeApdu(fromHex('84 00 00')))).toBe(false);
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(apduArb, (a) => {
        expect(decodeApdu(encodeApdu(a))).toEqual(a);
      }),
    );
  });

  it('arbitrary bytes never throw anything but ZvtDecodeError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => onlyTypedErrors(() => decodeApdu(b))));
  });
});

describe('ApduStreamReader', () => {
  it('reassembles any sequence of APDUs split at any points', () => {
    fc.assert(
      fc.property(
        fc.array(apduArb, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (apdus, cuts) => {
          const stream = Uint8Array.from(apdus.flatMap((a) => [...encodeApdu(a)]));
          const reader = new ApduStreamReader();
          const got = chunk(stream, cuts).flatMap((c) => reader.push(c));
          expect(got).toEqual(apdus.map((apdu) => ({ type: 'apdu', apdu })));
          expect(reader.pending).toBe(0);
        },
      ),
    );
  });

  it('handles a 64 KB APDU arriving one byte at a time', () => {
    const data = Uint8Array.from({ length: MAX_APDU_DATA_LENGTH }, (_, i) => i & 0xff);
    const bytes = encodeApdu({ control: 0x06d3, data });
    const reader = new ApduStreamReader();
    const events = [];
    for (let i = 0; i < bytes.length; i++) events.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.type === 'apdu' && event.apdu.data).toEqual(data);
  });

  it('keeps a partial APDU pending', () => {
    const reader = new ApduStreamReader();
    expect(reader.push(fromHex('04 FF 03 0A'))).toEqual([]);
    expect(reader.pending).toBe(4);
    expect(reader.push(fromHex('3C 00 80 00'))).toEqual([
      { type: 'apdu', apdu: { control: 0x04ff, data: fromHex('0A 3C 00') } },
    ]);
    expect(reader.pending).toBe(2);
  });

  it('reports garbage once as a typed error and stays failed until reset', () => {
    const reader = new ApduStreamReader();
    const events = reader.push(fromHex('80 00 00 47 45 54 20'));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'apdu', apdu: { control: 0x8000, data: new Uint8Array(0) } });
    const err = events[1];
    expect(err?.type === 'error' && err.error.code).toBe('zvt.apdu_unknown_class');
    expect(reader.failed).toBe(true);
    expect(reader.push(fromHex('80 00 00'))).toEqual([]);
    reader.reset();
    expect(reader.push(fromHex('80 00 00'))).toHaveLength(1);
  });

  it('arbitrary chunks never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 10 }), (chunks) => {
        const reader = new ApduStreamReader();
        for (const c of chunks) {
          for (const e of reader.push(c))
            if (e.type === 'error') expect(e.error).toBeInstanceOf(ZvtDecodeError);
        }
      }),
    );
  });
});
