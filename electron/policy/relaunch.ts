/**
 * Back-off after main-process failures. A failure that repeats at once (a broken configuration, a
 * device that makes core throw at start) must not turn into a tight relaunch loop that burns the
 * flash storage with logs; a failure after a long quiet period starts again from the shortest delay.
 *
 * The history survives the relaunch in a small file (see electron/crash-history.ts): the decision is
 * made from it here, pure.
 */
export interface RelaunchPolicy {
  /** Delays in ms for the 1st, 2nd, ... failure inside the window; the last one repeats. */
  readonly delaysMs: readonly number[];
  /** Failures older than this are forgotten. */
  readonly windowMs: number;
  /**
   * After this many failures inside the window the shell stops relaunching itself and exits non-zero,
   * leaving it to systemd (Restart=always, StartLimitBurst, FailureAction=reboot).
   */
  readonly maxFailures: number;
}

export const DEFAULT_RELAUNCH_POLICY: RelaunchPolicy = {
  delaysMs: [1_000, 2_000, 5_000, 15_000, 30_000, 60_000],
  windowMs: 15 * 60_000,
  maxFailures: 10,
};

export type RelaunchDecision =
  | { readonly action: 'relaunch'; readonly delayMs: number; readonly history: readonly number[] }
  | { readonly action: 'give_up'; readonly history: readonly number[] };

/** `history`: instants (ms) of earlier failures; `now`: this failure. */
export function relaunchDecision(
  history: readonly number[],
  now: number,
  policy: RelaunchPolicy = DEFAULT_RELAUNCH_POLICY,
): RelaunchDecision {
  const recent = history.filter((t) => Number.isFinite(t) && t <= now && now - t < policy.windowMs);
  const next = [...recent, now].slice(-policy.maxFailures - 1);
  if (next.length > policy.maxFailures) return { action: 'give_up', history: next };
  const delayMs = policy.delaysMs[Math.min(next.length - 1, policy.delaysMs.length - 1)] ?? 60_000;
  return { action: 'relaunch', delayMs, history: next };
}

/** Renderer crashes: reload at once the first times, then wait longer between reloads. */
export function rendererReloadDelayMs(recentCrashes: number): number {
  const delays = [0, 500, 2_000, 5_000, 15_000];
  return delays[Math.min(Math.max(recentCrashes, 0), delays.length - 1)] ?? 15_000;
}

export type FailureAction =
  | { readonly kind: 'relaunch'; readonly delayMs: number }
  | { readonly kind: 'exit'; readonly delayMs: number; readonly exitCode: 1 };

/**
 * Under systemd the shell is cage's client: when it exits, cage exits and the unit restarts the whole
 * session. `app.relaunch()` there would leave an orphan Electron with no compositor holding the
 * single-instance lock, so a supervised shell only waits its back-off and exits non-zero
 * (electron-lockdown.md §6); on its own (development, a desktop) it relaunches itself.
 */
export function failureAction(decision: RelaunchDecision, supervised: boolean): FailureAction {
  if (decision.action === 'give_up') return { kind: 'exit', delayMs: 0, exitCode: 1 };
  return supervised
    ? { kind: 'exit', delayMs: decision.delayMs, exitCode: 1 }
    : { kind: 'relaunch', delayMs: decision.delayMs };
}

/** systemd sets INVOCATION_ID for every process of a unit; cage passes it on to its client. */
export function isSupervised(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.INVOCATION_ID !== undefined && env.INVOCATION_ID !== '';
}
