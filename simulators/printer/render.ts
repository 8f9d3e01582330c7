/**
 * Draws one printed document as a PNG the way the thermal paper would look: white paper, black ink,
 * one pixel per dot at 203 dpi (escpos.md §7: 384 dots printable on 58 mm, 576 on 80 mm), with the
 * unprintable side margins of the roll around it.
 */
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import {
  type Align,
  type Block,
  blockWidthDots,
  charHeightDots,
  charWidthDots,
  type Font,
  type PrintedDocument,
  type TextRun,
} from './page.ts';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = 'EscPosEmuMono';
const BOLD = 'EscPosEmuMonoBold';

/**
 * DejaVu Sans Mono advances 0.602 em: 20 px gives the 12-dot cell of font A, 15 px the 9-dot cell of
 * font B. `baseline` is where the glyph sits inside the 24- or 17-dot cell.
 */
const GLYPH: Record<Font, { readonly px: number; readonly baseline: number }> = {
  A: { px: 20, baseline: 19 },
  B: { px: 15, baseline: 14 },
};

let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSansMono.ttf`, REGULAR);
  GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSansMono-Bold.ttf`, BOLD);
  fontsRegistered = true;
}

export type RenderOptions = {
  /** Blank paper each side of the printable width (the roll is wider than the head). */
  readonly sideMarginDots?: number;
  readonly topMarginDots?: number;
  readonly bottomMarginDots?: number;
};

const HRI_HEIGHT = 24;
const HRI_GAP = 4;

function blockHeight(block: Block): number {
  switch (block.kind) {
    case 'text':
      return block.advanceDots;
    case 'feed':
      return block.dots;
    case 'qr':
      return block.matrix.size * block.moduleSize;
    case 'barcode': {
      const hri =
        (block.hri === 'above' || block.hri === 'both' ? 1 : 0) +
        (block.hri === 'below' || block.hri === 'both' ? 1 : 0);
      return block.heightDots + hri * (HRI_HEIGHT + HRI_GAP);
    }
    case 'image':
      return block.heightDots * block.scaleY;
  }
}

function alignedX(align: Align, width: number, paperWidth: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paperWidth - width) / 2));
  if (align === 'right') return Math.max(0, paperWidth - width);
  return 0;
}

/** Draws onto a new canvas; exposed for tests that read pixels back. */
export function renderDocumentCanvas(doc: PrintedDocument, options: RenderOptions = {}): Canvas {
  registerFonts();
  const side = options.sideMarginDots ?? 32;
  const top = options.topMarginDots ?? 24;
  const bottom = options.bottomMarginDots ?? 24;
  const paper = doc.paperWidthDots;
  const contentHeight = doc.blocks.reduce((a, b) => a + blockHeight(b), 0);
  const canvas = createCanvas(paper + 2 * side, Math.max(1, top + contentHeight + bottom));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'alphabetic';
  let y = top;
  for (const block of doc.blocks) {
    ctx.save();
    ctx.translate(side, y);
    // Nothing prints outside the head's width.
    ctx.beginPath();
    ctx.rect(0, 0, paper, blockHeight(block));
    ctx.clip();
    drawBlock(ctx, block, paper);
    ctx.restore();
    y += blockHeight(block);
  }
  return canvas;
}

export function renderDocumentPng(doc: PrintedDocument, options: RenderOptions = {}): Buffer {
  return renderDocumentCanvas(doc, options).encodeSync('png');
}

function drawBlock(ctx: SKRSContext2D, block: Block, paper: number): void {
  switch (block.kind) {
    case 'text':
      drawTextLine(ctx, block.runs, block.align, block.heightDots, paper);
      return;
    case 'feed':
      return;
    case 'qr': {
      const x0 = alignedX(block.align, blockWidthDots(block), paper);
      const { size, cells } = block.matrix;
      const m = block.moduleSize;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          if (cells[r * size + c] === 1) ctx.fillRect(x0 + c * m, r * m, m, m);
        }
      }
      return;
    }
    case 'barcode':
      drawBarcode(ctx, block, paper);
      return;
    case 'image': {
      const x0 = alignedX(block.align, blockWidthDots(block), paper);
      for (let row = 0; row < block.heightDots; row++) {
        for (let col = 0; col < block.widthBytes * 8; col++) {
          const byte = block.bits[row * block.widthBytes + (col >> 3)] ?? 0;
          if ((byte & (0x80 >> (col & 7))) !== 0) {
            ctx.fillRect(x0 + col * block.scaleX, row * block.scaleY, block.scaleX, block.scaleY);
          }
        }
      }
      return;
    }
  }
}

function drawTextLine(
  ctx: SKRSContext2D,
  runs: readonly TextRun[],
  align: Align,
  lineHeight: number,
  paper: number,
): void {
  const width = runs.reduce((a, r) => a + [...r.text].length * charWidthDots(r.style), 0);
  let x = alignedX(align, width, paper);
  for (const run of runs) {
    const cw = charWidthDots(run.style);
    const ch = charHeightDots(run.style);
    // Characters of different heights in one line stand on the same bottom edge.
    const runTop = lineHeight - ch;
    const glyph = GLYPH[run.style.font];
    ctx.font = `${glyph.px}px ${run.style.bold ? BOLD : REGULAR}`;
    const chars = [...run.text];
    for (const [k, c] of chars.entries()) {
      if (c === ' ') continue;
      ctx.save();
      ctx.translate(x + k * cw, runTop + glyph.baseline * run.style.height);
      ctx.scale(run.style.width, run.style.height);
      ctx.fillText(c, 0, 0);
      ctx.restore();
    }
    if (run.style.underline > 0) {
      const thickness = run.style.underline * run.style.height;
      ctx.fillRect(x, runTop + ch - thickness, chars.length * cw, thickness);
    }
    x += chars.length * cw;
  }
}

function drawBarcode(ctx: SKRSContext2D, block: Extract<Block, { kind: 'barcode' }>, paper: number): void {
  const width = blockWidthDots(block);
  const x0 = alignedX(block.align, width, paper);
  const above = block.hri === 'above' || block.hri === 'both';
  const below = block.hri === 'below' || block.hri === 'both';
  const barsTop = above ? HRI_HEIGHT + HRI_GAP : 0;
  ctx.font = `${GLYPH.A.px}px ${REGULAR}`;
  const hri = (top: number): void => {
    const text = block.text;
    const tw = [...text].length * 12;
    const tx = x0 + Math.floor((width - tw) / 2);
    for (const [k, c] of [...text].entries()) ctx.fillText(c, tx + k * 12, top + GLYPH.A.baseline);
  };
  if (above) hri(0);
  if (block.widths !== null) {
    let x = x0;
    for (const [k, w] of block.widths.entries()) {
      const dots = w * block.moduleWidth;
      if (k % 2 === 0) ctx.fillRect(x, barsTop, dots, block.heightDots);
      x += dots;
    }
  } else {
    // Symbologies the emulator does not draw: a labelled box of about the right size.
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + 1, barsTop + 1, width - 2, block.heightDots - 2);
    ctx.font = `${GLYPH.B.px}px ${REGULAR}`;
    ctx.fillText(`${block.symbology}: ${block.text}`, x0 + 8, barsTop + Math.min(block.heightDots - 4, 24));
  }
  if (below) {
    ctx.font = `${GLYPH.A.px}px ${REGULAR}`;
    hri(barsTop + block.heightDots + HRI_GAP);
  }
}
