/**
 * Pure ESC/POS encoder: `PrintDocument` → bytes for one printer model. Section numbers are those of
 * /work/shared/docs/escpos.md. Styles are tracked, so a command is sent only when a value changes
 * from what ESC @ left (left aligned, plain, normal size).
 */

import { type CodePage, encodeText, toPrintable } from './codepage.ts';
import type {
  Alignment,
  Block,
  Code128Block,
  KeyValueBlock,
  PrintDocument,
  QrBlock,
  QrErrorCorrection,
  TextStyle,
} from './document.ts';
import { PrintEncodeError } from './errors.ts';
import { columnsFor, columnWidth, fitPreformatted, type PaperWidthMm, wrapText } from './wrap.ts';

export interface EncodeOptions {
  readonly paperWidthMm: PaperWidthMm;
  readonly codePage: CodePage;
}

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** Printable dots per line at 203 dpi (§7). */
const DOTS: Record<PaperWidthMm, number> = { 58: 384, 80: 576 };

const ALIGN_BYTE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
/** §3 function 169: 48 + level. */
const QR_EC_BYTE: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** §4 GS H. */
const HRI_BYTE = { none: 0, above: 1, below: 2, both: 3 } as const;
/** Epson allows up to 7089 data bytes in function 180 (§3). */
const QR_MAX_BYTES = 7089;

interface State {
  align: Alignment;
  bold: boolean;
  underline: boolean;
  /** GS ! n value. */
  size: number;
}

class ByteWriter {
  private readonly chunks: number[] = [];
  readonly state: State = { align: 'left', bold: false, underline: false, size: 0 };

  push(...bytes: number[]): void {
    for (const byte of bytes) this.chunks.push(byte);
  }

  pushBytes(bytes: Uint8Array): void {
    for (const byte of bytes) this.chunks.push(byte);
  }

  /** ESC a only takes effect at the start of a line (§1); every block starts at one. */
  align(align: Alignment): void {
    if (this.state.align !== align) this.push(ESC, 0x61, ALIGN_BYTE[align]);
    this.state.align = align;
  }

  style(bold: boolean, underline: boolean, size: number): void {
    if (this.state.bold !== bold) this.push(ESC, 0x45, bold ? 1 : 0);
    if (this.state.underline !== underline) this.push(ESC, 0x2d, underline ? 1 : 0);
    if (this.state.size !== size) this.push(GS, 0x21, size);
    Object.assign(this.state, { bold, underline, size });
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function checkByte(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PrintEncodeError(
      'printer.setting_invalid',
      `${what} must be an integer ${min}–${max}, got ${value}`,
    );
  }
  return value;
}

/** GS ! n: high nibble width factor − 1, low nibble height factor − 1 (§1). */
function sizeByte(style: TextStyle | undefined): number {
  return (style?.doubleWidth ? 0x10 : 0) | (style?.doubleHeight ? 0x01 : 0);
}

/**
 * A label and a value on one line, the value flush right; when both do not fit, the label wraps on
 * its own lines and the value follows right-aligned. Input must already be printable.
 */
export function keyValueLines(label: string, value: string, columns: number): string[] {
  const labelWidth = columnWidth(label);
  const valueWidth = columnWidth(value);
  if (labelWidth + 1 + valueWidth <= columns) {
    return [label + ' '.repeat(columns - labelWidth - valueWidth) + value];
  }
  const valueLines = wrapText(value, columns).map((line) => ' '.repeat(columns - columnWidth(line)) + line);
  return [...wrapText(label, columns), ...valueLines];
}

function encodeLines(out: ByteWriter, lines: readonly string[], options: EncodeOptions): void {
  for (const line of lines) {
    out.pushBytes(encodeText(line, options.codePage.charset));
    out.push(LF);
  }
}

function encodeKeyValue(out: ByteWriter, kv: KeyValueBlock, options: EncodeOptions): void {
  const charset = options.codePage.charset;
  // Newlines inside a row would break the two-column layout: they become spaces.
  const label = toPrintable(kv.label, charset).replaceAll('\n', ' ');
  const value = toPrintable(kv.value, charset).replaceAll('\n', ' ');
  out.align('left');
  out.style(kv.bold ?? false, false, 0);
  encodeLines(out, keyValueLines(label, value, columnsFor(options.paperWidthMm)), options);
}

const hasControlCharacter = (text: string): boolean =>
  Array.from(text).some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });

/** §3: GS ( k with cn = 0x31; pL + pH×256 counts the bytes after pH. */
function qrFunction(fn: number, params: readonly number[] | Uint8Array): number[] {
  const length = params.length + 2;
  return [GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params];
}

function encodeQr(out: ByteWriter, qr: QrBlock): void {
  const size = qr.moduleSize;
  if (!Number.isInteger(size) || size < 1 || size > 16) {
    throw new PrintEncodeError('printer.qr_invalid', `module size must be an integer 1–16, got ${size}`);
  }
  // A control byte inside the data could be taken for a real-time command (DLE EOT, §6).
  if (qr.data === '' || hasControlCharacter(qr.data)) {
    throw new PrintEncodeError('printer.qr_invalid', 'QR data is empty or has control characters');
  }
  const data = new TextEncoder().encode(qr.data);
  if (data.length > QR_MAX_BYTES) {
    throw new PrintEncodeError('printer.qr_invalid', `QR data is ${data.length} bytes, max ${QR_MAX_BYTES}`);
  }
  out.align(qr.align ?? 'center');
  out.push(...qrFunction(0x41, [0x32, 0x00])); // 165: model 2
  out.push(...qrFunction(0x43, [size])); // 167: module size
  out.push(...qrFunction(0x45, [QR_EC_BYTE[qr.errorCorrection]])); // 169: error correction
  out.push(...qrFunction(0x50, [0x30, ...data])); // 180: store
  out.push(...qrFunction(0x51, [0x30])); // 181: print
}

