import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import type { PrintedDocument } from './page.ts';
import { EmulatedPrinter } from './printer.ts';
import { renderDocumentCanvas, renderDocumentPng } from './render.ts';

// jsqr is a CommonJS bundle whose types declare a default export; take whichever shape arrives.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQRShape = jsQRModule as unknown as JsQr & { default?: JsQr };
const jsQR: JsQr = jsQRShape.default ?? jsQRShape;

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function printOne(parts: (number | number[])[], paperWidthDots = 576): PrintedDocument {
  const p = new EmulatedPrinter({ paperWidthDots });
  const { finished } = p.receive(Uint8Array.from([...parts.flat(), GS, 0x56, 66, 0]));
  expect(finished).toHaveLength(1);
  return finished[0]!;
}

function inkColumns(doc: PrintedDocument, rowFrom: number, rowTo: number): number[] {
  const canvas = renderDocumentCanvas(doc);
  const img = canvas.getContext('2d').getImageData(0, rowFrom, canvas.width, rowTo - rowFrom);
  const cols: number[] = [];
  for (let x = 0; x < img.width; x++) {
    for (let y = 0; y < img.height; y++) {
      if (img.data[(y * img.width + x) * 4]! < 128) {
        cols.push(x);
        break;
      }
    }
  }
  return cols;
}

describe('render', () => {
  it('draws a QR that a scanner reads back with the stored data', () => {
    const url = 'https://sede.example.es/verificar?csv=VOL-2026-ABCD1234';
    const data = ascii(url);
    const doc = printOne([
      [ESC, 0x61, 1, ...ascii('Volante de empadronamiento'), LF, LF],
      [GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 5],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31],
      [GS, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      [ESC, 0x64, 3],
    ]);
    const canvas = renderDocumentCanvas(doc);
    const img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const found = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
    expect(found?.data).toBe(url);
  });

  it('draws CODE128 bars whose widths are the symbol, module width times modules', () => {
    const doc = printOne([
      [GS, 0x68, 40, GS, 0x77, 2],
      [GS, 0x6b, 73, 6, 0x7b, 0x43, 0x0c, 0x22, 0x38, 0x4e],
    ]);
    const block = doc.blocks[0];
    expect(block?.kind === 'barcode' && block.widths !== null).toBe(true);
    if (block?.kind !== 'barcode' || block.widths === null) return;
    const canvas = renderDocumentCanvas(doc);
    // Row through the middle of the bars (top margin 24 + half of 40 dots).
    const img = canvas.getContext('2d').getImageData(0, 44, canvas.width, 1);
    const runs: number[] = [];
    let prev = false;
    for (let x = 0; x < img.width; x++) {
      const dark = img.data[x * 4]! < 128;
      if (runs.length === 0 && !dark) continue;
      if (runs.length === 0 || dark !== prev) runs.push(0);
      runs[runs.length - 1]! += 1;
      prev = dark;
    }
    if (!prev) runs.pop(); // trailing white
    expect(runs).toEqual(block.widths.map((w) => w * 2));
  });

  it('aligns text: a right-aligned line has ink only on the right, a centred one in the middle', () => {
    const right = printOne([ESC, 0x61, 2, ...ascii('TOTAL'), LF]);
    const cols = inkColumns(right, 24, 54);
    // Paper 576 dots + 32-dot margins: 5 characters of 12 dots end at 608.
    expect(Math.min(...cols)).toBeGreaterThanOrEqual(608 - 60);
    expect(Math.max(...cols)).toBeLessThan(608);
    const centre = printOne([ESC, 0x61, 1, ...ascii('TOTAL'), LF]);
    const c = inkColumns(centre, 24, 54);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(32 + 258);
    expect(Math.max(...c)).toBeLessThan(32 + 318);
  });

  it('double width stretches characters and bold puts more ink on paper', () => {
    const normal = inkColumns(printOne([...ascii('WWWW'), LF]), 24, 54);
    const wide = inkColumns(printOne([GS, 0x21, 0x10, ...ascii('WWWW'), LF]), 24, 54);
    expect(Math.max(...wide) - 32).toBeGreaterThan(2 * (Math.max(...normal) - 32) - 12);
    const ink = (doc: PrintedDocument): number => {
      const canvas = renderDocumentCanvas(doc);
      const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) n++;
      return n;
    };
    expect(ink(printOne([ESC, 0x45, 1, ...ascii('Hola'), LF]))).toBeGreaterThan(
      ink(printOne([...ascii('Hola'), LF])),
    );
  });

  it('draws a GS v 0 raster image bit by bit, MSB leftmost, at double width for m=1', () => {
    const doc = printOne([GS, 0x76, 0x30, 1, 1, 0, 2, 0, 0xf0, 0x0f]);
    const canvas = renderDocumentCanvas(doc);
    const img = canvas.getContext('2d').getImageData(32, 24, 16, 2);
    const row = (y: number): string =>
      Array.from({ length: 16 }, (_, x) => (img.data[(y * 16 + x) * 4]! < 128 ? '#' : '.')).join('');
    expect([row(0), row(1)]).toEqual(['########........', '........########']);
  });

  it('makes a PNG as wide as the paper: 58 mm = 384 dots plus margins', () => {
    const png = renderDocumentPng(printOne([...ascii('x'), LF], 384));
    expect(Array.from(png.subarray(1, 4))).toEqual(ascii('PNG'));
    expect(png.readUInt32BE(16)).toBe(384 + 64);
  });
});
