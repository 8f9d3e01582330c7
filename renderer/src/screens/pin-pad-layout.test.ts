import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGITS, digitOrder } from './pin-pad-layout.ts';

describe('PIN pad layout', () => {
  it('keeps the phone order when fixed, whatever the seed', () => {
    expect(digitOrder('fixed', 1)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(digitOrder('fixed', 99)).toEqual(digitOrder('fixed', 1));
  });

  it('shuffles into a permutation of the ten digits, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const order = digitOrder('randomised', seed);
        expect([...order].sort()).toEqual([...DIGITS].sort());
        expect(digitOrder('randomised', seed)).toEqual(order);
      }),
    );
  });

  it('gives different orders for different seeds', () => {
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => digitOrder('randomised', seed).join('')));
    expect(orders.size).toBe(8);
  });
});
