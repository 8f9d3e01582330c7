import { describe, expect, it } from 'vitest';
import { ScreenPresence } from './screen-presence.ts';

function fakeTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    setTimer: (run: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { run, ms });
      return () => pending.delete(id);
    },
    fire: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.run();
    },
    pending: () => [...pending.values()].map((t) => t.ms),
  };
}

describe('the backstop for a screen that went away', () => {
  const setUp = (active = true) => {
    const timers = fakeTimers();
    const ended: string[] = [];
    const presence = new ScreenPresence({
      graceMs: 110_000,
      sessionActive: () => active,
      endSession: () => ended.push('timeout'),
      setTimer: timers.setTimer,
    });
    return { timers, ended, presence };
  };

  it('ends an active session once no screen has been back for the grace period', () => {
    const { timers, ended, presence } = setUp();
    presence.screens(1);
    expect(timers.pending()).toEqual([]);
    presence.screens(0);
    expect(timers.pending()).toEqual([110_000]);
    timers.fire();
    expect(ended).toEqual(['timeout']);
  });

  it('leaves the session alone when a screen comes back in time', () => {
    const { timers, ended, presence } = setUp();
    presence.screens(0);
    presence.screens(1);
    expect(timers.pending()).toEqual([]);
    timers.fire();
    expect(ended).toEqual([]);
  });

  it('has nothing to end when the session is already idle, and stops cleanly', () => {
    const idle = setUp(false);
    idle.presence.screens(0);
    idle.timers.fire();
    expect(idle.ended).toEqual([]);
    const stopped = setUp();
    stopped.presence.screens(0);
    stopped.presence.stop();
    expect(stopped.timers.pending()).toEqual([]);
  });
});
