/**
 * Page model: turns decoded commands into printed documents, the way the paper comes out.
 * Lines hold runs of text with their style; QR codes, barcodes, raster images and feeds are blocks;
 * each cut ends one document (escpos.md §1, §3–§5). Widths are in dots at 203 dpi (§7).
 * Pure: no I/O, no clock; the printer's condition comes in as a parameter of `apply`.
 */
import { encodeEpsonCode128 } from './code128.ts';
import { codePageName, isKnownInternationalSet } from './codepages.ts';
import type { CutMode, EscPosCommand, QrErrorCorrection } from './decoder.ts';
import { buildQrMatrix, type QrMatrix } from './qr.ts';
import type { PrintBlocker } from './status.ts';

export type Align = 'left' | 'center' | 'right';
export type Font = 'A' | 'B';

export type TextStyle = {
  readonly font: Font;
  readonly bold: boolean;
  /** 0 none, 1 thin (1 dot), 2 thick (2 dots). */
  readonly underline: 0 | 1 | 2;
  /** Character width and height multipliers, 1–8. */
  readonly width: number;
  readonly height: number;
};

export type TextRun = { readonly text: string; readonly style: TextStyle };

export type HriPosition = 'none' | 'above' | 'below' | 'both';

export type Block =
  | {
      readonly kind: 'text';
      readonly align: Align;
      readonly runs: readonly TextRun[];
      /** Tallest character in the line, in dots. */
      readonly heightDots: number;
      /** Paper movement after this line, in dots. */
      readonly advanceDots: number;
    }
  | { readonly kind: 'feed'; readonly dots: number; readonly lines: number }
  | {
      readonly kind: 'qr';
      readonly align: Align;
      readonly data: Uint8Array;
      readonly text: string;
      readonly model: number;
      readonly moduleSize: number;
      readonly errorCorrection: QrErrorCorrection;
      readonly matrix: QrMatrix;
    }
  | {
      readonly kind: 'barcode';
      readonly align: Align;
      readonly type: number;
      readonly symbology: string;
      readonly data: Uint8Array;
      /** Human-readable content (for CODE128: decoded through the code sets). */
      readonly text: string;
      readonly heightDots: number;
      readonly moduleWidth: number;
      readonly hri: HriPosition;
      /** Bar/space widths in modules when the emulator can draw real bars (CODE128). */
      readonly widths: readonly number[] | null;
    }
  | {
      readonly kind: 'image';
      readonly align: Align;
      readonly widthBytes: number;
      readonly heightDots: number;
      readonly scaleX: number;
      readonly scaleY: number;
      /** Rows of `widthBytes` bytes, MSB leftmost, 1 = black (escpos.md §5). */
      readonly bits: Uint8Array;
    };

export type PrintedDocument = {
  /** 1, 2, 3… in the order documents were finished. */
  readonly sequence: number;
  readonly paperWidthDots: number;
  readonly blocks: readonly Block[];
  /** The paper read as text: one line per printed line, QR/barcodes as `[QR …]` / `[CODE128 …]`. */
  readonly text: string;
  /** False when printing was stopped (paper out, cover open, cutter error, power off) during it. */
  readonly complete: boolean;
  readonly interruptedBy: PrintBlocker | null;
  /** How it ended: a cut, or still open (pending) / cut off by power loss. */
  readonly cut: CutMode | null;
  /** Things a real printer would do differently from what the sender probably meant. */
  readonly warnings: readonly string[];
  /** Commands the emulator did not understand, e.g. "unknown byte 0x07". */
  readonly unknown: readonly string[];
};

export type PageOptions = {
  /** 384 for 58 mm paper, 576 for 80 mm (escpos.md §7). */
  readonly paperWidthDots: number;
  /** Head-to-cutter distance: a bare cut closer than this to the last print chops it (§4). */
  readonly cutterOffsetDots?: number;
};

/** Font A 12×24 and font B 9×17 dots (escpos.md §7). */
export const FONT_CELL: Record<Font, { readonly width: number; readonly height: number }> = {
  A: { width: 12, height: 24 },
  B: { width: 9, height: 17 },
};

/** Default line spacing: 1/6 inch ≈ 30 dots at 203 dpi (assumption: Epson TM-T20 class default). */
export const DEFAULT_LINE_SPACING = 30;
const DEFAULT_CUTTER_OFFSET = 96;
const QR_EC: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };
const HRI: Record<number, HriPosition> = {
  0: 'none',
  1: 'above',
  2: 'below',
  3: 'both',
  48: 'none',
  49: 'above',
  50: 'below',
  51: 'both',
};

