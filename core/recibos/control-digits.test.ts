import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emisoraCheckDigit, emisoraResidue, referenciaControlDigits } from './control-digits.ts';
import { ReciboError } from './recibo-error.ts';

const digitString = (length: number) =>
  fc.string({
    unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
    minLength: length,
    maxLength: length,
  });

describe('referenciaControlDigits (§1.6)', () => {
  it('gives the control digits of the worked examples (§1.7)', () => {
    expect(referenciaControlDigits('280793', '2500001234', '1100255334', '00012345')).toBe('46');
    expect(referenciaControlDigits('280793', '0000000001', '1100255334', 100)).toBe('79');
    expect(referenciaControlDigits('080196', '2600000042', '1200266031', 5000)).toBe('78');
    expect(referenciaControlDigits('280793', '0000123456', '1002501', 4550)).toBe('82');
  });

  it('writes r = 0 as 99 and pads to two digits', () => {
    // S = 0·76 + 0·9 + (1 + 0 − 1)·55 = 0.
    expect(referenciaControlDigits('000000', '0000000000', '0000000001', 0)).toBe('99');
    // S = 96 · 9 + (0 + 1 − 1)·55 = 864 ≡ 88 (mod 97); ⌊8800/97⌋ = 90; 99 − 90 = 09.
    expect(referenciaControlDigits('000000', '0000000096', '0000000000', 1)).toBe('09');
  });

  it('uses the mathematical modulus when S is negative (all zeros)', () => {
    // S = −55 ≡ 42; ⌊4200/97⌋ = 43; 99 − 43 = 56.
    expect(referenciaControlDigits('000000', '0000000000', '0000000000', 0)).toBe('56');
  });

  it('maps the 97 residues onto 97 different control digits', () => {
    // Referencia n·43 mod 97 walks every residue since 9·43 = 387 ≡ −1 (mod 97).
    const seen = new Set<string>();
    for (let n = 0; n < 97; n++) {
      seen.add(referenciaControlDigits('000000', String(n * 43).padStart(10, '0'), '0000000001', 0));
    }
    expect(seen.size).toBe(97);
  });

  it('refuses non-digit input with a typed error', () => {
    expect(() => referenciaControlDigits('28079A', '2500001234', '1100255334', 1)).toThrow(ReciboError);
    expect(() => referenciaControlDigits('280793', '2500001234', '1100255334', 1.5)).toThrow(ReciboError);
    expect(() => referenciaControlDigits('280793', '2500001234', '1100255334', -1)).toThrow(ReciboError);
  });
});

describe('emisoraCheckDigit (§1.6)', () => {
  it('gives the digits of the worked examples', () => {
    expect(emisoraCheckDigit('28079')).toBe('3'); // 2·6 + 8·5 + 0·4 + 7·3 + 9·2 = 91 ≡ 3
    expect(emisoraCheckDigit('08019')).toBe('6'); // 40 + 3 + 18 = 61 ≡ 6
  });

  it('writes residue 10 as 0', () => {
    expect(emisoraResidue('00005')).toBe(10); // 5·2 = 10
    expect(emisoraCheckDigit('00005')).toBe('0');
  });

  it('changes when one base digit changes, except when the sum moves between residues 0 and 10', () => {
    fc.assert(
      fc.property(
        digitString(5),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        (base, at, step) => {
          const old = Number(base[at]);
          const changed = base.slice(0, at) + String((old + step) % 10) + base.slice(at + 1);
          const residues = new Set([emisoraResidue(base), emisoraResidue(changed)]);
          // Weights 2..6 and changes 1..9 are non-zero mod 11 (prime): the residue always moves.
          expect(residues.size).toBe(2);
          const folded = residues.has(0) && residues.has(10);
          expect(emisoraCheckDigit(changed) !== emisoraCheckDigit(base)).toBe(!folded);
        },
      ),
    );
  });
});
