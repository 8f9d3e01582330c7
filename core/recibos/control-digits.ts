/**
 * Cuaderno 60 control digits, spanish-formats.md §1.6 (AEB Cuaderno 60, Anexo común I).
 * The arithmetic is BigInt. §1.6 says the products pass 2^53; with these field lengths they do not
 * (the largest, 10 digits × 55, is below 5.5·10^11), but BigInt keeps the sum exact for any input
 * length and needs no argument about it.
 */

import { ReciboError } from './recibo-error.ts';

const DIGITS = /^[0-9]+$/;

function requireDigits(
  value: string,
  length: number | undefined,
  field: 'emisora' | 'referencia' | 'identificacion' | 'importe',
): void {
  if (!DIGITS.test(value) || (length !== undefined && value.length !== length)) {
    throw new ReciboError(
      'recibo.field_invalid',
      `${field}: expected ${length ?? 'some'} digits, got ${value.length} characters`,
      { field },
    );
  }
}

/**
 * The referencia's 2 control digits:
 *   S = emisora × 76 + referencia10 × 9 + (identificación + importe − 1) × 55,  r = S mod 97,
 *   DC = 99 when r = 0, otherwise 99 − ⌊100·r / 97⌋ (two digits, zero-padded).
 * `emisora` is the full 6-digit emisora (with its own check digit) and `identificacion` the digits that
 * appear in the barcode (10 in Modalidad 2, 7 in Modalidad 1).
 *
 * What it guarantees (why the property tests test exactly this): r ↦ DC is one-to-one (100/97 > 1, so
 * ⌊100·r/97⌋ differs for every r in 1..96, giving 1..98, and r = 0 gives 99). A change of one digit
 * by δ (1 ≤ |δ| ≤ 9) at place 10^k of a field with weight w ∈ {76, 9, 55} changes S by w·δ·10^k, and
 * 97 is prime and divides none of w, δ, 10^k; so r changes and every single-digit change in the
 * emisora, referencia, identificación or importe is caught. So is every swap of two adjacent different
 * digits inside one field (w·(a−b)·9·10^k). Not caught in general: two or more changes; in
 * particular identificación and importe are added before weighting, so +1 in the one's last digit and
 * −1 in the other's cancel out.
 */
export function referenciaControlDigits(
  emisora: string,
  referencia10: string,
  identificacion: string,
  importeCents: string | number,
): string {
  requireDigits(emisora, 6, 'emisora');
  requireDigits(referencia10, 10, 'referencia');
  requireDigits(identificacion, undefined, 'identificacion');
  const importeText = typeof importeCents === 'number' ? String(importeCents) : importeCents;
  requireDigits(importeText, undefined, 'importe');
  const importe = BigInt(importeText);
  const sum =
    BigInt(emisora) * 76n + BigInt(referencia10) * 9n + (BigInt(identificacion) + importe - 1n) * 55n;
  // Mathematical mod (as Java's BigInteger.mod in source b): all zeros makes S = −55.
  const r = ((sum % 97n) + 97n) % 97n;
  if (r === 0n) return '99';
  return String(99n - (r * 100n) / 97n).padStart(2, '0');
}

/**
 * The emisora's 6th digit when it is INE province (2) + municipality (3): Σ digit × (6,5,4,3,2) mod 11,
 * with 10 written as 0 (§1.6, source b; [VERIFY] against Anexo I). The kiosk does not reject on it: the
 * emisora is an opaque value checked against the municipality's whitelist, and the referencia DC already
 * covers every single-digit change in it. The 10 → 0 folding means this digit alone misses a changed
 * base digit exactly when the sum moves between residues 0 and 10.
 */
export function emisoraCheckDigit(base5: string): string {
  requireDigits(base5, 5, 'emisora');
  return String(emisoraResidue(base5) % 10);
}

/** Σ digit × (6,5,4,3,2) mod 11, before folding 10 into 0. */
export function emisoraResidue(base5: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(base5[i]) * (6 - i);
  return sum % 11;
}
