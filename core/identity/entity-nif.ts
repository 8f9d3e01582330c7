/**
 * NIF of legal entities (the old CIF): letter + 7 digits + control (spanish-formats.md §3, after
 * python-stdnum `es/cif.py`). The control is the Luhn digit d of the 7 digits, written either as d or
 * as `JABCDEFGHI`[d]; both are accepted because the sources disagree on which letters use which form.
 */

/** Entity letters stdnum accepts (P is an ayuntamiento, Q an organismo público…). */
export const ENTITY_LETTERS = 'ABCDEFGHJNPQRSUVW';
const CONTROL_LETTERS = 'JABCDEFGHI';

export const ENTITY_NIF_PATTERN = /^[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]$/;

/** Luhn check digit of the 7 digits: odd positions (1st, 3rd…) doubled and their digits summed. */
export function entityNifControlDigit(digits7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const digit = Number(digits7[i]);
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last character of a pattern-valid entity NIF is its control, in digit or letter form. */
export function entityNifControlMatches(nif: string): boolean {
  const d = entityNifControlDigit(nif.slice(1, 8));
  const control = nif.slice(8);
  return control === String(d) || control === CONTROL_LETTERS[d];
}

/** Both accepted forms of the control for the 7 digits: [digit, letter]. */
export function entityNifControls(digits7: string): [string, string] {
  const d = entityNifControlDigit(digits7);
  return [String(d), CONTROL_LETTERS[d]!];
}
