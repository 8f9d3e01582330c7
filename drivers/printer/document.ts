/**
 * The document model: what a layout says, independent of bytes. Layouts (layouts/) build a
 * `PrintDocument`; `encodeDocument` (encoder.ts) turns it into ESC/POS for one printer model.
 */

export type Alignment = 'left' | 'center' | 'right';

export interface TextStyle {
  readonly bold?: boolean;
  readonly underline?: boolean;
  /** Halves the columns per line (escpos.md §1, GS !). */
  readonly doubleWidth?: boolean;
  readonly doubleHeight?: boolean;
  readonly align?: Alignment;
}

/** QR error correction levels (escpos.md §3, function 169). CSV QRs use M or higher (spanish-formats.md §5). */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** One paragraph, wrapped at word boundaries to the paper width; `\n` starts a new line. */
export interface TextBlock {
  readonly kind: 'text';
  readonly text: string;
  readonly style?: TextStyle;
  /**
   * Keep the spacing of lines someone else laid out in columns (the card terminal's receipt): lines
   * that fit are printed as they are; only longer ones are wrapped (wrap.ts `fitPreformatted`).
   */
  readonly preformatted?: boolean;
}

/** A full-width line of one character (dashes by default). */
export interface RuleBlock {
  readonly kind: 'rule';
  readonly char?: '-' | '=' | '*' | '_';
}

/** A label on the left and a value on the right of the same line; wraps onto more lines when too long. */
export interface KeyValueBlock {
  readonly kind: 'keyValue';
  readonly label: string;
  readonly value: string;
  readonly bold?: boolean;
}

export interface QrBlock {
  readonly kind: 'qr';
  /** Sent as UTF-8 bytes; control characters are refused (the printer would obey DLE EOT inside, §6). */
  readonly data: string;
  /** Dots per module, 1–16 (escpos.md §3 function 167); 4–6 scans well at 203 dpi. */
  readonly moduleSize: number;
  readonly errorCorrection: QrErrorCorrection;
  readonly align?: Alignment;
}

export interface Code128Block {
  readonly kind: 'code128';
  /** Printable ASCII. All-digit data is packed in code set C, anything else goes in code set B. */
  readonly data: string;
  /** Bar height in dots (GS h), 1–255; default 80 (10 mm). */
  readonly height?: number;
  /** Module width in dots (GS w), 2–6; default 2. */
  readonly moduleWidth?: number;
  /** Human-readable text position (GS H); default below. */
  readonly hri?: 'none' | 'above' | 'below' | 'both';
  readonly align?: Alignment;
}

/** Print the buffer and feed n blank lines (ESC d n), 0–255. */
export interface FeedBlock {
  readonly kind: 'feed';
  readonly lines: number;
}

/** Feed to the cutter and cut (GS V 65/66, escpos.md §4); most clones only cut partially. */
export interface CutBlock {
  readonly kind: 'cut';
  readonly mode?: 'partial' | 'full';
}

export type Block = TextBlock | RuleBlock | KeyValueBlock | QrBlock | Code128Block | FeedBlock | CutBlock;

export interface PrintDocument {
  readonly blocks: readonly Block[];
}

/** Small constructors so layouts read as a list of lines. */
export const block = {
  text: (text: string, style?: TextStyle): TextBlock =>
    style === undefined ? { kind: 'text', text } : { kind: 'text', text, style },
  /** A line laid out by someone else, spacing kept (see `TextBlock.preformatted`). */
  preformatted: (text: string, style?: TextStyle): TextBlock =>
    style === undefined
      ? { kind: 'text', text, preformatted: true }
      : { kind: 'text', text, style, preformatted: true },
  rule: (char?: RuleBlock['char']): RuleBlock =>
    char === undefined ? { kind: 'rule' } : { kind: 'rule', char },
  keyValue: (label: string, value: string, bold?: boolean): KeyValueBlock =>
    bold === undefined ? { kind: 'keyValue', label, value } : { kind: 'keyValue', label, value, bold },
  qr: (
    data: string,
    options?: { moduleSize?: number; errorCorrection?: QrErrorCorrection; align?: Alignment },
  ): QrBlock => ({
    kind: 'qr',
    data,
    moduleSize: options?.moduleSize ?? 5,
    errorCorrection: options?.errorCorrection ?? 'M',
    align: options?.align ?? 'center',
  }),
  code128: (data: string, options?: Omit<Code128Block, 'kind' | 'data'>): Code128Block => ({
    kind: 'code128',
    data,
    ...options,
  }),
  feed: (lines: number): FeedBlock => ({ kind: 'feed', lines }),
  cut: (mode?: CutBlock['mode']): CutBlock => (mode === undefined ? { kind: 'cut' } : { kind: 'cut', mode }),
} as const;
