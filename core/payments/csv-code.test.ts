import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_ALPHABET, CSV_PATTERN, formatCsv, generateCsv, normaliseCsv } from './csv-code.ts';

describe('justificante CSV', () => {
  it('is always 16 characters of the unambiguous alphabet, and reads back from its printed form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const csv = generateCsv(() => bytes);
        expect(csv).toMatch(CSV_PATTERN);
        expect(normaliseCsv(formatCsv(csv).toLowerCase())).toBe(csv);
      }),
    );
  });

  it('uses all 80 bits: different bytes give different codes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (a, b) => {
          fc.pre(Buffer.compare(a, b) !== 0);
          expect(generateCsv(() => a)).not.toBe(generateCsv(() => b));
        },
      ),
    );
  });

  it('has no I, L, O, U; normalises what people mistype', () => {
    expect(CSV_ALPHABET).toHaveLength(32);
    expect(CSV_ALPHABET).not.toMatch(/[ILOU]/);
    expect(generateCsv(() => new Uint8Array(10))).toBe('0000000000000000');
    expect(normaliseCsv('oooo-iiii-llll-0000')).toBe('0000111111110000');
    expect(normaliseCsv('ABC')).toBeUndefined();
  });

  it('refuses a short random source', () => {
    expect(() => generateCsv(() => new Uint8Array(9))).toThrow(RangeError);
  });
});
