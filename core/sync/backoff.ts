/**
 * How long to wait before the next attempt after `failures` failed rounds in a row: exponential, capped,
 * with "equal jitter" (half the step fixed, half random), so that a fleet of kiosks that lost central at
 * the same moment does not come back in lockstep, and no kiosk retries at once after a failure.
 * Randomness comes in as a parameter (a function returning [0, 1)).
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000 };

export function backoffDelayMs(failures: number, policy: BackoffPolicy, random: () => number): number {
  if (failures <= 0) return 0;
  // 2^(failures-1) grows past any cap quickly; stop doubling before it overflows.
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}
