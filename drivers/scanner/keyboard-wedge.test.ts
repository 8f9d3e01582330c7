import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScannerReportError, ScanTooLongError } from './errors.ts';
import { bootKeyboardReport, KeyboardWedgeDecoder, keyboardReportsFor } from './keyboard-wedge.ts';
import { charToKey, keyToChar, MODIFIER, TYPABLE_CHARACTERS } from './keycodes.ts';
import type { DecodeEvent } from './scan.ts';

const RECIBO = '90502280793000012345682100250100004550'; // spanish-formats.md §1.7, Modalidad 1

interface Timed {
  readonly report: Uint8Array;
  readonly at: number;
}

/** Press/release reports for `text`, presses `gaps[i]` ms apart (cycled), releases half way between. */
function typed(text: string, gaps: readonly number[], start = 1000): Timed[] {
  const reports = keyboardReportsFor(text);
  const out: Timed[] = [];
  let at = start;
  for (let i = 0; i < reports.length; i += 2) {
    const gap = gaps[(i / 2) % gaps.length] ?? 10;
    if (i > 0) at += gap;
    out.push({ report: reports[i] as Uint8Array, at });
    out.push({ report: reports[i + 1] as Uint8Array, at: at + gap / 2 });
  }
  return out;
}

function run(decoder: KeyboardWedgeDecoder, input: readonly Timed[]): DecodeEvent[] {
  return input.flatMap(({ report, at }) => decoder.push(report, at));
}

const scanOfText = (text: string, symbology?: string): DecodeEvent => ({
  kind: 'scan',
  scan: symbology === undefined ? { text } : { text, symbology },
});

describe('keycodes (US layout)', () => {
  it('types digits, letters, shifted characters, Enter and Tab', () => {
    expect(keyToChar(0x1e, 0)).toBe('1');
    expect(keyToChar(0x27, 0)).toBe('0');
    expect(keyToChar(0x04, 0)).toBe('a');
    expect(keyToChar(0x04, MODIFIER.rightShift)).toBe('A');
    expect(keyToChar(0x1f, MODIFIER.leftShift)).toBe('@');
    expect(keyToChar(0x28, 0)).toBe('\r');
    expect(keyToChar(0x58, 0)).toBe('\r');
    expect(keyToChar(0x2b, 0)).toBe('\t');
    expect(keyToChar(0x62, 0)).toBe('0');
  });

  it('types GS for Ctrl+] (FNC1 in keyboard mode) and nothing for Alt combinations or F-keys', () => {
    expect(keyToChar(0x30, MODIFIER.leftCtrl)).toBe('\u001d');
    expect(keyToChar(0x1e, MODIFIER.leftAlt)).toBeUndefined();
    expect(keyToChar(0x3a, 0)).toBeUndefined(); // F1
  });

  it('charToKey and keyToChar are inverse for every typable character', () => {
    for (const char of TYPABLE_CHARACTERS) {
      const stroke = charToKey(char);
      expect(stroke).toBeDefined();
      expect(keyToChar(stroke?.keycode ?? 0, stroke?.modifiers ?? 0)).toBe(char);
    }
    expect(charToKey('\r')).toEqual({ keycode: 0x28, modifiers: 0 });
    expect(charToKey('ñ')).toBeUndefined();
  });
});

