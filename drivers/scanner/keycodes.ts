/**
 * HID Keyboard/Keypad page (0x07) usage ids ⇄ characters, for scanners in keyboard-wedge mode.
 * Source: HID Usage Tables, chapter "Keyboard/Keypad Page" (ids 0x04–0x38 main block, 0x54–0x63 keypad)
 * and Device Class Definition for HID 1.11, Appendix B.1 (boot keyboard report: modifier byte,
 * reserved byte, six key slots; Appendix C: 0x01 ErrorRollOver in every slot when too many keys).
 *
 * ASSUMPTION: the scanner is set to the US keyboard layout. A keyboard report carries key positions,
 * not characters; digits and letters are at the same positions in the Spanish layout, punctuation is
 * not. The README tells the installer to choose "USA" in the scanner's keyboard country setting.
 */

/** Modifier byte bits (HID 1.11 §8.3 / Appendix B.1). */
export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

const SHIFT = MODIFIER.leftShift | MODIFIER.rightShift;
const CTRL = MODIFIER.leftCtrl | MODIFIER.rightCtrl;
const ALT_GUI = MODIFIER.leftAlt | MODIFIER.rightAlt | MODIFIER.leftGui | MODIFIER.rightGui;

/** Key slots that say "no key" or report a keyboard error rather than a key (HID Usage Tables 0x00–0x03). */
export const KEY_NONE = 0x00;
export const KEY_ERROR_ROLL_OVER = 0x01;
export const KEY_POST_FAIL = 0x02;
export const KEY_ERROR_UNDEFINED = 0x03;

export const KEY_ENTER = 0x28;
export const KEY_TAB = 0x2b;
export const KEY_KEYPAD_ENTER = 0x58;

/** Unshifted and shifted characters of the main block from 0x1E (digits) to 0x38 ('/'), US layout. */
const MAIN_BLOCK: ReadonlyMap<number, readonly [string, string]> = new Map<number, readonly [string, string]>(
  [
    [0x1e, ['1', '!']],
    [0x1f, ['2', '@']],
    [0x20, ['3', '#']],
    [0x21, ['4', '$']],
    [0x22, ['5', '%']],
    [0x23, ['6', '^']],
    [0x24, ['7', '&']],
    [0x25, ['8', '*']],
    [0x26, ['9', '(']],
    [0x27, ['0', ')']],
    [0x28, ['\r', '\r']],
    [0x2b, ['\t', '\t']],
    [0x2c, [' ', ' ']],
    [0x2d, ['-', '_']],
    [0x2e, ['=', '+']],
    [0x2f, ['[', '{']],
    [0x30, [']', '}']],
    [0x31, ['\\', '|']],
    [0x33, [';', ':']],
    [0x34, ["'", '"']],
    [0x35, ['`', '~']],
    [0x36, [',', '<']],
    [0x37, ['.', '>']],
    [0x38, ['/', '?']],
  ],
);

/** Keypad keys (0x54–0x63); the digits assume Num Lock on, as scanners that use the keypad set it. */
const KEYPAD: ReadonlyMap<number, string> = new Map<number, string>([
  [0x54, '/'],
  [0x55, '*'],
  [0x56, '-'],
  [0x57, '+'],
  [0x58, '\r'],
  [0x59, '1'],
  [0x5a, '2'],
  [0x5b, '3'],
  [0x5c, '4'],
  [0x5d, '5'],
  [0x5e, '6'],
  [0x5f, '7'],
  [0x60, '8'],
  [0x61, '9'],
  [0x62, '0'],
  [0x63, '.'],
]);

/** Ctrl+key control characters scanners use for non-printable data, notably Ctrl+] = GS (FNC1, §1.1). */
const CTRL_PUNCTUATION: ReadonlyMap<number, number> = new Map<number, number>([
  [0x2f, 0x1b], // Ctrl+[ ESC
  [0x31, 0x1c], // Ctrl+\ FS
  [0x30, 0x1d], // Ctrl+] GS
  [0x23, 0x1e], // Ctrl+^ (Ctrl+Shift+6) RS
  [0x2d, 0x1f], // Ctrl+_ (Ctrl+Shift+-) US
]);

/**
 * The character a key press produces with `modifiers` held, or undefined for keys that type nothing
 * (function keys, arrows, Alt/GUI combinations, unknown ids).
 */
export function keyToChar(keycode: number, modifiers: number): string | undefined {
  if ((modifiers & ALT_GUI) !== 0) return undefined;
  const shifted = (modifiers & SHIFT) !== 0;
  if ((modifiers & CTRL) !== 0) {
    if (keycode >= 0x04 && keycode <= 0x1d) return String.fromCharCode(keycode - 0x04 + 1);
    const control = CTRL_PUNCTUATION.get(keycode);
    return control === undefined ? undefined : String.fromCharCode(control);
  }
  if (keycode >= 0x04 && keycode <= 0x1d) {
    const letter = String.fromCharCode(0x61 + keycode - 0x04);
    return shifted ? letter.toUpperCase() : letter;
  }
  const main = MAIN_BLOCK.get(keycode);
  if (main !== undefined) return shifted ? main[1] : main[0];
  return KEYPAD.get(keycode);
}

/** A key press that types `char`: usage id and modifiers. */
export interface KeyStroke {
  readonly keycode: number;
  readonly modifiers: number;
}

const STROKES: ReadonlyMap<string, KeyStroke> = (() => {
  // Enter and Tab first, so that CR and HT are typed with their own keys rather than Ctrl+M, Ctrl+I.
  const map = new Map<string, KeyStroke>();
  const add = (char: string, keycode: number, modifiers: number): void => {
    if (!map.has(char)) map.set(char, { keycode, modifiers });
  };
  for (const [code, [plain, shifted]] of MAIN_BLOCK) {
    add(plain, code, 0);
    add(shifted, code, MODIFIER.leftShift);
  }
  for (let code = 0x04; code <= 0x1d; code++) {
    add(String.fromCharCode(0x61 + code - 0x04), code, 0);
    add(String.fromCharCode(0x41 + code - 0x04), code, MODIFIER.leftShift);
    add(String.fromCharCode(code - 0x04 + 1), code, MODIFIER.leftCtrl);
  }
  for (const [code, control] of CTRL_PUNCTUATION) {
    add(String.fromCharCode(control), code, MODIFIER.leftCtrl);
  }
  return map;
})();

/** How a US-layout keyboard (and so a wedge scanner) types `char`; undefined if it cannot. */
export function charToKey(char: string): KeyStroke | undefined {
  return STROKES.get(char);
}

/** Every character charToKey can type: for generators in tests and for the simulators' own checks. */
export const TYPABLE_CHARACTERS: readonly string[] = [...STROKES.keys()];