const BARCODE_NAMES: Record<number, string> = {
  0: 'UPC-A',
  1: 'UPC-E',
  2: 'EAN13',
  3: 'EAN8',
  4: 'CODE39',
  5: 'ITF',
  6: 'CODABAR',
  65: 'UPC-A',
  66: 'UPC-E',
  67: 'EAN13',
  68: 'EAN8',
  69: 'CODE39',
  70: 'ITF',
  71: 'CODABAR',
  72: 'CODE93',
  73: 'CODE128',
  74: 'GS1-128',
  75: 'GS1 DataBar Omnidirectional',
  76: 'GS1 DataBar Truncated',
  77: 'GS1 DataBar Limited',
  78: 'GS1 DataBar Expanded',
};

const DEFAULT_STYLE: TextStyle = { font: 'A', bold: false, underline: 0, width: 1, height: 1 };

type Modes = {
  style: TextStyle;
  align: Align;
  lineSpacing: number;
  barcodeHeight: number;
  barcodeWidth: number;
  hri: HriPosition;
  qrModel: number;
  qrModuleSize: number;
  qrErrorCorrection: QrErrorCorrection;
  qrData: Uint8Array | null;
};

function powerOnModes(): Modes {
  return {
    style: DEFAULT_STYLE,
    align: 'left',
    lineSpacing: DEFAULT_LINE_SPACING,
    barcodeHeight: 162,
    barcodeWidth: 3,
    hri: 'none',
    qrModel: 2,
    qrModuleSize: 3,
    qrErrorCorrection: 'L',
    qrData: null,
  };
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return (
    a.font === b.font &&
    a.bold === b.bold &&
    a.underline === b.underline &&
    a.width === b.width &&
    a.height === b.height
  );
}

export function charWidthDots(style: TextStyle): number {
  return FONT_CELL[style.font].width * style.width;
}

export function charHeightDots(style: TextStyle): number {
  return FONT_CELL[style.font].height * style.height;
}

/** Width in dots of a barcode or QR block as printed (for alignment and fit checks). */
export function blockWidthDots(block: Block): number {
  switch (block.kind) {
    case 'qr':
      return block.matrix.size * block.moduleSize;
    case 'barcode':
      return block.widths === null
        ? Math.max(block.data.length * 11, 1) * block.moduleWidth
        : block.widths.reduce((a, w) => a + w, 0) * block.moduleWidth;
    case 'image':
      return block.widthBytes * 8 * block.scaleX;
    case 'text':
      return block.runs.reduce((a, r) => a + [...r.text].length * charWidthDots(r.style), 0);
    case 'feed':
      return 0;
  }
}

export class PageBuilder {
  private readonly paperWidthDots: number;
  private readonly cutterOffsetDots: number;
  private modes: Modes = powerOnModes();
  private line: TextRun[] = [];
  private lineWidth = 0;
  private blocks: Block[] = [];
  private warnings: string[] = [];
  private unknown: string[] = [];
  private interruptedBy: PrintBlocker | null = null;
  /** Paper fed since the last mark, to tell whether a bare cut chops the last lines. */
  private feedSinceMark = Number.POSITIVE_INFINITY;
  private sequence = 0;

  constructor(options: PageOptions) {
    this.paperWidthDots = options.paperWidthDots;
    this.cutterOffsetDots = options.cutterOffsetDots ?? DEFAULT_CUTTER_OFFSET;
  }

