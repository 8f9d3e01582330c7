import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanTooLongError } from './errors.ts';
import type { DecodeEvent } from './scan.ts';
import { SerialLineDecoder, type SerialLineOptions } from './serial-lines.ts';
import { textToBytes } from './symbology.ts';

const RECIBO = '905210801962600000042781200266031000050000'; // spanish-formats.md §1.7

const scan = (text: string, symbology?: string): DecodeEvent => ({
  kind: 'scan',
  scan: symbology === undefined ? { text } : { text, symbology },
});

/** Feeds `bytes` cut at `cuts` (positions, any order, repeated or out of range ignored). */
function feedCut(decoder: SerialLineDecoder, bytes: Uint8Array, cuts: readonly number[]): DecodeEvent[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const events: DecodeEvent[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(from, point)));
    from = point;
  }
  return events;
}

/** Events with errors reduced to their code, for comparisons across runs. */
function comparable(events: readonly DecodeEvent[]): unknown[] {
  return events.map((e) => (e.kind === 'scan' ? e.scan : e.error.code));
}

describe('SerialLineDecoder', () => {
  it('ends lines at CR, LF and CRLF, and skips empty lines', () => {
    const decoder = new SerialLineDecoder();
    expect(decoder.push(textToBytes(`${RECIBO}\r12345678\n\n\r\nABC\r\n`))).toEqual([
      scan(RECIBO),
      scan('12345678'),
      scan('ABC'),
    ]);
  });

  it('keeps a line open until its end of line arrives', () => {
    const decoder = new SerialLineDecoder();
    expect(decoder.push(textToBytes(RECIBO.slice(0, 10)))).toEqual([]);
    expect(decoder.push(textToBytes(`${RECIBO.slice(10)}\r`))).toEqual([scan(RECIBO)]);
  });

  it('treats a CRLF split between two chunks as one end of line', () => {
    const decoder = new SerialLineDecoder();
    expect(decoder.push(textToBytes(`${RECIBO}\r`))).toEqual([scan(RECIBO)]);
    expect(decoder.push(textToBytes('\n1\r'))).toEqual([scan('1')]);
  });

  it('splits an AIM identifier off into the symbology, unless told not to', () => {
    expect(new SerialLineDecoder().push(textToBytes(`]C1${RECIBO}\r`))).toEqual([scan(RECIBO, ']C1')]);
    expect(new SerialLineDecoder({ splitAimIdentifier: false }).push(textToBytes(`]C1${RECIBO}\r`))).toEqual([
      scan(`]C1${RECIBO}`),
    ]);
  });

  it('removes the configured prefix and suffix, before the AIM identifier', () => {
    const decoder = new SerialLineDecoder({ prefix: '\u0002', suffix: '\u0003' });
    expect(decoder.push(textToBytes(`\u0002]C1${RECIBO}\u0003\r\n`))).toEqual([scan(RECIBO, ']C1')]);
    // A line without them is delivered as it is.
    expect(decoder.push(textToBytes(`${RECIBO}\r\n`))).toEqual([scan(RECIBO)]);
    // A line that is only the prefix and suffix is empty.
    expect(decoder.push(textToBytes('\u0002\u0003\r'))).toEqual([]);
  });

  it('refuses a line longer than maxLength once, drops the rest of it, and reads the next line', () => {
    const decoder = new SerialLineDecoder({ maxLength: 48 });
    const events = decoder.push(textToBytes(`${'9'.repeat(100)}\r\n${RECIBO}\r\n`));
    expect(events).toHaveLength(2);
    expect(events[0]?.kind === 'error' && events[0].error).toBeInstanceOf(ScanTooLongError);
    expect(events[0]).toMatchObject({ error: { code: 'scanner.scan_too_long', maxLength: 48 } });
    expect(events[1]).toEqual(scan(RECIBO));
  });

  it('accepts a line of exactly maxLength', () => {
    expect(new SerialLineDecoder({ maxLength: 42 }).push(textToBytes(`${RECIBO}\n`))).toEqual([scan(RECIBO)]);
  });

  it('reset drops a partial line', () => {
    const decoder = new SerialLineDecoder();
    decoder.push(textToBytes('1234'));
    decoder.reset();
    expect(decoder.push(textToBytes('5678\r'))).toEqual([scan('5678')]);
  });
});

const lineChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const terminator = fc.constantFrom('\r', '\n', '\r\n');
const options: SerialLineOptions = { splitAimIdentifier: false, maxLength: 64 };

describe('serial line properties', () => {
  it('lines with any ends of line, cut anywhere, decode to the same lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(lineChar, { minLength: 1, maxLength: 64 }), terminator), {
          maxLength: 10,
        }),
        fc.array(fc.nat(800), { maxLength: 30 }),
        (lines, cuts) => {
          const wire = textToBytes(lines.map(([chars, end]) => chars.join('') + end).join(''));
          const events = feedCut(new SerialLineDecoder(options), wire, cuts);
          expect(events).toEqual(lines.map(([chars]) => scan(chars.join(''))));
        },
      ),
    );
  });

  it('for any bytes, where the chunks split never changes the events, and nothing is thrown', () => {
    const noisy = fc
      .uint8Array({ maxLength: 400 })
      .chain((bytes) => fc.constant(bytes.map((b) => (b % 7 === 0 ? 0x0d : b % 11 === 0 ? 0x0a : b))));
    fc.assert(
      fc.property(noisy, fc.array(fc.nat(400), { maxLength: 40 }), (bytes, cuts) => {
        const whole = new SerialLineDecoder({ maxLength: 20, prefix: 'P', suffix: 'S' }).push(bytes);
        const cut = feedCut(new SerialLineDecoder({ maxLength: 20, prefix: 'P', suffix: 'S' }), bytes, cuts);
        expect(comparable(cut)).toEqual(comparable(whole));
        for (const event of cut) {
          if (event.kind === 'error') expect(event.error).toBeInstanceOf(ScanTooLongError);
        }
      }),
    );
  });
});
