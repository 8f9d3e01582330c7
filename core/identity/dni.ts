/**
 * DNI, NIE and NIF checks, spanish-formats.md §3 (python-stdnum es/dni.py, es/nie.py, es/nif.py,
 * es/cif.py; letter table of the Ministerio del Interior, [VERIFY] the Interior page itself).
 * A valid control letter proves the number was typed right, not who the person is (§3, §7).
 */
import { ENTITY_NIF_PATTERN, entityNifControlMatches } from './entity-nif.ts';
import { IdentityError } from './identity-error.ts';

/** Control letter of number mod 23, index 0 first: I, Ñ, O and U never appear (§3). */
export const CONTROL_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export type IdentityKind =
  /** Spaniards: 8 digits + letter. */
  | 'dni'
  /** Foreigners: X/Y/Z + 7 digits + letter. */
  | 'nie'
  /** Natural persons without DNI or NIE (K: Spaniards under 14, L: non-resident Spaniards, M: foreigners). */
  | 'nif_klm'
  /** Legal entities (the old CIF). */
  | 'nif_entity';

/** A checked number in its normal form (`12345678Z`, `X1234567L`). */
export interface IdentityNumber {
  readonly kind: IdentityKind;
  readonly value: string;
}

const DNI_PATTERN = /^[0-9]{8}[A-Z]$/;
const NIE_PATTERN = /^[XYZ][0-9]{7}[A-Z]$/;
const KLM_PATTERN = /^[KLM][0-9]{7}[A-Z]$/;
const SHORT_DNI = /^[0-9]{1,7}[A-Z]$/;

/** NIE prefixes stand for a leading digit: X→0, Y→1, Z→2 (§3). */
const NIE_PREFIX_DIGIT: Record<string, string> = { X: '0', Y: '1', Z: '2' };

/**
 * Upper case, without whitespace, dots or hyphens; a DNI typed with fewer than 8 digits is
 * left-padded with zeros (§3). Returns the text as it is otherwise: checking is the parser's job.
 */
export function normalizeIdentityNumber(input: string): string {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  return SHORT_DNI.test(compact) ? compact.padStart(9, '0') : compact;
}

/**
 * The control letter for a number without it: a DNI's 1-8 digits, or a NIE (X/Y/Z) or K/L/M NIF's
 * letter + 7 digits. For generators and tests as much as for checking.
 */
export function controlLetter(body: string): string {
  let digits: string;
  if (/^[0-9]{1,8}$/.test(body)) digits = body;
  else if (/^[XYZ][0-9]{7}$/.test(body)) digits = NIE_PREFIX_DIGIT[body[0]!]! + body.slice(1);
  else if (/^[KLM][0-9]{7}$/.test(body))
    digits = body.slice(1); // same mod 23 over the 7 digits (§3)
  else
    throw new IdentityError(
      'identity.format_invalid',
      `no control letter for a body of ${body.length} chars`,
    );
  return CONTROL_LETTERS[Number(digits) % 23]!;
}

function kindOf(value: string): IdentityKind | undefined {
  if (DNI_PATTERN.test(value)) return 'dni';
  if (NIE_PATTERN.test(value)) return 'nie';
  if (KLM_PATTERN.test(value)) return 'nif_klm';
  if (ENTITY_NIF_PATTERN.test(value)) return 'nif_entity';
  return undefined;
}

/**
 * Any NIF: DNI, NIE, K/L/M or entity. Throws `IdentityError`: empty, format, control letter, or a
 * number that is all zeros (checksum-valid, never issued; §3 "forbidden or suspicious values").
 */
export function parseNif(input: string): IdentityNumber {
  if (typeof input !== 'string')
    throw new IdentityError('identity.format_invalid', `not a string: ${typeof input}`);
  const value = normalizeIdentityNumber(input);
  if (value === '') throw new IdentityError('identity.empty');
  const kind = kindOf(value);
  if (kind === undefined) {
    throw new IdentityError('identity.format_invalid', `${value.length} characters in no known layout`);
  }
  const matches =
    kind === 'nif_entity'
      ? entityNifControlMatches(value)
      : controlLetter(value.slice(0, 8)) === value.slice(8);
  if (!matches)
    throw new IdentityError('identity.letter_mismatch', `control character does not match (${kind})`);
  // The written digits all zero: 00000000T, X0000000T… pass the checksum but were never issued.
  if (/^0+$/.test(kind === 'dni' ? value.slice(0, 8) : value.slice(1, 8))) {
    throw new IdentityError('identity.number_invalid', `all-zero number (${kind})`);
  }
  return { kind, value };
}

function parseOnly(input: string, kinds: readonly IdentityKind[]): IdentityNumber {
  const parsed = parseNif(input);
  if (!kinds.includes(parsed.kind)) {
    throw new IdentityError('identity.kind_not_accepted', `${parsed.kind} where ${kinds.join('/')} expected`);
  }
  return parsed;
}

/** A DNI only. */
export function parseDni(input: string): IdentityNumber {
  return parseOnly(input, ['dni']);
}

/** A NIE only. */
export function parseNie(input: string): IdentityNumber {
  return parseOnly(input, ['nie']);
}

/** A natural person's number: DNI, NIE or K/L/M NIF (what the padrón and a debtor can show). */
export function parsePersonalNumber(input: string): IdentityNumber {
  return parseOnly(input, ['dni', 'nie', 'nif_klm']);
}

/** `true` when `parseNif` would accept the input. */
export function isValidNif(input: string): boolean {
  try {
    parseNif(input);
    return true;
  } catch (error) {
    if (error instanceof IdentityError) return false;
    throw error;
  }
}

/**
 * A natural person's number as it may be shown on screens and printed documents: the rule the AEPD
 * gave for LOPDGDD (LO 3/2018) disposición adicional séptima ("Orientación para la aplicación
 * provisional de la DA 7ª", 2019; [VERIFY], not in spanish-formats.md, which only says "masked"):
 * DNI 12345678X → `***4567**` (positions 4-7), NIE X1234567L → `****4567*` (positions 5-8, skipping
 * the initial letter); K/L/M NIFs have the NIE's layout and are masked the same way. Anything else,
 * including text that is not a number, becomes `*********`: a mask must never leak what it cannot place.
 * The control letter is not checked: a mistyped number still has to be hidden.
 */
export function maskDni(input: string): string {
  const value = typeof input === 'string' ? normalizeIdentityNumber(input) : '';
  if (DNI_PATTERN.test(value)) return `***${value.slice(3, 7)}**`;
  if (NIE_PATTERN.test(value) || KLM_PATTERN.test(value)) return `****${value.slice(4, 8)}*`;
  return '*********';
}