/** The GS k payload (code-set selectors included) and the number of data symbols it makes. */
export function code128Payload(data: string): { bytes: number[]; symbols: number } {
  if (data === '' || !/^[\u0020-\u007e]+$/u.test(data)) {
    throw new PrintEncodeError('printer.barcode_invalid', 'CODE128 data is empty or not printable ASCII');
  }
  if (/^[0-9]+$/u.test(data) && data.length >= 2) {
    // Code set C: one byte 0–99 per digit pair (§4); an odd last digit goes in code set B.
    const pairs = Math.floor(data.length / 2);
    const bytes = [0x7b, 0x43];
    for (let i = 0; i < pairs; i++) bytes.push(Number(data.slice(2 * i, 2 * i + 2)));
    if (data.length % 2 === 0) return { bytes, symbols: pairs };
    bytes.push(0x7b, 0x42, data.charCodeAt(data.length - 1));
    return { bytes, symbols: pairs + 2 };
  }
  const bytes = [0x7b, 0x42];
  for (const char of data) {
    const code = char.charCodeAt(0);
    if (code === 0x7b)
      bytes.push(0x7b, 0x7b); // "{{" is a literal "{"
    else bytes.push(code);
  }
  return { bytes, symbols: data.length };
}

function encodeCode128(out: ByteWriter, barcode: Code128Block, options: EncodeOptions): void {
  const height = checkByte(barcode.height ?? 80, 1, 255, 'barcode height');
  const moduleWidth = checkByte(barcode.moduleWidth ?? 2, 2, 6, 'barcode module width');
  const { bytes, symbols } = code128Payload(barcode.data);
  if (bytes.length > 255) {
    throw new PrintEncodeError(
      'printer.barcode_invalid',
      `CODE128 payload is ${bytes.length} bytes, max 255`,
    );
  }
  // Start + data + check symbols are 11 modules each, stop is 13; plus a 10-module quiet zone each side.
  const modules = (symbols + 2) * 11 + 13 + 20;
  if (modules * moduleWidth > DOTS[options.paperWidthMm]) {
    throw new PrintEncodeError(
      'printer.barcode_invalid',
      `CODE128 needs ${modules * moduleWidth} dots, paper has ${DOTS[options.paperWidthMm]}`,
    );
  }
  out.align(barcode.align ?? 'center');
  out.push(GS, 0x68, height, GS, 0x77, moduleWidth, GS, 0x48, HRI_BYTE[barcode.hri ?? 'below']);
  out.push(GS, 0x6b, 73, bytes.length, ...bytes);
}

function encodeBlock(out: ByteWriter, item: Block, options: EncodeOptions): void {
  switch (item.kind) {
    case 'text': {
      const columns = columnsFor(options.paperWidthMm, item.style?.doubleWidth ?? false);
      out.align(item.style?.align ?? 'left');
      out.style(item.style?.bold ?? false, item.style?.underline ?? false, sizeByte(item.style));
      const text = toPrintable(item.text.replace(/\r\n?/gu, '\n'), options.codePage.charset);
      encodeLines(out, item.preformatted ? fitPreformatted(text, columns) : wrapText(text, columns), options);
      return;
    }
    case 'rule':
      out.align('left');
      out.style(false, false, 0);
      encodeLines(out, [(item.char ?? '-').repeat(columnsFor(options.paperWidthMm))], options);
      return;
    case 'keyValue':
      encodeKeyValue(out, item, options);
      return;
    case 'qr':
      encodeQr(out, item);
      return;
    case 'code128':
      encodeCode128(out, item, options);
      return;
    case 'feed':
      out.push(ESC, 0x64, checkByte(item.lines, 0, 255, 'feed lines'));
      return;
    case 'cut':
      // GS V 65/66 n feeds to the cutter first, so the last lines are not chopped (§4).
      out.push(GS, 0x56, item.mode === 'full' ? 0x41 : 0x42, 0x00);
      return;
    default: {
      const unknown: never = item;
      throw new PrintEncodeError('printer.block_invalid', `unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The bytes of a whole document: ESC @ (reset), ESC t n (code page, re-sent because ESC @ resets
 * it), ESC R 0 (USA international set: the Spain sets replace [ \ ] { | }, §2), then each block.
 */
export function encodeDocument(doc: PrintDocument, options: EncodeOptions): Uint8Array {
  if (options.paperWidthMm !== 58 && options.paperWidthMm !== 80) {
    throw new PrintEncodeError('printer.setting_invalid', `paper width ${String(options.paperWidthMm)} mm`);
  }
  const out = new ByteWriter();
  out.push(ESC, 0x40);
  out.push(ESC, 0x74, checkByte(options.codePage.escPosNumber, 0, 255, 'code page number'));
  out.push(ESC, 0x52, 0x00);
  for (const item of doc.blocks) encodeBlock(out, item, options);
  return out.toBytes();
}
