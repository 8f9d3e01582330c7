/** The texts central seals into a volante, as the kiosk takes them off the wire (property tests). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ticketText, volanteTextosSchema } from './wire.ts';

/** Printable text: no C0/C1 control character but the line break. */
const printable = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', maxLength })
    .map((s) => [...s].filter((ch) => !/[\p{Cc}]/u.test(ch) || ch === '\n').join(''));

describe('ticket texts', () => {
  it('takes any printable text up to its length in characters, astral ones counting one each', () => {
    fc.assert(
      fc.property(printable(200), (text) => {
        fc.pre([...text].length <= 200);
        expect(ticketText(200).parse(text)).toBe(text);
      }),
    );
    // 200 emoji are 400 UTF-16 units but 200 characters, as central counts them.
    expect(ticketText(200).safeParse('😀'.repeat(200)).success).toBe(true);
    expect(ticketText(200).safeParse('😀'.repeat(201)).success).toBe(false);
  });

  it('refuses a control character anywhere (it would be a printer command)', () => {
    const control = fc
      .integer({ min: 0, max: 0x9f })
      .filter((c) => (c < 0x20 && c !== 0x0a) || c >= 0x7f)
      .map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(printable(50), control, printable(50), (before, ch, after) => {
        expect(ticketText(600).safeParse(`${before}${ch}${after}`).success).toBe(false);
      }),
    );
  });

  it('a volante carries a notice and a legal note or null; anything else is refused', () => {
    expect(volanteTextosSchema.parse({ avisoPrivacidad: 'Aviso.', pieVolante: null })).toEqual({
      avisoPrivacidad: 'Aviso.',
      pieVolante: null,
    });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = volanteTextosSchema.safeParse(value);
        if (!parsed.success) return;
        const v = value as { avisoPrivacidad: unknown; pieVolante: unknown };
        expect(typeof v.avisoPrivacidad).toBe('string');
        expect(v.pieVolante === null || typeof v.pieVolante === 'string').toBe(true);
      }),
    );
    for (const bad of [null, [], { avisoPrivacidad: 'a' }, { avisoPrivacidad: null, pieVolante: null }]) {
      expect(volanteTextosSchema.safeParse(bad).success).toBe(false);
    }
  });
});
