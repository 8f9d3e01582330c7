import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('backoffDelayMs', () => {
  it('doubles per failure between half and all of the step, up to the cap', () => {
    expect(backoffDelayMs(0, policy, () => 0.5)).toBe(0);
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 0.999_999)).toBe(1_000);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(3_000);
    expect(backoffDelayMs(10, policy, () => 0)).toBe(30_000);
    expect(backoffDelayMs(10_000, policy, () => 1)).toBe(60_000);
  });

  it('stays within [step/2, step] for any failure count and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, r) => {
          const delay = backoffDelayMs(n, policy, () => r);
          const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 40));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });
});
