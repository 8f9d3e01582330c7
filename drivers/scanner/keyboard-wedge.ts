/**
 * Keyboard-wedge scanners read as a HID keyboard through node-hid (not from the focused page): boot
 * keyboard reports + the time each arrived → scans.
 *
 * A boot keyboard report (HID 1.11 Appendix B.1) is 8 bytes: modifier bits, a reserved byte, six slots
 * with the usage ids of the keys held down now. A key press is an id that is in this report and was
 * not in the previous one; a repeated report (same keys) is no new press, and a report with
 * ErrorRollOver (too many keys, Appendix C) in its slots says nothing about which keys are down, so it
 * is skipped. Characters come from keycodes.ts.
 *
 * Telling a scan from a person typing: a scanner sends the whole code as a burst, a few milliseconds
 * between keys, and ends it with Enter (or Tab, when configured). A person types one key every 100 ms or
 * more. A run of at least `minLength` characters whose presses are each at most `maxInterKeyMs` apart,
 * closed by a terminator within the same gap, is a scan; anything else is dropped.
 * ASSUMPTION: defaults of 50 ms and 8 characters; a scanner at the USB full-speed default polling
 * (8 ms, a press and a release report per character) types a character every ~16 ms.
 */
import { hexPreview, ScannerReportError, ScanTooLongError } from './errors.ts';
import {
  KEY_ERROR_ROLL_OVER,
  KEY_ERROR_UNDEFINED,
  KEY_NONE,
  KEY_POST_FAIL,
  type KeyStroke,
  charToKey,
  keyToChar,
} from './keycodes.ts';
import type { DecodeEvent } from './scan.ts';
import { splitAimIdentifier } from './symbology.ts';

export interface KeyboardWedgeOptions {
  /** Longest pause between two key presses of one scan, in ms. */
  readonly maxInterKeyMs?: number;
  /** Fewest characters a scan can have (the shortest Cuaderno 60 barcode has 38 digits, §1.2). */
  readonly minLength?: number;
  /** Most characters a scan can have; a longer burst is reported as ScanTooLongError. */
  readonly maxLength?: number;
  /** Characters that end a scan: Enter (`\r`) by default; add `\t` for a scanner set to a Tab suffix. */
  readonly terminators?: readonly string[];
  /**
   * Report id the keyboard interface puts before each 8-byte report (composite devices with numbered
   * reports); `null` (the default) for a plain boot keyboard.
   */
  readonly reportId?: number | null;
  /** Split a leading AIM identifier (`]C1`) off the text into `symbology`; default true. */
  readonly splitAimIdentifier?: boolean;
}

const BOOT_REPORT_LENGTH = 8;

function isErrorSlot(code: number): boolean {
  return code === KEY_ERROR_ROLL_OVER || code === KEY_POST_FAIL || code === KEY_ERROR_UNDEFINED;
}

export class KeyboardWedgeDecoder {
  private readonly maxInterKeyMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly reportId: number | null;
  private readonly splitAim: boolean;
  private held: ReadonlySet<number> = new Set();
  private buffer = '';
  private lastPressAt: number | undefined;
  /** The burst passed maxLength: drop its characters until a terminator or a pause. */
  private overflowed = false;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.maxInterKeyMs = options.maxInterKeyMs ?? 50;
    this.minLength = options.minLength ?? 8;
    this.maxLength = options.maxLength ?? 256;
    this.terminators = new Set(options.terminators ?? ['\r']);
    this.reportId = options.reportId ?? null;
    this.splitAim = options.splitAimIdentifier ?? true;
  }

  /** Decodes one input report that arrived at `atMs` (any monotonic clock in milliseconds). */
  push(report: Uint8Array, atMs: number): DecodeEvent[] {
    const body = this.reportBody(report);
    if (body === null) {
      return [
        {
          kind: 'error',
          error: new ScannerReportError(
            'scanner.keyboard_report_invalid',
            `keyboard report of ${report.length} bytes, expected ${BOOT_REPORT_LENGTH}${
              this.reportId === null ? '' : ` after report id ${this.reportId}`
            }; starts ${hexPreview(report, 1)}`,
          ),
        },
      ];
    }
    const modifiers = body[0] ?? 0;
    const slots = Array.from(body.subarray(2, BOOT_REPORT_LENGTH));
    if (slots.some(isErrorSlot)) return [];
    const down = new Set(slots.filter((code) => code !== KEY_NONE));
    const events: DecodeEvent[] = [];
    for (const code of down) {
      if (!this.held.has(code)) this.press(keyToChar(code, modifiers), atMs, events);
    }
    this.held = down;
    return events;
  }

  /** Forgets keys held and the burst in progress (for example after the device was reopened). */
  reset(): void {
    this.held = new Set();
    this.clearBurst();
  }

  private reportBody(report: Uint8Array): Uint8Array | null {
    if (this.reportId === null) return report.length === BOOT_REPORT_LENGTH ? report : null;
    if (report.length !== BOOT_REPORT_LENGTH + 1 || report[0] !== this.reportId) return null;
    return report.subarray(1);
  }

  private clearBurst(): void {
    this.buffer = '';
    this.lastPressAt = undefined;
    this.overflowed = false;
  }

  private press(char: string | undefined, atMs: number, events: DecodeEvent[]): void {
    const gap = this.lastPressAt === undefined ? Number.NaN : atMs - this.lastPressAt;
    // A negative or NaN gap (clock went back, first key) counts as a pause.
    const inBurst = gap >= 0 && gap <= this.maxInterKeyMs;
    if (char === undefined) {
      // A key that types nothing (arrows, F-keys, Alt+…) is a person at a keyboard, not a scanner.
      this.clearBurst();
      return;
    }
    if (this.terminators.has(char)) {
      if (inBurst && !this.overflowed && this.buffer.length >= this.minLength) {
        const scan = this.splitAim ? splitAimIdentifier(this.buffer) : { text: this.buffer };
        events.push({ kind: 'scan', scan });
      }
      this.clearBurst();
      return;
    }
    if (!inBurst) this.clearBurst();
    this.lastPressAt = atMs;
    if (this.overflowed) return;
    this.buffer += char;
    if (this.buffer.length > this.maxLength) {
      events.push({
        kind: 'error',
        error: new ScanTooLongError(this.maxLength, `keyboard burst passed ${this.maxLength} characters`),
      });
      this.buffer = '';
      this.overflowed = true;
    }
  }
}

/** One 8-byte boot keyboard report with `modifiers` and the keys in `keycodes` (at most six). */
export function bootKeyboardReport(modifiers: number, keycodes: readonly number[]): Uint8Array {
  const report = new Uint8Array(BOOT_REPORT_LENGTH);
  report[0] = modifiers;
  report.set(keycodes.slice(0, 6), 2);
  return report;
}

/**
 * The reports a US-layout wedge scanner sends to type `text`: a press report and a release report
 * per character. Throws nothing; characters a keyboard cannot type are skipped. For fakes and tests.
 */
export function keyboardReportsFor(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const char of text) {
    const stroke: KeyStroke | undefined = charToKey(char);
    if (stroke === undefined) continue;
    reports.push(bootKeyboardReport(stroke.modifiers, [stroke.keycode]));
    reports.push(bootKeyboardReport(0, []));
  }
  return reports;
}
