import { describe, expect, it } from 'vitest';
import { decodeAll } from './decoder.ts';
import { type Block, PageBuilder, type PrintedDocument } from './page.ts';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Decodes a hand-written stream and returns the documents its cuts finished, plus the open one. */
function print(parts: (number | number[])[], paperWidthDots = 576) {
  const builder = new PageBuilder({ paperWidthDots });
  const docs: PrintedDocument[] = [];
  for (const c of decodeAll(Uint8Array.from(parts.flat())).commands) {
    const d = builder.apply(c);
    if (d !== null) docs.push(d);
  }
  return { docs, pending: builder.pending() };
}

function textBlocks(doc: PrintedDocument): Extract<Block, { kind: 'text' }>[] {
  return doc.blocks.filter((b): b is Extract<Block, { kind: 'text' }> => b.kind === 'text');
}

describe('text lines and styles', () => {
  it('keeps runs with their style: bold, underline, size, font', () => {
    const { pending } = print([
      [ESC, 0x45, 1, ...ascii('B'), ESC, 0x45, 0],
      [ESC, 0x2d, 2, ...ascii('U'), ESC, 0x2d, 0],
      [GS, 0x21, 0x11, ...ascii('D'), GS, 0x21, 0x00],
      [ESC, 0x21, 0x01, ...ascii('f'), ESC, 0x21, 0x00, ...ascii('n'), LF],
    ]);
    const [line] = textBlocks(pending);
    expect(line?.runs).toEqual([
      { text: 'B', style: { font: 'A', bold: true, underline: 0, width: 1, height: 1 } },
      { text: 'U', style: { font: 'A', bold: false, underline: 2, width: 1, height: 1 } },
      { text: 'D', style: { font: 'A', bold: false, underline: 0, width: 2, height: 2 } },
      { text: 'f', style: { font: 'B', bold: false, underline: 0, width: 1, height: 1 } },
      { text: 'n', style: { font: 'A', bold: false, underline: 0, width: 1, height: 1 } },
    ]);
    // Double height font A is 48 dots tall, more than the 30-dot line spacing.
    expect(line?.heightDots).toBe(48);
    expect(line?.advanceDots).toBe(48);
  });

  it('ESC ! sets every mode at once (bold, double height and width, underline)', () => {
    const { pending } = print([ESC, 0x21, 0xb8, ...ascii('X'), LF]);
    expect(textBlocks(pending)[0]?.runs[0]?.style).toEqual({
      font: 'A',
      bold: true,
      underline: 1,
      width: 2,
      height: 2,
    });
  });

  it('ESC a applies at the start of a line and is ignored (with a warning) in the middle', () => {
    const { pending } = print([
      ESC,
      0x61,
      1,
      ...ascii('centro'),
      LF,
      ...ascii('a'),
      ESC,
      0x61,
      2,
      ...ascii('b'),
      LF,
    ]);
    expect(textBlocks(pending).map((b) => b.align)).toEqual(['center', 'center']);
    expect(pending.warnings).toContain('ESC a in the middle of a line is ignored by the printer');
  });

  it('wraps text longer than the paper: 58 mm holds 32 font A characters', () => {
    const { pending } = print([...ascii('x'.repeat(40)), LF], 384);
    expect(pending.text).toBe(`${'x'.repeat(32)}\n${'x'.repeat(8)}`);
  });

  it('ESC @ drops text that never got an LF, and resets styles', () => {
    const { pending } = print([ESC, 0x45, 1, ...ascii('lost'), ESC, 0x40, ...ascii('kept'), LF]);
    expect(pending.text).toBe('kept');
    expect(textBlocks(pending)[0]?.runs[0]?.style.bold).toBe(false);
    expect(pending.warnings[0]).toMatch(/ESC @ discarded/);
  });

  it('feeds: LF on an empty line and ESC d n add blank lines, ESC J adds dots', () => {
    const { pending } = print([LF, ESC, 0x64, 2, ESC, 0x4a, 40]);
    expect(pending.blocks).toEqual([
      { kind: 'feed', dots: 30, lines: 1 },
      { kind: 'feed', dots: 60, lines: 2 },
      { kind: 'feed', dots: 40, lines: 0 },
    ]);
  });
});

