import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_LETTERS,
  controlLetter,
  isValidNif,
  maskDni,
  normalizeIdentityNumber,
  parseDni,
  parseNie,
  parseNif,
  parsePersonalNumber,
} from './dni.ts';
import { entityNifControls } from './entity-nif.ts';
import { IdentityError, type IdentityErrorCode } from './identity-error.ts';

function codeOf(run: () => unknown): IdentityErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof IdentityError) return error.code;
    throw error;
  }
  return 'no error';
}

const DIGIT = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const digits = (n: number) => fc.string({ unit: DIGIT, minLength: n, maxLength: n });
const notAllZeros = (s: string) => !/^0+$/.test(s);
const LATIN = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** Bodies (number without control) of every personal kind, never all zeros. */
const personalBody = fc.oneof(
  digits(8).filter(notAllZeros),
  fc
    .tuple(fc.constantFrom('X', 'Y', 'Z', 'K', 'L', 'M'), digits(7).filter(notAllZeros))
    .map(([l, d]) => l + d),
);

describe('control letters (§3)', () => {
  it('indexes the table by number mod 23', () => {
    for (let n = 0; n < 23; n++) expect(controlLetter(String(n))).toBe(CONTROL_LETTERS[n]);
    expect(controlLetter('23')).toBe('T');
    expect(CONTROL_LETTERS).not.toMatch(/[IÑOU]/);
    expect(new Set(CONTROL_LETTERS).size).toBe(23);
  });

  it('gives the examples of spanish-formats.md and python-stdnum', () => {
    expect(controlLetter('12345678')).toBe('Z');
    expect(controlLetter('99999999')).toBe('R');
    expect(controlLetter('X1234567')).toBe('L');
    expect(controlLetter('Y1234567')).toBe('X');
    expect(controlLetter('Z1234567')).toBe('R');
    expect(controlLetter('X2482300')).toBe('W');
    expect(controlLetter('K1234567')).toBe('L');
  });

  it('refuses bodies it cannot compute a letter for', () => {
    for (const body of ['', '123456789', 'A1234567', 'X123456', '1234567Z']) {
      expect(codeOf(() => controlLetter(body))).toBe('identity.format_invalid');
    }
  });
});

describe('normalizeIdentityNumber', () => {
  it('upper-cases, strips spaces, dots and dashes, pads short DNIs', () => {
    expect(normalizeIdentityNumber(' 12.345.678-z ')).toBe('12345678Z');
    expect(normalizeIdentityNumber('x-1234567-l')).toBe('X1234567L');
    expect(normalizeIdentityNumber('1234567l')).toBe('01234567L');
    expect(normalizeIdentityNumber('1r')).toBe('00000001R');
  });
});

describe('parseNif and friends', () => {
  it.each([
    ['12345678Z', 'dni', '12345678Z'],
    ['12345678-z', 'dni', '12345678Z'],
    ['1234567L', 'dni', '01234567L'],
    ['99999999R', 'dni', '99999999R'],
    ['x1234567l', 'nie', 'X1234567L'],
    ['Y1234567X', 'nie', 'Y1234567X'],
    ['Z 1234567 R', 'nie', 'Z1234567R'],
    ['X2482300W', 'nie', 'X2482300W'],
    ['K1234567L', 'nif_klm', 'K1234567L'],
    ['J99216582', 'nif_entity', 'J99216582'],
    ['B64717838', 'nif_entity', 'B64717838'],
    ['B-64717838', 'nif_entity', 'B64717838'],
    ['B6471783H', 'nif_entity', 'B6471783H'], // letter form of control 8
  ])('%s → %s %s', (input, kind, value) => {
    expect(parseNif(input)).toEqual({ kind, value });
    expect(isValidNif(input)).toBe(true);
  });

  it.each([
    ['', 'identity.empty'],
    [' - ', 'identity.empty'],
    ['12345678', 'identity.format_invalid'],
    ['123456789Z', 'identity.format_invalid'],
    ['12345678Ñ', 'identity.format_invalid'],
    ['W1234567L', 'identity.format_invalid'],
    ['I64717838', 'identity.format_invalid'],
    ['12345678A', 'identity.letter_mismatch'],
    ['X1234567X', 'identity.letter_mismatch'],
    ['K1234567X', 'identity.letter_mismatch'],
    ['B64717839', 'identity.letter_mismatch'],
    ['00000000T', 'identity.number_invalid'],
    ['0T', 'identity.number_invalid'],
    ['X0000000T', 'identity.number_invalid'],
    ['A00000000', 'identity.number_invalid'],
  ])('%s → %s', (input, code) => {
    expect(codeOf(() => parseNif(input))).toBe(code);
    expect(isValidNif(input)).toBe(false);
  });

  it('keeps the number out of the error texts', () => {
    try {
      parseNif('12345678A');
      expect.unreachable();
    } catch (error) {
      const { message, detail } = error as IdentityError;
      expect(message).toBe('La letra del documento no corresponde al número. Revise lo que ha escrito.');
      expect(`${message} ${detail}`).not.toContain('1234');
    }
  });

  it('narrows by kind', () => {
    expect(parseDni('12345678Z').kind).toBe('dni');
    expect(codeOf(() => parseDni('X1234567L'))).toBe('identity.kind_not_accepted');
    expect(parseNie('X1234567L').kind).toBe('nie');
    expect(codeOf(() => parseNie('12345678Z'))).toBe('identity.kind_not_accepted');
    expect(parsePersonalNumber('K1234567L').kind).toBe('nif_klm');
    expect(codeOf(() => parsePersonalNumber('B64717838'))).toBe('identity.kind_not_accepted');
  });
});

