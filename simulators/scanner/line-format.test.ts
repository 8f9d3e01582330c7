import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGs1DigitString, SAMPLE_RECIBO_BARCODES } from './barcodes.ts';
import { unescapeArgument } from './cli-args.ts';
import { ScannerSimError } from './errors.ts';
import { encodeScanLine, type LineTerminator } from './line-format.ts';

const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

describe('encodeScanLine', () => {
  it('writes the data and a CR by default', () => {
    expect(text(encodeScanLine(SAMPLE_RECIBO_BARCODES.m1_madrid))).toBe(
      `${SAMPLE_RECIBO_BARCODES.m1_madrid}\r`,
    );
  });

  it('writes prefix, AIM identifier, data, suffix and the chosen end of line, in that order', () => {
    const line = encodeScanLine('9050', {
      prefix: '\u0002',
      aimIdentifier: ']C1',
      suffix: '\u0003',
      terminator: 'crlf',
    });
    expect(Array.from(line)).toEqual([0x02, 0x5d, 0x43, 0x31, 0x39, 0x30, 0x35, 0x30, 0x03, 0x0d, 0x0a]);
    expect(text(encodeScanLine('12', { terminator: 'lf' }))).toBe('12\n');
  });

  it('refuses data with an end of line or characters beyond latin-1', () => {
    expect(() => encodeScanLine('12\r34')).toThrow(ScannerSimError);
    expect(() => encodeScanLine('12', { suffix: '\n' })).toThrow(
      expect.objectContaining({ code: 'scanner_sim.bad_barcode' }),
    );
    expect(() => encodeScanLine('12€')).toThrow(expect.objectContaining({ code: 'scanner_sim.bad_barcode' }));
  });

  it('the line is exactly its parts, with one end of line at its end only', () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(
        printable,
        printable,
        printable,
        fc.constantFrom<LineTerminator>('cr', 'lf', 'crlf'),
        (data, prefix, suffix, terminator) => {
          const line = text(encodeScanLine(data, { prefix, suffix, terminator }));
          const end = { cr: '\r', lf: '\n', crlf: '\r\n' }[terminator];
          expect(line).toBe(prefix + data + suffix + end);
          expect(/[\r\n]/.test(line.slice(0, line.length - end.length))).toBe(false);
        },
      ),
    );
  });
});

describe('sample barcodes and CLI arguments', () => {
  it('every sample is a GS1 digit string of a Cuaderno 60 length (38 or 42, §1.2)', () => {
    for (const barcode of Object.values(SAMPLE_RECIBO_BARCODES)) {
      expect(isGs1DigitString(barcode)).toBe(true);
      expect([38, 42]).toContain(barcode.length);
    }
    expect(isGs1DigitString('905')).toBe(false);
    expect(isGs1DigitString('1234')).toBe(false);
    expect(isGs1DigitString('90ab')).toBe(false);
  });

  it('unescapes \\xHH, \\r, \\n, \\t and \\\\ in prefix and suffix arguments', () => {
    expect(unescapeArgument('\\x02')).toBe('\u0002');
    expect(unescapeArgument('a\\tb\\r\\n\\\\x41')).toBe('a\tb\r\n\\x41');
    expect(unescapeArgument('plain')).toBe('plain');
  });
});
