import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from './codepage.ts';
import { type Block, block, type PrintDocument } from './document.ts';
import { code128Payload, type EncodeOptions, encodeDocument, keyValueLines } from './encoder.ts';
import { PrintEncodeError } from './errors.ts';

const OPTIONS: EncodeOptions = { paperWidthMm: 58, codePage: CODE_PAGES.pc858 };
const PREAMBLE = [0x1b, 0x40, 0x1b, 0x74, 19, 0x1b, 0x52, 0x00];
const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];
const encode = (blocks: Block[], options: EncodeOptions = OPTIONS): number[] => [
  ...encodeDocument({ blocks }, options),
];

describe('encodeDocument', () => {
  it('starts with ESC @, ESC t n from the setting and ESC R 0', () => {
    expect(encode([])).toEqual(PREAMBLE);
    expect(encode([], { paperWidthMm: 80, codePage: { charset: 'pc858', escPosNumber: 47 } })).toEqual([
      0x1b, 0x40, 0x1b, 0x74, 47, 0x1b, 0x52, 0x00,
    ]);
  });

  it('encodes a plain line in the code page, ended by LF', () => {
    expect(encode([block.text('Año 1€')])).toEqual([...PREAMBLE, 0x41, 0xa4, 0x6f, 0x20, 0x31, 0xd5, 0x0a]);
    const wpc = { paperWidthMm: 58, codePage: CODE_PAGES.wpc1252 } as const;
    expect(encode([block.text('Año 1€')], wpc)).toEqual([
      0x1b, 0x40, 0x1b, 0x74, 16, 0x1b, 0x52, 0x00, 0x41, 0xf1, 0x6f, 0x20, 0x31, 0x80, 0x0a,
    ]);
  });

  it('sends style commands only on change and resets them for the next block', () => {
    const bytes = encode([
      block.text('AB', {
        bold: true,
        underline: true,
        doubleWidth: true,
        doubleHeight: true,
        align: 'center',
      }),
      block.text('C', { bold: true, align: 'center' }),
      block.text('D'),
    ]);
    expect(bytes).toEqual([
      ...PREAMBLE,
      ...[0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1b, 0x2d, 1, 0x1d, 0x21, 0x11, 0x41, 0x42, 0x0a],
      ...[0x1b, 0x2d, 0, 0x1d, 0x21, 0x00, 0x43, 0x0a],
      ...[0x1b, 0x61, 0, 0x1b, 0x45, 0, 0x44, 0x0a],
    ]);
  });

  it('wraps text to 32 columns, or 16 in double width, on 58 mm paper', () => {
    const text = 'aaaa bbbb cccc dddd eeee ffff gggg';
    expect(encode([block.text(text)])).toEqual([
      ...PREAMBLE,
      ...ascii('aaaa bbbb cccc dddd eeee ffff\n'),
      ...ascii('gggg\n'),
    ]);
    expect(encode([block.text(text, { doubleWidth: true })])).toEqual([
      ...PREAMBLE,
      0x1d,
      0x21,
      0x10,
      ...ascii('aaaa bbbb cccc\ndddd eeee ffff\ngggg\n'),
    ]);
  });

  it('prints a rule across the paper', () => {
    expect(encode([block.rule()])).toEqual([...PREAMBLE, ...ascii(`${'-'.repeat(32)}\n`)]);
    expect(encode([block.rule('=')], { ...OPTIONS, paperWidthMm: 80 })).toEqual([
      ...PREAMBLE,
      ...ascii(`${'='.repeat(48)}\n`),
    ]);
  });

  it('prints key-value rows with the value flush right', () => {
    expect(encode([block.keyValue('Importe', '12,50 €', true)])).toEqual([
      ...PREAMBLE,
      0x1b,
      0x45,
      1,
      ...ascii(`Importe${' '.repeat(18)}12,50 `),
      0xd5,
      0x0a,
    ]);
  });

  it('encodes a QR as GS ( k model 2, size, EC, store, print (§3)', () => {
    expect(encode([block.qr('AB', { moduleSize: 6, errorCorrection: 'Q' })])).toEqual([
      ...PREAMBLE,
      ...[0x1b, 0x61, 1],
      ...[0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x32],
      ...[0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42],
      ...[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
    ]);
  });

  it('puts the QR store length in pL pH little-endian', () => {
    const data = 'x'.repeat(300);
    const bytes = encode([block.qr(data)]);
    const store = bytes.findIndex((_, i) => bytes[i + 5] === 0x31 && bytes[i + 6] === 0x50);
    expect(bytes.slice(store, store + 8)).toEqual([0x1d, 0x28, 0x6b, 303 & 0xff, 303 >> 8, 0x31, 0x50, 0x30]);
  });

  it('refuses QR data with control characters and bad module sizes', () => {
    expect(() => encode([block.qr('a\u0010\u0004b')])).toThrow(PrintEncodeError);
    expect(() => encode([block.qr('ok', { moduleSize: 17 })])).toThrow(PrintEncodeError);
    expect(() => encode([block.qr('')])).toThrow(PrintEncodeError);
  });

  it('encodes CODE128 in code set C for digits (§4)', () => {
    expect(
      encode([block.code128('123456', { height: 60, moduleWidth: 2, hri: 'none', align: 'left' })]),
    ).toEqual([
      ...PREAMBLE,
      ...[0x1d, 0x68, 60, 0x1d, 0x77, 2, 0x1d, 0x48, 0],
      ...[0x1d, 0x6b, 73, 5, 0x7b, 0x43, 0x0c, 0x22, 0x38],
    ]);
  });

  it('feeds and cuts with feed-to-cutter GS V', () => {
    expect(encode([block.feed(3), block.cut(), block.cut('full')])).toEqual([
      ...PREAMBLE,
      ...[0x1b, 0x64, 3],
      ...[0x1d, 0x56, 0x42, 0],
      ...[0x1d, 0x56, 0x41, 0],
    ]);
    expect(() => encode([block.feed(256)])).toThrow(PrintEncodeError);
  });

  it('never lets text produce a command byte (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 5 }), (texts) => {
        const doc: PrintDocument = { blocks: texts.map((t) => block.text(t)) };
        const body = [...encodeDocument(doc, OPTIONS)].slice(PREAMBLE.length);
        // Only printable bytes and LF: no ESC, GS, DLE from user text.
        for (const byte of body) expect(byte === 0x0a || byte >= 0x20).toBe(true);
      }),
    );
  });
});

