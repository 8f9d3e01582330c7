import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CanonicalValue, canonicalJson } from '../../drivers/common/canonical-json.ts';
import { base32, VOLANTE_CSV, volanteCsv } from './csv-code.ts';
import { addMonths, madridDate } from './volante.ts';

const jsonValue: fc.Arbitrary<CanonicalValue> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
})).value as fc.Arbitrary<CanonicalValue>;

describe('canonical JSON', () => {
  it('parses back to the same value, whatever the key order', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(value);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(canonicalJson(reversed)).toBe(text);
        }
      }),
    );
  });

  it('sorts keys, drops undefined and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x y'], c: undefined })).toBe(
      '{"a":[true,null,"x y"],"b":1}',
    );
  });

  it('refuses numbers that serialisers write differently', () => {
    expect(() => canonicalJson(1.5)).toThrow(RangeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(RangeError);
  });
});

describe('volante CSV', () => {
  it('encodes base32 as RFC 4648 §10 does', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(base32(new TextEncoder().encode('f'))).toBe('MY');
  });

  it('is V and 24 base32 characters for any random bytes, and differs when they differ', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 15, maxLength: 15 }),
        fc.uint8Array({ minLength: 15, maxLength: 15 }),
        (a, b) => {
          const csv = volanteCsv(() => a);
          expect(csv).toMatch(VOLANTE_CSV);
          expect(csv).toHaveLength(25);
          expect(csv === volanteCsv(() => b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        },
      ),
    );
  });

  it('refuses a random source that gives the wrong number of bytes', () => {
    expect(() => volanteCsv(() => new Uint8Array(14))).toThrow(RangeError);
  });
});

describe('volante dates', () => {
  it.each([
    ['2026-11-23T10:00:00.000Z', 3, '2027-02-23T10:00:00.000Z'],
    ['2026-11-30T08:00:00.000Z', 3, '2027-02-28T08:00:00.000Z'],
    ['2027-11-30T08:00:00.000Z', 3, '2028-02-29T08:00:00.000Z'],
    ['2026-01-31T12:00:00.000Z', 1, '2026-02-28T12:00:00.000Z'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });

  it('takes the date in Spain: 23:30 UTC on 31 December is already 1 January in Madrid', () => {
    expect(madridDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(madridDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