describe('KeyboardWedgeDecoder', () => {
  it('delivers a burst of digits ended by Enter as a scan', () => {
    const decoder = new KeyboardWedgeDecoder();
    expect(run(decoder, typed(`${RECIBO}\r`, [12]))).toEqual([scanOfText(RECIBO)]);
  });

  it('ignores a person typing the same digits slowly', () => {
    const decoder = new KeyboardWedgeDecoder();
    expect(run(decoder, typed(`${RECIBO}\r`, [180]))).toEqual([]);
  });

  it('ignores a burst shorter than minLength (a fast pair of keys, a short code)', () => {
    const decoder = new KeyboardWedgeDecoder({ minLength: 8 });
    expect(run(decoder, typed('1234567\r', [5]))).toEqual([]);
    expect(run(decoder, typed('12345678\r', [5], 5000))).toEqual([scanOfText('12345678')]);
  });

  it('drops what a person typed before the burst started', () => {
    const decoder = new KeyboardWedgeDecoder();
    const input = [...typed('77', [300], 0), ...typed(`${RECIBO}\r`, [10], 1000)];
    expect(run(decoder, input)).toEqual([scanOfText(RECIBO)]);
  });

  it('needs the Enter within the burst too', () => {
    const decoder = new KeyboardWedgeDecoder();
    const input = typed(RECIBO, [10]);
    const last = input[input.length - 1]?.at ?? 0;
    const enter = keyboardReportsFor('\r');
    expect(
      run(decoder, [
        ...input,
        { report: enter[0] as Uint8Array, at: last + 500 },
        { report: enter[1] as Uint8Array, at: last + 505 },
      ]),
    ).toEqual([]);
  });

  it('decodes shifted characters and splits an AIM identifier into the symbology', () => {
    const decoder = new KeyboardWedgeDecoder();
    expect(run(decoder, typed(`]C1${RECIBO}\r`, [8]))).toEqual([scanOfText(RECIBO, ']C1')]);
    expect(run(decoder, typed('AbC-12/?x!\r', [8], 9000))).toEqual([scanOfText('AbC-12/?x!')]);
  });

  it('handles key rollover: the next key pressed before the previous one is released', () => {
    const decoder = new KeyboardWedgeDecoder({ minLength: 4 });
    const k = (codes: number[]): Uint8Array => bootKeyboardReport(0, codes);
    // 1 down, 1+2 down, 2 down, 2+3, 3, 3+4, 4, none, Enter.
    const reports = [
      k([0x1e]),
      k([0x1e, 0x1f]),
      k([0x1f]),
      k([0x1f, 0x20]),
      k([0x20]),
      k([0x20, 0x21]),
      k([0x21]),
      k([]),
      k([0x28]),
      k([]),
    ];
    const events = reports.flatMap((report, i) => decoder.push(report, i * 4));
    expect(events).toEqual([scanOfText('1234')]);
  });

  it('counts a repeated report (same keys held) as no new key press', () => {
    const decoder = new KeyboardWedgeDecoder({ minLength: 3 });
    const one = bootKeyboardReport(0, [0x1e]);
    const none = bootKeyboardReport(0, []);
    const enter = bootKeyboardReport(0, [0x28]);
    const reports = [one, one, one, none, none, one, none, one, one, none, enter, enter, none];
    expect(reports.flatMap((report, i) => decoder.push(report, i * 3))).toEqual([scanOfText('111')]);
  });

  it('skips ErrorRollOver reports, which say nothing about which keys are down', () => {
    const decoder = new KeyboardWedgeDecoder({ minLength: 2 });
    const rollOver = bootKeyboardReport(0, [1, 1, 1, 1, 1, 1]);
    const reports = [
      bootKeyboardReport(0, [0x1e]),
      rollOver,
      bootKeyboardReport(0, []),
      bootKeyboardReport(0, [0x1f]),
      bootKeyboardReport(0, []),
      bootKeyboardReport(0, [0x28]),
    ];
    expect(reports.flatMap((report, i) => decoder.push(report, i * 3))).toEqual([scanOfText('12')]);
  });

  it('ends scans at Tab only when configured', () => {
    const plain = new KeyboardWedgeDecoder();
    expect(run(plain, typed(`${RECIBO}\t`, [10]))).toEqual([]);
    const tab = new KeyboardWedgeDecoder({ terminators: ['\r', '\t'] });
    expect(run(tab, typed(`${RECIBO}\t`, [10]))).toEqual([scanOfText(RECIBO)]);
  });

  it('keeps a GS typed as Ctrl+] in the text', () => {
    const decoder = new KeyboardWedgeDecoder();
    const text = `\u001d${RECIBO}`;
    expect(run(decoder, typed(`${text}\r`, [10]))).toEqual([scanOfText(text)]);
  });

  it('reads reports with a report id in front when told to', () => {
    const decoder = new KeyboardWedgeDecoder({ reportId: 1 });
    const input = typed(`${RECIBO}\r`, [10]).map(({ report, at }) => ({
      report: Uint8Array.of(1, ...report),
      at,
    }));
    expect(run(decoder, input)).toEqual([scanOfText(RECIBO)]);
  });

  it('refuses a report that is not a boot keyboard report', () => {
    const decoder = new KeyboardWedgeDecoder();
    const [event] = decoder.push(Uint8Array.of(0, 0, 0x1e), 0);
    expect(event).toMatchObject({ kind: 'error', error: { code: 'scanner.keyboard_report_invalid' } });
    const withId = new KeyboardWedgeDecoder({ reportId: 1 });
    expect(withId.push(Uint8Array.of(2, 0, 0, 0x1e, 0, 0, 0, 0, 0), 0)[0]).toMatchObject({ kind: 'error' });
  });

  it('refuses a burst longer than maxLength once, then reads the next scan', () => {
    const decoder = new KeyboardWedgeDecoder({ maxLength: 48 });
    const events = run(decoder, [
      ...typed(`${'5'.repeat(60)}\r`, [5], 0),
      ...typed(`${RECIBO}\r`, [5], 10_000),
    ]);
    expect(events).toHaveLength(2);
    expect(events[0]?.kind === 'error' && events[0].error).toBeInstanceOf(ScanTooLongError);
    expect(events[1]).toEqual(scanOfText(RECIBO));
  });
});

