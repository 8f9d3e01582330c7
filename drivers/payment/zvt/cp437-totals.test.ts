import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCp437, encodeCp437 } from './cp437.ts';
import { ZvtEncodeError } from './errors.ts';
import { onlyTypedErrors } from './test-support.ts';
import { TOTALS_CARD_GROUPS, decodeIndividualTotals, encodeIndividualTotals } from './totals.ts';

describe('CP437', () => {
  it('decodes Spanish letters and round-trips every byte', () => {
    expect(decodeCp437(Uint8Array.of(0xa4, 0xa5, 0xa0, 0x82, 0xa1, 0xa2, 0xa3, 0xa8, 0xad))).toBe(
      'ñÑáéíóú¿¡',
    );
    expect(encodeCp437('€')).toEqual(Uint8Array.of(0x3f));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(encodeCp437(decodeCp437(b))).toEqual(b);
      }),
    );
  });
});

describe('End-of-Day individual totals (BMP 60)', () => {
  const totalsArb = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 7 }),
    )
    .chain(([first, last, n]) =>
      fc
        .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 999_999_999_999 })), {
          minLength: n,
          maxLength: n,
        })
        .map((g) => ({
          firstReceiptNumber: first,
          lastReceiptNumber: last,
          groups: g.map(([count, totalCents], i) => ({ group: TOTALS_CARD_GROUPS[i]!, count, totalCents })),
        })),
    );

  it('round-trips', () => {
    fc.assert(
      fc.property(totalsArb, (t) => {
        expect(decodeIndividualTotals(encodeIndividualTotals(t))).toEqual(t);
      }),
    );
  });

  it('refuses groups out of order', () => {
    expect(() =>
      encodeIndividualTotals({
        firstReceiptNumber: 1,
        lastReceiptNumber: 2,
        groups: [{ group: 'visa', count: 1, totalCents: 1 }],
      }),
    ).toThrow(ZvtEncodeError);
  });

  it('arbitrary bytes never throw anything but ZvtDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (b) => onlyTypedErrors(() => decodeIndividualTotals(b))),
    );
  });
});
