/**
 * Pure interpretation of SCardGetStatusChange states (dnie.md §2): the low 16 bits are flags, the high
 * 16 bits an event counter that pcscd bumps on every insertion and removal. Comparing the counter catches
 * a card that was pulled and put back between two looks.
 */
import { SCARD_STATE } from './binding.ts';

export type CardChange = 'inserted' | 'removed' | 'replaced' | 'none';

export interface ReaderSnapshot {
  readonly present: boolean;
  readonly mute: boolean;
  readonly counter: number;
}

export function snapshotOf(state: number): ReaderSnapshot {
  return {
    present: (state & SCARD_STATE.PRESENT) !== 0,
    mute: (state & SCARD_STATE.MUTE) !== 0,
    counter: (state >>> 16) & 0xffff,
  };
}

/** What happened between two snapshots of the same reader (a mute card counts as absent). */
export function cardChange(before: ReaderSnapshot | undefined, after: ReaderSnapshot): CardChange {
  const wasPresent = before?.present === true && !before.mute;
  const isPresent = after.present && !after.mute;
  if (!wasPresent && isPresent) return 'inserted';
  if (wasPresent && !isPresent) return 'removed';
  if (wasPresent && isPresent && before !== undefined && before.counter !== after.counter) {
    // Both ends present: the counter moved by a removal and an insertion we did not see apart.
    return 'replaced';
  }
  return 'none';
}
