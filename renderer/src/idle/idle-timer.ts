/**
 * The idle timeout as a pure state machine (issue 9 item 1; WCAG 2.2.1 "Timing Adjustable": warn
 * before the time runs out and let the person extend it with one simple action). Time comes in as a
 * parameter (`now`, in milliseconds) so the logic is tested without clocks; the React hook only feeds
 * it ticks and activity.
 */

export interface IdleTimerConfig {
  /** Silence, in ms, after which the session ends. */
  readonly idleMs: number;
  /** How long before the end the "do you need more time?" warning shows, in ms. */
  readonly warningMs: number;
}

export type IdleTimerState =
  /** On the welcome screen: nothing to time. */
  | { readonly kind: 'stopped' }
  /** Counting towards `deadline`; `warning` once inside the last `warningMs`. */
  | { readonly kind: 'running'; readonly deadline: number; readonly warning: boolean }
  /** A payment the card terminal is running: never interrupted, so no countdown. */
  | { readonly kind: 'paused' }
  /** The time ran out: the session must end (once). */
  | { readonly kind: 'expired' };

export type IdleTimerEvent =
  | { readonly type: 'start'; readonly now: number }
  | { readonly type: 'stop' }
  /** A touch, click or key. Ignored while the warning shows: only "more time" answers it. */
  | { readonly type: 'activity'; readonly now: number }
  | { readonly type: 'moreTime'; readonly now: number }
  | { readonly type: 'pause' }
  /** The payment ended: its result gets a full timeout of its own. */
  | { readonly type: 'resume'; readonly now: number }
  | { readonly type: 'tick'; readonly now: number };

export const IDLE_STOPPED: IdleTimerState = { kind: 'stopped' };

export function idleTimerReducer(
  config: IdleTimerConfig,
  state: IdleTimerState,
  event: IdleTimerEvent,
): IdleTimerState {
  const fresh = (now: number): IdleTimerState => ({
    kind: 'running',
    deadline: now + config.idleMs,
    warning: false,
  });
  switch (event.type) {
    case 'start':
      return state.kind === 'stopped' || state.kind === 'expired' ? fresh(event.now) : state;
    case 'stop':
      return IDLE_STOPPED;
    case 'activity':
      return state.kind === 'running' && !state.warning ? fresh(event.now) : state;
    case 'moreTime':
      return state.kind === 'running' ? fresh(event.now) : state;
    case 'pause':
      return state.kind === 'running' ? { kind: 'paused' } : state;
    case 'resume':
      return state.kind === 'paused' ? fresh(event.now) : state;
    case 'tick': {
      if (state.kind !== 'running') return state;
      if (event.now >= state.deadline) return { kind: 'expired' };
      const warning = event.now >= state.deadline - config.warningMs;
      return warning === state.warning ? state : { ...state, warning };
    }
  }
}

/** Whole seconds left, rounded up (the warning never says 0 while time remains). */
export function secondsLeft(state: IdleTimerState, now: number): number {
  if (state.kind !== 'running') return 0;
  return Math.max(0, Math.ceil((state.deadline - now) / 1000));
}
