/**
 * Which key goes where on the on-screen PIN pad. Pure: the seed comes in as a parameter (the screen
 * draws a fresh one from crypto.getRandomValues for every PIN session).
 *
 * `randomised` (kiosk-config screen.pinPadLayout) shuffles the ten digits so that where a finger
 * touched, or smudges on the glass, do not give the PIN away. The letter keyboard stays alphabetical
 * in both layouts: a shuffled 26-key keyboard costs the citizen far more time and errors than the
 * little it hides, and most DNIe PINs are mostly digits.
 */
export type PinPadLayout = 'fixed' | 'randomised';

export const DIGITS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
export const LETTERS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** mulberry32: a small, well-mixed 32-bit PRNG; enough to shuffle ten keys, not for secrets. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ten digits in the order the pad shows them: phone order when fixed, a Fisher–Yates shuffle else. */
export function digitOrder(layout: PinPadLayout, seed: number): string[] {
  const keys = [...DIGITS];
  if (layout === 'fixed') return keys;
  const next = prng(seed);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return keys;
}

/** A fresh seed for one PIN session. */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
