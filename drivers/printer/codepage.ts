/**
 * Explicit transcoding of Spanish text to the single-byte code pages of the printer (escpos.md §2).
 *
 * Two character sets carry every character Spanish needs (ñ Ñ á…Ú ü Ü ¿ ¡ € º ª): PC858 and
 * WPC1252. The ESC t number that selects them differs between models (Epson: 19 and 16), so it is a
 * setting (`CodePage.escPosNumber`), while the byte table comes from the character set.
 *
 * Anything a page lacks goes through a defined fallback, never a wrong glyph and never UTF-8:
 * spaces → ' ', typographic quotes → straight quotes, dashes → '-', compatibility forms and accents
 * outside the table → the plain letters (NFKD without combining marks), anything else → '?'.
 * Control characters never reach the printer as text: they would be commands.
 */

export type Charset = 'pc858' | 'wpc1252';

export interface CodePage {
  readonly charset: Charset;
  /** The n of ESC t n for this printer model (clones differ; check the self-test page). */
  readonly escPosNumber: number;
}

/** Epson numbering (escpos.md §2); override `escPosNumber` for clones that put the page elsewhere. */
export const CODE_PAGES = {
  pc858: { charset: 'pc858', escPosNumber: 19 },
  wpc1252: { charset: 'wpc1252', escPosNumber: 16 },
} as const satisfies Record<Charset, CodePage>;

/**
 * Bytes 0x80–0xFF of PC858 (= PC850 with € at 0xD5 instead of the dotless ı), one row per 16 bytes.
 * 0xF0 is the soft hyphen and 0xFF the no-break space; the fallback never emits those two.
 */
const PC858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + // 0x80
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' + // 0x90
  'áíóúñÑªº¿®¬½¼¡«»' + // 0xA0
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' + // 0xB0
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' + // 0xC0
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' + // 0xD0
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' + // 0xE0
  '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0'; // 0xF0

/**
 * Bytes 0x80–0x9F of Windows-1252; 0xA0–0xFF are Latin-1 itself. `\0` marks the five unassigned
 * positions (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 */
const WPC1252_80_9F =
  '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0' + // 0x80
  '\0‘’“”•–—˜™š›œ\0žŸ'; // 0x90

function buildTable(high: string): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  Array.from(high).forEach((char, i) => {
    if (char !== '\0' && char !== '\u00ad' && char !== '\u00a0') table.set(char, 0x80 + i);
  });
  return table;
}

function buildWpc1252(): ReadonlyMap<string, number> {
  let high = WPC1252_80_9F;
  for (let code = 0xa0; code <= 0xff; code++) high += String.fromCharCode(code);
  return buildTable(high);
}

/** Character → byte for everything above ASCII that each page really has. */
const TABLES: Record<Charset, ReadonlyMap<string, number>> = {
  pc858: buildTable(PC858_HIGH),
  wpc1252: buildWpc1252(),
};

/** Typographic characters a page may lack; tried only after the page's own table. */
const PUNCTUATION_FALLBACK: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"], // ‘
  ['\u2019', "'"], // ’
  ['\u201a', "'"], // ‚
  ['\u201b', "'"], // ‛
  ['\u2032', "'"], // ′
  ['\u201c', '"'], // “
  ['\u201d', '"'], // ”
  ['\u201e', '"'], // „
  ['\u201f', '"'], // ‟
  ['\u2033', '"'], // ″
  ['\u2039', '<'], // ‹
  ['\u203a', '>'], // ›
  ['\u2010', '-'], // hyphen
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2012', '-'], // figure dash
  ['\u2013', '-'], // en dash
  ['\u2014', '-'], // em dash
  ['\u2015', '-'], // horizontal bar
  ['\u2212', '-'], // minus sign
  ['\u2043', '-'], // hyphen bullet
  ['\u2022', '*'], // bullet
  ['\u2026', '...'], // ellipsis
  ['\u0152', 'OE'], // Œ
  ['\u0153', 'oe'], // œ
  ['\u2122', 'TM'], // ™
]);

const isAsciiPrintable = (code: number): boolean => code >= 0x20 && code <= 0x7e;

/** Unicode spaces (incl. the no-break space Intl puts before "€", spanish-formats.md §7) print as ' '. */
const isSpace = (char: string): boolean =>
  char === '\t' || ((char.codePointAt(0) ?? 0) > 0x7f && /^\s$/u.test(char));

const isCombiningMark = (char: string): boolean => /^\p{M}$/u.test(char);

function encodable(char: string, table: ReadonlyMap<string, number>): boolean {
  return isAsciiPrintable(char.codePointAt(0) ?? 0) || table.has(char);
}

function fallbackFor(char: string, table: ReadonlyMap<string, number>): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return '?';
  if (char === '\u00ad' || char === '\u200b' || char === '\ufeff') return '';
  const punctuation = PUNCTUATION_FALLBACK.get(char);
  if (punctuation !== undefined) return punctuation;
  if (isCombiningMark(char)) return '';
  // Compatibility decomposition without accents: ā → a, ﬁ → fi, ² → 2, fullwidth Ａ → A.
  const plain = Array.from(char.normalize('NFKD'))
    .filter((c) => !isCombiningMark(c))
    .join('');
  if (plain !== '' && plain !== char && Array.from(plain).every((c) => encodable(c, table))) return plain;
  return '?';
}

/**
 * Returns `text` rewritten so that every character has exactly one byte in `charset` and prints
 * as one column. `\n` is kept (line breaks are the caller's business); any other control is '?'.
 */
export function toPrintable(text: string, charset: Charset): string {
  const table = TABLES[charset];
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n') out += char;
    else if (isSpace(char)) out += ' ';
    else if (encodable(char, table)) out += char;
    else out += fallbackFor(char, table);
  }
  return out;
}

/** Bytes for text in `charset`, after the fallback of `toPrintable`; '\n' becomes '?' here. */
export function encodeText(text: string, charset: Charset): Uint8Array {
  const table = TABLES[charset];
  const printable = Array.from(toPrintable(text, charset));
  const bytes = new Uint8Array(printable.length);
  printable.forEach((char, i) => {
    const code = char.codePointAt(0) ?? 0;
    bytes[i] = isAsciiPrintable(code) ? code : (table.get(char) ?? 0x3f);
  });
  return bytes;
}

/** Inverse of the table, for tests and previews: byte → character ('?' for bytes the page lacks). */
export function decodeText(bytes: Uint8Array, charset: Charset): string {
  const reverse = new Map<number, string>();
  for (const [char, byte] of TABLES[charset]) reverse.set(byte, char);
  let out = '';
  for (const byte of bytes)
    out += isAsciiPrintable(byte) ? String.fromCharCode(byte) : (reverse.get(byte) ?? '?');
  return out;
}

/** Characters above ASCII that `charset` prints (for documentation and tests). */
export function charactersOf(charset: Charset): readonly string[] {
  return [...TABLES[charset].keys()];
}