describe('code128Payload', () => {
  it('packs digit pairs in set C and the odd last digit in set B', () => {
    expect(code128Payload('12345')).toEqual({ bytes: [0x7b, 0x43, 12, 34, 0x7b, 0x42, 0x35], symbols: 4 });
  });

  it('uses set B for text and doubles "{"', () => {
    expect(code128Payload('A{1')).toEqual({ bytes: [0x7b, 0x42, 0x41, 0x7b, 0x7b, 0x31], symbols: 3 });
  });

  it('refuses non-ASCII data and barcodes wider than the paper', () => {
    expect(() => code128Payload('Año')).toThrow(PrintEncodeError);
    expect(() => encode([block.code128('X'.repeat(40))])).toThrow(PrintEncodeError);
  });

  it('decodes back to the data (property)', () => {
    const decode = (bytes: number[]): string => {
      let set = '';
      let out = '';
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i] ?? 0;
        if (byte === 0x7b && bytes[i + 1] !== 0x7b) {
          set = String.fromCharCode(bytes[++i] ?? 0);
        } else if (set === 'C') {
          out += String(byte).padStart(2, '0');
        } else {
          out += String.fromCharCode(byte);
          if (byte === 0x7b) i++;
        }
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[0-9]{1,40}$/),
          fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }),
        ),
        (data) => {
          fc.pre(/^[\u0020-\u007e]+$/.test(data));
          expect(decode(code128Payload(data).bytes)).toBe(data);
        },
      ),
    );
  });
});

describe('keyValueLines', () => {
  it('moves a value that does not fit under its label, flush right', () => {
    expect(keyValueLines('Domicilio', 'Calle Mayor 1', 16)).toEqual(['Domicilio', '   Calle Mayor 1']);
  });
});
