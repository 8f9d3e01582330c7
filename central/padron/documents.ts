/**
 * Identity numbers for synthetic personas, each used once: the table refuses duplicates, and a million
 * random draws from 10^8 DNI numbers would collide (the birthday problem: about 5 000 times). Numbers
 * come from a counter run through n ↦ (n·a + b) mod 10^k with a coprime to 10, a permutation of all
 * k-digit numbers: unique without remembering the ones issued, and scattered like real ones.
 */
import { controlLetter } from '../../core/identity/index.ts';
import { type Random, randomInt } from './prng.ts';

/** Odd and not a multiple of 5, so coprime to every power of 10. */
const DNI_MULTIPLIER = 73_856_093;
const NIE_MULTIPLIER = 3_456_789;
const PASSPORT_MULTIPLIER = 1_234_567;

export class DocumentIssuer {
  readonly #reserved: ReadonlySet<string>;
  readonly #dniOffset: number;
  readonly #nieOffset: number;
  readonly #passportOffset: number;
  #dni = 0;
  #nie = 0;
  #passport = 0;

  /** `reserved`: documents already given (the fixed personas'), never issued again. */
  constructor(random: Random, reserved: ReadonlySet<string>) {
    this.#reserved = reserved;
    this.#dniOffset = randomInt(random, 0, 99_999_999);
    this.#nieOffset = randomInt(random, 0, 9_999_999);
    this.#passportOffset = randomInt(random, 0, 9_999_999);
  }

  /** 8 digits + control letter (spanish-formats.md §3). */
  dni(): string {
    for (;;) {
      const n = (this.#dni++ * DNI_MULTIPLIER + this.#dniOffset) % 100_000_000;
      // The multiplication stays below 2^53 for the first 10^8 numbers: 10^8 · 7.4·10^7 < 9·10^15.
      const body = String(n).padStart(8, '0');
      const value = body + controlLetter(body);
      if (n !== 0 && !this.#reserved.has(value)) return value;
    }
  }

  /** X/Y + 7 digits + control letter; Y numbers were issued from July 2008 on ([VERIFY] exact date). */
  nie(prefix: 'X' | 'Y'): string {
    for (;;) {
      const n = (this.#nie++ * NIE_MULTIPLIER + this.#nieOffset) % 10_000_000;
      const body = prefix + String(n).padStart(7, '0');
      const value = body + controlLetter(body);
      if (n !== 0 && !this.#reserved.has(value)) return value;
    }
  }

  /** A foreign passport number: the country's ISO alpha-2 code + 7 digits (real formats vary by country). */
  passport(countryAlpha2: string): string {
    const n = (this.#passport++ * PASSPORT_MULTIPLIER + this.#passportOffset) % 10_000_000;
    return countryAlpha2 + String(n).padStart(7, '0');
  }
}