describe('documents, QR and barcodes', () => {
  it('each cut ends one document', () => {
    const { docs, pending } = print([
      [...ascii('uno'), LF, GS, 0x56, 66, 0],
      [...ascii('dos'), LF, GS, 0x56, 65, 10],
      [...ascii('tres'), LF],
    ]);
    expect(docs.map((d) => [d.sequence, d.text, d.cut, d.complete])).toEqual([
      [1, 'uno', 'partial', true],
      [2, 'dos', 'full', true],
    ]);
    expect(pending.text).toBe('tres');
    expect(pending.sequence).toBe(3);
  });

  it('warns about a bare cut right after the last line (the cutter is below the head)', () => {
    const { docs } = print([...ascii('total'), LF, GS, 0x56, 0]);
    expect(docs[0]?.warnings.some((w) => w.startsWith('bare cut'))).toBe(true);
    const fed = print([...ascii('total'), LF, ESC, 0x64, 5, GS, 0x56, 0]);
    expect(fed.docs[0]?.warnings).toEqual([]);
  });

  it('prints a QR with the stored data, module size and error correction', () => {
    const data = ascii('CSV:ABC-123');
    const { pending } = print([
      [ESC, 0x61, 1],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 5],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x32],
      [GS, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
    ]);
    const qr = pending.blocks[0];
    expect(qr?.kind).toBe('qr');
    if (qr?.kind !== 'qr') return;
    expect([qr.text, qr.moduleSize, qr.errorCorrection, qr.align, qr.model]).toEqual([
      'CSV:ABC-123',
      5,
      'Q',
      'center',
      2,
    ]);
    expect(qr.matrix.size).toBe(21);
    expect(pending.text).toBe('[QR CSV:ABC-123]');
  });

  it('prints nothing for a QR that does not fit the paper, and says why', () => {
    const data = ascii('x'.repeat(200));
    const { pending } = print(
      [
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 16],
        [GS, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data],
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      ],
      384,
    );
    expect(pending.blocks).toEqual([]);
    expect(pending.warnings[0]).toMatch(/QR not printed: \d+ dots wide, paper has 384/);
  });

  it('QR print without stored data prints nothing', () => {
    const { pending } = print([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]);
    expect(pending.blocks).toEqual([]);
    expect(pending.warnings).toEqual(['QR print (fn 181) without stored data: nothing printed']);
  });

  it('prints CODE128 with real bars and other symbologies by type', () => {
    const { pending } = print([
      [GS, 0x68, 60, GS, 0x77, 2, GS, 0x48, 2],
      [GS, 0x6b, 73, 5, 0x7b, 0x43, 0x0c, 0x22, 0x38],
      [GS, 0x6b, 67, 13, ...ascii('4006381333931')],
    ]);
    expect(pending.text).toBe('[CODE128 123456]\n[EAN13 4006381333931]');
    const [c128, ean] = pending.blocks;
    expect(c128?.kind === 'barcode' && [c128.heightDots, c128.moduleWidth, c128.hri]).toEqual([
      60,
      2,
      'below',
    ]);
    expect(c128?.kind === 'barcode' && c128.widths?.length).toBe(5 * 6 + 7);
    expect(ean?.kind === 'barcode' && ean.widths).toBeNull();
  });

  it('a CODE128 without a code set selector is not printed', () => {
    const { pending } = print([GS, 0x6b, 73, 3, ...ascii('123')]);
    expect(pending.blocks).toEqual([]);
    expect(pending.warnings[0]).toMatch(/^CODE128 not printed/);
  });

  it('refuses a raster image while text waits in the line buffer', () => {
    const { pending } = print([...ascii('a'), GS, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff, LF]);
    expect(pending.text).toBe('a');
    expect(pending.warnings).toEqual(['GS v 0 with text in the line buffer is ignored by the printer']);
  });

  it('keeps unknown commands on the document', () => {
    const { pending } = print([0x07, ...ascii('a'), LF]);
    expect(pending.unknown).toEqual(['unknown byte 0x07']);
    expect(pending.text).toBe('a');
  });
});