  /**
   * Applies one command. `blocker` is why the printer cannot print right now (null: it can): mode
   * commands still apply, marks on paper are lost and the document is flagged incomplete.
   * Returns the document a cut finished, if any.
   */
  apply(command: EscPosCommand, blocker: PrintBlocker | null = null): PrintedDocument | null {
    if (blocker !== null && producesPaper(command)) {
      this.interrupt(blocker);
      if (command.kind === 'cut') return this.finish(null);
      return null;
    }
    switch (command.kind) {
      case 'text':
        this.addText(command.text);
        return null;
      case 'tab':
        this.addTab();
        return null;
      case 'initialize':
        if (this.line.length > 0) this.warn('ESC @ discarded text that was never printed (no LF before it)');
        this.line = [];
        this.lineWidth = 0;
        this.modes = powerOnModes();
        return null;
      case 'code_page':
        if (codePageName(command.n) === undefined) {
          this.warn(`ESC t ${command.n}: code page not emulated, bytes 0x80–0xFF print as \ufffd`);
        }
        return null;
      case 'international_set':
        if (!isKnownInternationalSet(command.n)) this.warn(`ESC R ${command.n}: set not emulated, USA used`);
        return null;
      case 'print_mode': {
        const n = command.n;
        this.setStyle({
          font: (n & 0x01) !== 0 ? 'B' : 'A',
          bold: (n & 0x08) !== 0,
          height: (n & 0x10) !== 0 ? 2 : 1,
          width: (n & 0x20) !== 0 ? 2 : 1,
          underline: (n & 0x80) !== 0 ? 1 : 0,
        });
        return null;
      }
      case 'bold':
        this.setStyle({ ...this.modes.style, bold: command.on });
        return null;
      case 'underline': {
        const u = command.n === 1 || command.n === 49 ? 1 : command.n === 2 || command.n === 50 ? 2 : 0;
        if (![0, 1, 2, 48, 49, 50].includes(command.n))
          this.warn(`ESC - ${command.n}: out of range, ignored`);
        else this.setStyle({ ...this.modes.style, underline: u });
        return null;
      }
      case 'font':
        this.setStyle({ ...this.modes.style, font: command.n === 1 || command.n === 49 ? 'B' : 'A' });
        return null;
      case 'char_size': {
        const w = (command.n >> 4) + 1;
        const h = (command.n & 0x0f) + 1;
        if (w > 8 || h > 8) this.warn(`GS ! 0x${command.n.toString(16)}: size out of range, ignored`);
        else this.setStyle({ ...this.modes.style, width: w, height: h });
        return null;
      }
      case 'align':
        this.setAlign(command.n);
        return null;
      case 'line_feed':
        this.printLine(null, 1);
        return null;
      case 'carriage_return':
        // With auto line feed off (the default on serial/network units) CR does nothing.
        return null;
      case 'feed_lines':
        if (this.line.length > 0) {
          this.printLine(null, 1);
          this.feed(Math.max(0, command.n - 1) * this.modes.lineSpacing, Math.max(0, command.n - 1));
        } else {
          this.feed(command.n * this.modes.lineSpacing, command.n);
        }
        return null;
      case 'feed_dots':
        if (this.line.length > 0) this.printLine(command.n, 1);
        else this.feed(command.n, 0);
        return null;
      case 'line_spacing':
        this.modes.lineSpacing = command.dots ?? DEFAULT_LINE_SPACING;
        return null;
      case 'cut':
        return this.cut(command.mode, command.feedBeforeCut);
      case 'qr_model':
        if (command.n1 < 49 || command.n1 > 51) this.warn(`QR model n1=${command.n1} out of range, ignored`);
        else this.modes.qrModel = command.n1 - 48;
        return null;
      case 'qr_module_size':
        if (command.n < 1 || command.n > 16)
          this.warn(`QR module size ${command.n} out of range 1–16, ignored`);
        else this.modes.qrModuleSize = command.n;
        return null;
      case 'qr_error_correction': {
        const level = QR_EC[command.n];
        if (level === undefined) this.warn(`QR error correction n=${command.n} out of range 48–51, ignored`);
        else this.modes.qrErrorCorrection = level;
        return null;
      }
      case 'qr_store':
        this.modes.qrData = command.data;
        return null;
      case 'qr_print':
        this.printQr();
        return null;
      case 'qr_size_info':
        return null;
      case 'barcode':
        this.printBarcode(command.m, command.data);
        return null;
      case 'barcode_rejected':
        this.warn(`barcode type ${command.m} not printed: ${command.reason}`);
        return null;
      case 'barcode_height':
        if (command.n >= 1) this.modes.barcodeHeight = command.n;
        return null;
      case 'barcode_width':
        if (command.n >= 1 && command.n <= 6) this.modes.barcodeWidth = command.n;
        else this.warn(`GS w ${command.n}: module width out of range, ignored`);
        return null;
      case 'barcode_hri': {
        const hri = HRI[command.n];
        if (hri === undefined) this.warn(`GS H ${command.n}: out of range, ignored`);
        else this.modes.hri = hri;
        return null;
      }
      case 'raster':
        this.printRaster(command.m, command.widthBytes, command.height, command.data);
        return null;
      case 'unknown':
        this.unknown.push(command.description);
        return null;
      case 'barcode_hri_font':
      case 'inline_status_request':
      case 'paper_status_request':
      case 'asb':
      case 'ignored':
        return null;
    }
  }

  /** Printing stopped (paper out, cover open…) while this document was under way. */
  interrupt(blocker: PrintBlocker): void {
    if (this.interruptedBy === null) this.interruptedBy = blocker;
  }

  /** True when something is on the paper (or in the line buffer) since the last cut. */
  hasContent(): boolean {
    return this.blocks.length > 0 || this.line.length > 0;
  }

