/**
 * Recognising a DNIe by its ATR (dnie.md §1). The contact ATR is masked with
 * `FF FF 00 FF FF FF FF FF FF FF FF 00 00 00 00 00 00 FF FF FF` and compared with
 * `3B 7F 00 00 00 00 6A 44 4E 49 65 .. 03 90 00` (user phase); `.. 0F 65 81` is a burnt card. Byte 15
 * (OS version MSB) `04` means DNIe 3.0/4.0 (8-byte MAC), anything else the old DNIe (4-byte MAC).
 * The contactless prefix is shared with passports and residence permits, so it is only a hint.
 */
export type AtrKind =
  | { readonly kind: 'dnie'; readonly generation: 'dnie2' | 'dnie3'; readonly burnt: boolean }
  | { readonly kind: 'dnie-contactless-hint' }
  | { readonly kind: 'other' };

const MASK = [
  0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
];
const USER_PHASE = [0x3b, 0x7f, 0, 0, 0, 0, 0x6a, 0x44, 0x4e, 0x49, 0x65, 0, 0, 0, 0, 0, 0, 0x03, 0x90, 0x00];
const BURNT_TAIL = [0x65, 0x81];
const CONTACTLESS_PREFIX = [0x3b, 0x88, 0x80, 0x01, 0xe1, 0xf3, 0x5e, 0x11, 0x77];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Never throws. */
export function classifyAtr(atr: Uint8Array): AtrKind {
  if (atr.length === 20) {
    const headerMatches = MASK.slice(0, 11).every((m, i) => ((atr[i]! & m) ^ USER_PHASE[i]!) === 0);
    if (headerMatches) {
      const generation = atr[15] === 0x04 ? 'dnie3' : 'dnie2';
      if (atr[18] === BURNT_TAIL[0] && atr[19] === BURNT_TAIL[1])
        return { kind: 'dnie', generation, burnt: true };
      const tailMatches = [17, 18, 19].every((i) => atr[i] === USER_PHASE[i]);
      if (tailMatches) return { kind: 'dnie', generation, burnt: false };
    }
  }
  if (startsWith(atr, CONTACTLESS_PREFIX)) return { kind: 'dnie-contactless-hint' };
  // The PUPI form `3B 8C 80 01 50 xx xx xx xx E1 F3 5E 11 77 ...` (dnie.md §1).
  if (
    atr.length >= 14 &&
    startsWith(atr, [0x3b, 0x8c, 0x80, 0x01, 0x50]) &&
    startsWith(atr.subarray(9), [0xe1, 0xf3, 0x5e, 0x11, 0x77])
  ) {
    return { kind: 'dnie-contactless-hint' };
  }
  return { kind: 'other' };
}
