/**
 * Seeded randomness for the synthetic padrón. The generator takes a `Random` as a parameter (STYLE.md:
 * randomness comes in), so a seed reproduces a padrón exactly and a test can fix it.
 */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand test suite), seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Not cryptographic; it only has to be
 * reproducible and well spread.
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a fresh state are the least mixed; skip them.
  for (let i = 0; i < 12; i++) next();
  return { next };
}

/** An integer in min … max, both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** `true` with the given probability. */
export function chance(random: Random, probability: number): boolean {
  return random.next() < probability;
}

/** One element, uniformly. The list must not be empty. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random.next() * items.length)]!;
}

/** A list of values with relative weights, prepared for drawing in O(log n). */
export interface WeightedList<T> {
  readonly values: readonly T[];
  /** Running totals of the weights. */
  readonly cumulative: readonly number[];
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedList<T> {
  let total = 0;
  const cumulative = entries.map(([, weight]) => {
    total += weight;
    return total;
  });
  return { values: entries.map(([value]) => value), cumulative };
}

export function pickWeighted<T>(random: Random, list: WeightedList<T>): T {
  const total = list.cumulative[list.cumulative.length - 1]!;
  const target = random.next() * total;
  let low = 0;
  let high = list.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list.cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return list.values[low]!;
}