  /** Power lost: the open document ends where it is, incomplete; all modes go back to power-on. */
  powerLoss(): PrintedDocument | null {
    const open = this.hasContent();
    let doc: PrintedDocument | null = null;
    if (open) {
      this.interrupt('off');
      this.line = [];
      this.lineWidth = 0;
      doc = this.finish(null);
    }
    this.modes = powerOnModes();
    return doc;
  }

  /** The document being printed now (not yet cut), as it stands. */
  pending(): PrintedDocument {
    return this.snapshot(this.sequence + 1, null);
  }

  private warn(message: string): void {
    if (this.warnings.length < 100 && !this.warnings.includes(message)) this.warnings.push(message);
  }

  private setStyle(style: TextStyle): void {
    this.modes.style = style;
  }

  private setAlign(n: number): void {
    const align: Align | undefined =
      n === 0 || n === 48
        ? 'left'
        : n === 1 || n === 49
          ? 'center'
          : n === 2 || n === 50
            ? 'right'
            : undefined;
    if (align === undefined) {
      this.warn(`ESC a ${n}: out of range, ignored`);
      return;
    }
    // Epson: ESC a is only processed at the beginning of a line (escpos.md §1).
    if (this.line.length > 0) {
      this.warn('ESC a in the middle of a line is ignored by the printer');
      return;
    }
    this.modes.align = align;
  }