const typable = fc.constantFrom(...TYPABLE_CHARACTERS.filter((c) => c !== '\r'));

describe('keyboard wedge properties', () => {
  it('any typable text sent as a burst decodes to itself', () => {
    fc.assert(
      fc.property(
        fc.array(typable, { minLength: 8, maxLength: 80 }).map((chars) => chars.join('')),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 10 }),
        (text, gaps) => {
          const decoder = new KeyboardWedgeDecoder({ splitAimIdentifier: false });
          expect(run(decoder, typed(`${text}\r`, gaps))).toEqual([scanOfText(text)]);
        },
      ),
    );
  });

  it('repeated reports never change the result', () => {
    fc.assert(
      fc.property(
        fc.array(typable, { minLength: 8, maxLength: 60 }).map((chars) => chars.join('')),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 20 }),
        (text, repeats) => {
          const input = typed(`${text}\r`, [10]);
          const repeated = input.flatMap((item, i) =>
            Array.from({ length: 1 + (repeats[i % repeats.length] ?? 0) }, (_, k) => ({
              ...item,
              at: item.at + k,
            })),
          );
          const once = run(new KeyboardWedgeDecoder({ splitAimIdentifier: false }), input);
          expect(run(new KeyboardWedgeDecoder({ splitAimIdentifier: false }), repeated)).toEqual(once);
        },
      ),
    );
  });

  it('a pause longer than maxInterKeyMs keeps only what follows it', () => {
    fc.assert(
      fc.property(
        fc.array(typable, { minLength: 1, maxLength: 40 }).map((chars) => chars.join('')),
        fc.array(typable, { minLength: 1, maxLength: 40 }).map((chars) => chars.join('')),
        fc.integer({ min: 51, max: 2000 }),
        (before, after, pause) => {
          const first = typed(before, [10], 0);
          const start = (first[first.length - 1]?.at ?? 0) + pause;
          const decoder = new KeyboardWedgeDecoder({ splitAimIdentifier: false });
          const events = run(decoder, [...first, ...typed(`${after}\r`, [10], start)]);
          expect(events).toEqual(after.length >= 8 ? [scanOfText(after)] : []);
        },
      ),
    );
  });

  it('no report at any time makes it throw; every error is a typed scanner error', () => {
    const anyReport = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.uint8Array({ minLength: 8, maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyReport, fc.oneof(fc.double(), fc.integer())), { maxLength: 40 }),
        (input) => {
          const decoder = new KeyboardWedgeDecoder({ minLength: 1, maxLength: 5 });
          for (const [report, at] of input) {
            for (const event of decoder.push(report, at)) {
              if (event.kind === 'error') {
                expect(
                  event.error instanceof ScannerReportError || event.error instanceof ScanTooLongError,
                ).toBe(true);
              }
            }
          }
        },
      ),
    );
  });
});
