import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BMP_TABLE, type BmpField, bmpAmount, decodeBmps, encodeBmps, interpretBmps } from './bmp.ts';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import { fromHex, onlyTypedErrors } from './test-support.ts';

/** Any field the table can carry, with a value of a legal length for its tag. */
const fieldArb: fc.Arbitrary<BmpField> = fc.constantFrom(...BMP_TABLE.values()).chain((spec) => {
  const max = { fixed: 0, llvar: 99, lllvar: 400, tlv: 300 }[spec.length.kind];
  const value =
    spec.length.kind === 'fixed'
      ? fc.uint8Array({ minLength: spec.length.length, maxLength: spec.length.length })
      : fc.uint8Array({ maxLength: max });
  return value.map((v) => ({ tag: spec.tag, value: v }));
});

describe('BMP sequences', () => {
  it('decodes a typical authorization result (04 0F data)', () => {
    const data = fromHex(
      [
        '27 00', // result code: success
        '04 00 00 00 00 12 34', // amount 12.34
        '0B 00 01 23', // trace 123
        '0C 13 45 07', // time
        '0D 11 23', // date
        '0E 28 12', // expiry
        '17 00 01', // card sequence number
        '19 40', // payment type
        '22 F0 F8 67 34 EE EE EE EE 12 3F', // masked PAN, LLVAR 8
        '29 52 50 01 23', // TID
        '2A 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35', // VU number
        '3B 31 32 33 34 35 36 00 00', // auth code
        '49 09 78',
        '87 00 42',
        '88 00 00 07',
        '8A 0A',
        '8B F0 F4 56 49 53 41', // "VISA"
        '8C 01',
        'AA 26 11 23',
        'BA 01 02 03 04 05', // AID parameter: known length, not modelled
      ].join(' '),
    );
    const v = interpretBmps(decodeBmps(data));
    expect(v).toMatchObject({
      resultCode: 0,
      amountCents: 1234,
      traceNumber: 123,
      time: '134507',
      date: '1123',
      expiry: '2812',
      cardSequenceNumber: 1,
      typeByte: 0x40,
      maskedPan: '6734********123',
      terminalId: '52500123',
      vuNumber: '123456789012345',
      authorisationCode: '123456',
      currency: 978,
      receiptNumber: 42,
      turnoverNumber: 7,
      cardType: 10,
      cardName: 'VISA',
      cardTypeId: 1,
      dateYymmdd: '261123',
    });
    expect(v.others).toEqual([{ tag: 0xba, value: fromHex('01 02 03 04 05') }]);
  });

  it('reads BMP 06 with a BER length and LLLVAR fields', () => {
    const fields = decodeBmps(fromHex('06 81 03 07 01 41 3C F0 F0 F2 48 49'));
    expect(fields).toEqual([
      { tag: 0x06, value: fromHex('07 01 41') },
      { tag: 0x3c, value: fromHex('48 49') },
    ]);
    expect(interpretBmps(fields)).toMatchObject({
      tlv: [{ tag: 7, value: fromHex('41') }],
      additionalText: 'HI',
    });
  });

  it('skips a known-length BMP it does not model, errors on one of unknown length', () => {
    expect(interpretBmps(decodeBmps(fromHex('D2 01 27 6C'))).resultCode).toBe(0x6c);
    try {
      decodeBmps(fromHex('27 00 99 01 02'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZvtDecodeError);
      expect((e as ZvtDecodeError).code).toBe('zvt.bmp_unknown');
      expect((e as ZvtDecodeError).detail).toContain('0x99 at offset 2');
    }
  });

  it('typed errors for truncated values and bad LL prefixes', () => {
    expect(() => decodeBmps(fromHex('04 00 00 12'))).toThrow(/incompleto/);
    expect(() => decodeBmps(fromHex('8B F0'))).toThrow(ZvtDecodeError);
    expect(() => decodeBmps(fromHex('8B F0 F5 41'))).toThrow(ZvtDecodeError);
    expect(() => decodeBmps(fromHex('8B 10 05 41'))).toThrow(ZvtDecodeError);
    expect(() => decodeBmps(fromHex('06'))).toThrow(ZvtDecodeError);
    expect(() => interpretBmps(decodeBmps(fromHex('04 00 00 00 00 12 3A')))).toThrow(ZvtDecodeError);
  });

  it('encodes with the length rule of each tag', () => {
    expect(encodeBmps([bmpAmount(1000), { tag: 0x8b, value: fromHex('41 42') }])).toEqual(
      fromHex('04 00 00 00 00 10 00 8B F0 F2 41 42'),
    );
    expect(() => encodeBmps([{ tag: 0x04, value: fromHex('01') }])).toThrow(ZvtEncodeError);
    expect(() => encodeBmps([{ tag: 0x99, value: fromHex('01') }])).toThrow(ZvtEncodeError);
    expect(() => encodeBmps([{ tag: 0x22, value: new Uint8Array(100) }])).toThrow(ZvtEncodeError);
  });

  it('round-trips any sequence of table fields', () => {
    fc.assert(
      fc.property(fc.array(fieldArb, { maxLength: 8 }), (fields) => {
        expect(decodeBmps(encodeBmps(fields))).toEqual(fields);
      }),
    );
  });

  it('arbitrary bytes never throw anything but ZvtDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        onlyTypedErrors(() => interpretBmps(decodeBmps(b)));
      }),
    );
    // Mostly valid input with a corruption: reaches the deeper paths (TLV, BCD, PAN).
    fc.assert(
      fc.property(
        fc.array(fieldArb, { maxLength: 5 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (f, at, b) => {
          const bytes = encodeBmps(f);
          if (bytes.length > 0) bytes[at % bytes.length] = b;
          onlyTypedErrors(() => interpretBmps(decodeBmps(bytes)));
        },
      ),
    );
  });
});
