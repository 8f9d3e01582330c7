import { describe, expect, it } from 'vitest';
import { SCARD_STATE } from './binding.ts';
import { cardChange, snapshotOf } from './reader-state.ts';

const state = (flags: number, counter: number): number => ((counter << 16) | flags) >>> 0;

describe('cardChange', () => {
  it('sees insertion, removal and nothing', () => {
    const empty = snapshotOf(state(SCARD_STATE.EMPTY, 1));
    const present = snapshotOf(state(SCARD_STATE.PRESENT, 2));
    expect(cardChange(undefined, present)).toBe('inserted');
    expect(cardChange(empty, present)).toBe('inserted');
    expect(cardChange(present, snapshotOf(state(SCARD_STATE.EMPTY, 3)))).toBe('removed');
    expect(cardChange(present, snapshotOf(state(SCARD_STATE.PRESENT | SCARD_STATE.INUSE, 2)))).toBe('none');
    expect(cardChange(undefined, empty)).toBe('none');
  });

  it('a moved event counter between two present states is a swapped card (dnie.md §2)', () => {
    const before = snapshotOf(state(SCARD_STATE.PRESENT, 4));
    expect(cardChange(before, snapshotOf(state(SCARD_STATE.PRESENT, 6)))).toBe('replaced');
  });

  it('a mute card counts as absent', () => {
    expect(cardChange(undefined, snapshotOf(state(SCARD_STATE.PRESENT | SCARD_STATE.MUTE, 1)))).toBe('none');
  });
});
