import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickWeighted, randomInt, seededRandom, weighted } from './prng.ts';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 100; i++) {
          const x = a.next();
          expect(x).toBe(b.next());
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('gives unrelated streams for neighbouring seeds', () => {
    const first = (seed: number) =>
      Array.from(
        { length: 8 },
        (
          (r) => () =>
            r.next()
        )(seededRandom(seed)),
      );
    expect(first(1)).not.toEqual(first(2));
  });

  it('randomInt covers both ends and nothing outside', () => {
    const random = seededRandom(42);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(randomInt(random, 3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('pickWeighted follows the weights', () => {
    const random = seededRandom(5);
    const list = weighted([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 10_000; i++) if (pickWeighted(random, list) === 'common') common += 1;
    expect(common / 10_000).toBeGreaterThan(0.87);
    expect(common / 10_000).toBeLessThan(0.93);
  });
});
