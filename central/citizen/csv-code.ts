/**
 * The volante's Código Seguro de Verificación (Ley 40/2015 art. 42.b). The format is not fixed
 * nationally (spanish-formats.md §5); ours is:
 *
 *   `V` + 24 characters of RFC 4648 base32 (A–Z, 2–7) = 25 characters, e.g. `VQ3ZK7M2XH4T5BWJ6PLNRA2C4D`
 *
 * The 24 characters are 15 random bytes (120 bits) from the caller's CSPRNG: unguessable (2^120
 * codes; guessing one valid code among a million issued takes ~2^100 tries) and fixed-length. `V`
 * tells a volante from a payment justificante. Base32 has no 0/1/8 to confuse with O/I/B when typed.
 * Uniqueness is the database's `volantes_csv_unique`; a collision (never expected) is retried.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const CSV_RANDOM_BYTES = 15;
export const VOLANTE_CSV = /^V[A-Z2-7]{24}$/;

/** Base32 (RFC 4648 §6) without padding; 15 bytes give exactly 24 characters. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function volanteCsv(random: (size: number) => Uint8Array): string {
  const bytes = random(CSV_RANDOM_BYTES);
  if (bytes.length !== CSV_RANDOM_BYTES) throw new RangeError(`CSV needs ${CSV_RANDOM_BYTES} random bytes`);
  return `V${base32(bytes)}`;
}
