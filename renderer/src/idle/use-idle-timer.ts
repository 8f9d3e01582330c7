/**
 * Thin React wiring of the idle timer (idle-timer.ts): feeds it the clock, touches, clicks and keys,
 * and calls `onExpire` once when the time runs out. All the decisions are in the pure reducer.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  IDLE_STOPPED,
  type IdleTimerEvent,
  type IdleTimerState,
  idleTimerReducer,
  secondsLeft,
} from './idle-timer.ts';

interface Options {
  /** False on the welcome screen: nothing personal to protect, nothing to time. */
  readonly active: boolean;
  /** True while the card terminal runs a payment: never interrupted. */
  readonly paused: boolean;
  readonly idleSeconds: number;
  readonly warningSeconds: number;
  readonly onExpire: () => void;
}

export interface IdleTimer {
  readonly warning: boolean;
  readonly secondsLeft: number;
  readonly moreTime: () => void;
}

/** Often enough that the count shown never lags a second behind. */
const TICK_MS = 250;
const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown'] as const;

export function useIdleTimer({ active, paused, idleSeconds, warningSeconds, onExpire }: Options): IdleTimer {
  const idleMs = idleSeconds * 1000;
  const warningMs = warningSeconds * 1000;
  const reducer = useCallback(
    (state: IdleTimerState, event: IdleTimerEvent) => idleTimerReducer({ idleMs, warningMs }, state, event),
    [idleMs, warningMs],
  );
  const [state, dispatch] = useReducer(reducer, IDLE_STOPPED);
  const [left, setLeft] = useState(0);
  const current = useRef(state);
  current.current = state;
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    dispatch(active ? { type: 'start', now: Date.now() } : { type: 'stop' });
  }, [active]);

  useEffect(() => {
    if (active) dispatch(paused ? { type: 'pause' } : { type: 'resume', now: Date.now() });
  }, [active, paused]);

  const running = state.kind === 'running';
  useEffect(() => {
    if (!running) return;
    const onActivity = () => dispatch({ type: 'activity', now: Date.now() });
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true });
    const timer = setInterval(() => {
      const now = Date.now();
      dispatch({ type: 'tick', now });
      // Only the warning shows the count: no re-render of the screen every second otherwise.
      if (current.current.kind === 'running' && current.current.warning)
        setLeft(secondsLeft(current.current, now));
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [running]);

  const warning = state.kind === 'running' && state.warning;
  useEffect(() => {
    if (warning) setLeft(secondsLeft(current.current, Date.now()));
  }, [warning]);

  useEffect(() => {
    if (state.kind !== 'expired') return;
    expire.current();
    // If the screen still needs timing (the wipe did not take it to the welcome), count again.
    dispatch({ type: 'start', now: Date.now() });
  }, [state.kind]);

  const moreTime = useCallback(() => dispatch({ type: 'moreTime', now: Date.now() }), []);
  return { warning, secondsLeft: left, moreTime };
}