describe('maskDni (AEPD rule for LOPDGDD DA 7ª)', () => {
  it.each([
    ['12345678Z', '***4567**'],
    ['12345678-z', '***4567**'],
    ['1234567L', '***3456**'], // padded to 01234567L first
    ['X1234567L', '****4567*'],
    ['K1234567L', '****4567*'],
    ['12345678A', '***4567**'], // wrong letter: still masked, never shown whole
    ['B64717838', '*********'],
    ['hola', '*********'],
    ['', '*********'],
  ])('%s → %s', (input, masked) => {
    expect(maskDni(input)).toBe(masked);
  });
});

describe('properties', () => {
  it('a computed control letter always validates', () => {
    fc.assert(
      fc.property(personalBody, (body) => {
        const parsed = parseNif(body + controlLetter(body));
        expect(parsed.value).toBe(body + controlLetter(body));
      }),
    );
  });

  it('one changed digit is always rejected (23 is prime and divides no δ·10^k)', () => {
    fc.assert(
      fc.property(personalBody, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, where, step) => {
        const first = /^[0-9]/.test(body) ? 0 : 1;
        const at = first + (where % (body.length - first));
        const changed = body.slice(0, at) + String((Number(body[at]) + step) % 10) + body.slice(at + 1);
        expect(codeOf(() => parseNif(changed + controlLetter(body)))).toBe('identity.letter_mismatch');
      }),
    );
  });

  it('a changed NIE prefix (X/Y/Z adds 0, 1 or 2 × 10^7) is always rejected', () => {
    fc.assert(
      fc.property(fc.constantFrom('X', 'Y', 'Z'), fc.constantFrom('X', 'Y', 'Z'), digits(7), (a, b, d) => {
        fc.pre(a !== b);
        expect(codeOf(() => parseNif(b + d + controlLetter(a + d)))).toBe('identity.letter_mismatch');
      }),
    );
  });

  it('any other control letter is always rejected', () => {
    fc.assert(
      fc.property(personalBody, LATIN, (body, letter) => {
        fc.pre(letter !== controlLetter(body));
        expect(codeOf(() => parseNif(body + letter))).toBe('identity.letter_mismatch');
      }),
    );
  });

  it('entity NIFs: both control forms validate, one changed digit is always rejected (Luhn)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...'ABCDEFGHJNPQRSUVW'),
        digits(7).filter(notAllZeros),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (letter, body, where, step) => {
          const [digit, control] = entityNifControls(body);
          expect(parseNif(letter + body + digit).kind).toBe('nif_entity');
          expect(parseNif(letter + body + control).kind).toBe('nif_entity');
          const at = where % 7;
          const changed = body.slice(0, at) + String((Number(body[at]) + step) % 10) + body.slice(at + 1);
          expect(codeOf(() => parseNif(letter + changed + digit))).toBe('identity.letter_mismatch');
        },
      ),
    );
  });

  it('masking never shows more than four digits of a personal number', () => {
    fc.assert(
      fc.property(personalBody, (body) => {
        const masked = maskDni(body + controlLetter(body));
        expect(masked).toHaveLength(9);
        expect(masked.replace(/\*/g, '')).toHaveLength(4);
      }),
    );
  });

  it('arbitrary input never throws anything but IdentityError', () => {
    const nifish = fc.string({
      unit: fc.oneof(DIGIT, fc.constantFrom('X', 'K', 'B', 'Z', 'T', ' ', '-', '.')),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), nifish), (input) => {
        try {
          parseNif(input);
        } catch (error) {
          expect(error).toBeInstanceOf(IdentityError);
        }
        expect(maskDni(input)).toMatch(/^[*0-9]{9}$/);
      }),
      { numRuns: 1000 },
    );
    expect(codeOf(() => parseNif(null as unknown as string))).toBe('identity.format_invalid');
    expect(maskDni(undefined as unknown as string)).toBe('*********');
  });
});
