/**
 * Word wrapping to a line width in characters (escpos.md §7: font A prints 32 columns on 58 mm
 * paper and 48 on 80 mm; double width halves that). Works on code points of text that has already
 * been through `toPrintable`, where every character is one column.
 */

export type PaperWidthMm = 58 | 80;

const FONT_A_COLUMNS: Record<PaperWidthMm, number> = { 58: 32, 80: 48 };

/** Characters per line of font A for a paper width, halved for double-width text. */
export function columnsFor(paperWidthMm: PaperWidthMm, doubleWidth = false): number {
  const columns = FONT_A_COLUMNS[paperWidthMm];
  return doubleWidth ? Math.floor(columns / 2) : columns;
}

/**
 * Greedy wrap at spaces: runs of spaces between words collapse to one, a line never starts or ends
 * with a space, a word longer than a line is cut hard into line-sized pieces, and `\n` forces a
 * break. Empty text (or an empty line between two `\n`) gives one empty line, so it still feeds.
 */
export function wrapText(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`columns must be ≥ 1, got ${columns}`);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(' ').filter((word) => word !== '');
    let line: string[] = [];
    for (const word of words) {
      let chars = Array.from(word);
      if (line.length > 0 && line.length + 1 + chars.length <= columns) {
        line.push(' ', ...chars);
        continue;
      }
      if (line.length > 0) lines.push(line.join(''));
      while (chars.length > columns) {
        lines.push(chars.slice(0, columns).join(''));
        chars = chars.slice(columns);
      }
      line = chars;
    }
    lines.push(line.join(''));
  }
  return lines;
}

/**
 * For text already laid out in columns by someone else (the card terminal's receipt lines): a line
 * that fits is kept exactly, inner runs of spaces included, only trailing spaces dropped; a line
 * longer than the paper is wrapped at word boundaries like `wrapText` (its column layout is lost
 * either way, and cutting words would be worse).
 */
export function fitPreformatted(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`columns must be ≥ 1, got ${columns}`);
  return text.split(/\r?\n/).flatMap((line) => {
    const trimmed = line.trimEnd();
    return columnWidth(trimmed) <= columns ? [trimmed] : wrapText(trimmed, columns);
  });
}

/** Length in columns of printable text (code points, not UTF-16 units). */
export function columnWidth(text: string): number {
  return Array.from(text).length;
}
