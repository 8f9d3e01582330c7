import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDLE_STOPPED, type IdleTimerState, idleTimerReducer, secondsLeft } from './idle-timer.ts';

const config = { idleMs: 90_000, warningMs: 20_000 };
const step = (state: IdleTimerState, event: Parameters<typeof idleTimerReducer>[2]) =>
  idleTimerReducer(config, state, event);

describe('idle timer', () => {
  it('stays quiet until the warning point, warns, then expires at the deadline', () => {
    let s = step(IDLE_STOPPED, { type: 'start', now: 1000 });
    s = step(s, { type: 'tick', now: 1000 + 69_999 });
    expect(s).toMatchObject({ kind: 'running', warning: false });
    s = step(s, { type: 'tick', now: 1000 + 70_000 });
    expect(s).toMatchObject({ kind: 'running', warning: true });
    expect(secondsLeft(s, 1000 + 70_000)).toBe(20);
    expect(secondsLeft(s, 1000 + 89_001)).toBe(1);
    s = step(s, { type: 'tick', now: 1000 + 89_999 });
    expect(s.kind).toBe('running');
    s = step(s, { type: 'tick', now: 1000 + 90_000 });
    expect(s).toEqual({ kind: 'expired' });
  });

  it('activity restarts the count before the warning; during the warning only "more time" does', () => {
    let s = step(IDLE_STOPPED, { type: 'start', now: 0 });
    s = step(s, { type: 'activity', now: 60_000 });
    s = step(s, { type: 'tick', now: 140_000 });
    expect(s).toMatchObject({ kind: 'running', warning: true });
    const warned = s;
    expect(step(warned, { type: 'activity', now: 141_000 })).toBe(warned);
    s = step(warned, { type: 'moreTime', now: 141_000 });
    expect(s).toEqual({ kind: 'running', deadline: 231_000, warning: false });
    expect(step(s, { type: 'tick', now: 210_999 })).toMatchObject({ warning: false });
    expect(step(s, { type: 'tick', now: 231_000 })).toEqual({ kind: 'expired' });
  });

  it('pauses while paying, whatever the time, and resumes with a full timeout', () => {
    let s = step(IDLE_STOPPED, { type: 'start', now: 0 });
    s = step(s, { type: 'pause' });
    for (const now of [90_000, 1_000_000]) expect(step(s, { type: 'tick', now })).toEqual({ kind: 'paused' });
    expect(step(s, { type: 'activity', now: 5 })).toEqual({ kind: 'paused' });
    s = step(s, { type: 'resume', now: 2_000_000 });
    expect(s).toEqual({ kind: 'running', deadline: 2_090_000, warning: false });
  });

  it('does nothing while stopped, and stop ends any count', () => {
    expect(step(IDLE_STOPPED, { type: 'tick', now: 10_000_000 })).toBe(IDLE_STOPPED);
    expect(step(IDLE_STOPPED, { type: 'moreTime', now: 1 })).toBe(IDLE_STOPPED);
    const running = step(IDLE_STOPPED, { type: 'start', now: 0 });
    expect(step(running, { type: 'stop' })).toEqual(IDLE_STOPPED);
    expect(step({ kind: 'expired' }, { type: 'tick', now: 1 })).toEqual({ kind: 'expired' });
  });

  it('never expires before idleMs of silence and always by then (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(200_000), { maxLength: 20 }), (start, gaps) => {
        let s = step(IDLE_STOPPED, { type: 'start', now: start });
        let last = start;
        let now = start;
        for (const gap of gaps) {
          now += gap;
          s = step(s, { type: 'tick', now });
          if (now - last >= config.idleMs) return s.kind === 'expired';
          if (s.kind !== 'running') return false;
          if (s.warning !== now - last >= config.idleMs - config.warningMs) return false;
          s = step(s, s.warning ? { type: 'moreTime', now } : { type: 'activity', now });
          last = now;
        }
        return true;
      }),
    );
  });
});
