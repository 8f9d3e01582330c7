/**
 * The justificante's CSV (Código Seguro de Verificación), issued by the kiosk (issue 7 §5).
 *
 * Format (fixed): 16 characters of the Crockford base-32 alphabet `0-9 A-Z` without I, L, O, U
 * (nothing a person can misread: 0/O, 1/I/L), upper case, from 10 random bytes (80 bits: guessing one
 * is hopeless, and a collision among a kiosk's lifetime of payments is below 10⁻¹²; the ledger's unique
 * index catches it anyway). Printed in groups of four: `7KQ2-M9XD-4RTB-H0NC`. Central verifies it by
 * looking it up in the payment events the kiosk sent (the outbox payload carries it).
 * spanish-formats.md §5 notes there is no national format; AEAT codes are 16 characters too.
 */

export const CSV_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CSV_LENGTH = 16;
export const CSV_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/u;

/** 16 characters from 10 random bytes (5 bits each). `randomBytes` comes in (crypto in production). */
export function generateCsv(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(10);
  if (bytes.length !== 10) throw new RangeError(`generateCsv needs 10 random bytes, got ${bytes.length}`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CSV_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** `7KQ2M9XD4RTBH0NC` → `7KQ2-M9XD-4RTB-H0NC`, as printed and shown. */
export function formatCsv(csv: string): string {
  return csv.match(/.{1,4}/gu)?.join('-') ?? csv;
}

/** What a person typed back (lower case, hyphens, spaces, O for 0, I/L for 1) → the canonical code. */
export function normaliseCsv(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/gu, '').replace(/O/gu, '0').replace(/[IL]/gu, '1');
  return CSV_PATTERN.test(code) ? code : undefined;
}