  private addText(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  private addChar(ch: string): void {
    const style = this.modes.style;
    const w = charWidthDots(style);
    if (this.lineWidth + w > this.paperWidthDots && this.line.length > 0) {
      // The line buffer is full: the printer prints it and goes on with the next line.
      this.warn('text longer than the paper width wrapped onto the next line');
      this.printLine(null, 1);
    }
    const last = this.line[this.line.length - 1];
    if (last !== undefined && sameStyle(last.style, style)) {
      this.line[this.line.length - 1] = { text: last.text + ch, style };
    } else {
      this.line.push({ text: ch, style });
    }
    this.lineWidth += w;
  }

  private addTab(): void {
    // Default tab stops every 8 characters of the current width (Epson ESC D default).
    const step = 8 * charWidthDots(this.modes.style);
    const target = (Math.floor(this.lineWidth / step) + 1) * step;
    if (target > this.paperWidthDots) return;
    while (this.lineWidth < target) this.addChar(' ');
  }

  /** Prints the line buffer; an empty buffer just feeds. `advance` null means the line spacing. */
  private printLine(advance: number | null, textLines: number): void {
    if (this.line.length === 0) {
      this.feed(advance ?? this.modes.lineSpacing, textLines);
      return;
    }
    const heightDots = Math.max(...this.line.map((r) => charHeightDots(r.style)));
    const advanceDots = Math.max(heightDots, advance ?? this.modes.lineSpacing);
    this.blocks.push({ kind: 'text', align: this.modes.align, runs: this.line, heightDots, advanceDots });
    this.line = [];
    this.lineWidth = 0;
    this.feedSinceMark = advanceDots - heightDots;
  }

  private feed(dots: number, lines: number): void {
    if (dots <= 0 && lines <= 0) return;
    this.blocks.push({ kind: 'feed', dots, lines });
    this.feedSinceMark += dots;
  }

  /** Barcodes, QR and images start at the beginning of a line; a pending line is printed first. */
  private startGraphic(what: string): void {
    if (this.line.length > 0) {
      this.warn(`${what} sent in the middle of a line: the pending text was printed first`);
      this.printLine(null, 1);
    }
  }

  private markGraphic(): void {
    this.feedSinceMark = 0;
  }

  private printQr(): void {
    const data = this.modes.qrData;
    if (data === null) {
      this.warn('QR print (fn 181) without stored data: nothing printed');
      return;
    }
    const built = buildQrMatrix(data, this.modes.qrErrorCorrection);
    if (!built.ok) {
      this.warn(`QR not printed: ${built.reason}`);
      return;
    }
    const width = built.matrix.size * this.modes.qrModuleSize;
    if (width > this.paperWidthDots) {
      this.warn(`QR not printed: ${width} dots wide, paper has ${this.paperWidthDots}`);
      return;
    }
    if (this.modes.qrModel !== 2) this.warn(`QR model ${this.modes.qrModel} selected; drawn as model 2`);
    this.startGraphic('QR');
    this.blocks.push({
      kind: 'qr',
      align: this.modes.align,
      data,
      text: new TextDecoder('utf-8', { fatal: false }).decode(data),
      model: this.modes.qrModel,
      moduleSize: this.modes.qrModuleSize,
      errorCorrection: this.modes.qrErrorCorrection,
      matrix: built.matrix,
    });
    this.markGraphic();
  }

  private printBarcode(m: number, data: Uint8Array): void {
    const symbology = BARCODE_NAMES[m] ?? `type ${m}`;
    let widths: readonly number[] | null = null;
    let text = String.fromCharCode(...data);
    if (m === 73) {
      const encoded = encodeEpsonCode128(data);
      if (!encoded.ok) {
        this.warn(`CODE128 not printed: ${encoded.reason}`);
        return;
      }
      widths = encoded.symbol.widths;
      text = encoded.symbol.text;
    }
    const block: Block = {
      kind: 'barcode',
      align: this.modes.align,
      type: m,
      symbology,
      data,
      text,
      heightDots: this.modes.barcodeHeight,
      moduleWidth: this.modes.barcodeWidth,
      hri: this.modes.hri,
      widths,
    };
    if (blockWidthDots(block) > this.paperWidthDots) {
      this.warn(`${symbology} not printed: wider than the paper`);
      return;
    }
    this.startGraphic(symbology);
    this.blocks.push(block);
    this.markGraphic();
  }

  private printRaster(m: number, widthBytes: number, height: number, bits: Uint8Array): void {
    if (this.line.length > 0) {
      // escpos.md §5: GS v 0 is only accepted with an empty line buffer.
      this.warn('GS v 0 with text in the line buffer is ignored by the printer');
      return;
    }
    const scaleX = m === 1 || m === 49 || m === 3 || m === 51 ? 2 : 1;
    const scaleY = m === 2 || m === 50 || m === 3 || m === 51 ? 2 : 1;
    if (widthBytes * 8 * scaleX > this.paperWidthDots)
      this.warn('raster image wider than the paper: clipped');
    if (widthBytes === 0 || height === 0) return;
    this.blocks.push({
      kind: 'image',
      align: this.modes.align,
      widthBytes,
      heightDots: height,
      scaleX,
      scaleY,
      bits,
    });
    this.markGraphic();
  }

  private cut(mode: CutMode, feedBeforeCut: number | null): PrintedDocument {
    if (this.line.length > 0) {
      // GS V is only valid at the start of a line: the text still in the buffer is not printed yet.
      this.warn('cut sent with text still in the line buffer (missing LF before GS V)');
      this.printLine(null, 1);
    }
    if (feedBeforeCut === null) {
      if (this.hasMarks() && this.feedSinceMark < this.cutterOffsetDots) {
        this.warn(
          `bare cut ${this.feedSinceMark} dots after the last print: the cutter sits about ${this.cutterOffsetDots} dots below the head, so the last lines are cut through (use GS V 65/66 n)`,
        );
      }
    } else if (feedBeforeCut > 0) {
      this.feed(feedBeforeCut, 0);
    }
    return this.finish(mode);
  }

  private hasMarks(): boolean {
    return this.blocks.some((b) => b.kind !== 'feed');
  }

  private finish(cut: CutMode | null): PrintedDocument {
    this.sequence += 1;
    const doc = this.snapshot(this.sequence, cut);
    this.blocks = [];
    this.line = [];
    this.lineWidth = 0;
    this.warnings = [];
    this.unknown = [];
    this.interruptedBy = null;
    this.feedSinceMark = Number.POSITIVE_INFINITY;
    return doc;
  }

  private snapshot(sequence: number, cut: CutMode | null): PrintedDocument {
    return {
      sequence,
      paperWidthDots: this.paperWidthDots,
      blocks: [...this.blocks],
      text: documentText(this.blocks),
      complete: this.interruptedBy === null,
      interruptedBy: this.interruptedBy,
      cut,
      warnings: [...this.warnings],
      unknown: [...this.unknown],
    };
  }
}

/** Commands that put marks on paper or move it: lost while the printer cannot print. */
function producesPaper(command: EscPosCommand): boolean {
  switch (command.kind) {
    case 'text':
    case 'tab':
    case 'line_feed':
    case 'feed_lines':
    case 'feed_dots':
    case 'cut':
    case 'qr_print':
    case 'barcode':
    case 'raster':
      return true;
    default:
      return false;
  }
}

export function documentText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        lines.push(block.runs.map((r) => r.text).join(''));
        break;
      case 'feed':
        for (let i = 0; i < block.lines; i++) lines.push('');
        break;
      case 'qr':
        lines.push(`[QR ${block.text}]`);
        break;
      case 'barcode':
        lines.push(`[${block.symbology} ${block.text}]`);
        break;
      case 'image':
        lines.push(`[image ${block.widthBytes * 8}x${block.heightDots}]`);
        break;
    }
  }
  return lines.join('\n');
}
