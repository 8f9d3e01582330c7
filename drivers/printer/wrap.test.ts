import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsFor, columnWidth, fitPreformatted, wrapText } from './wrap.ts';

describe('columnsFor', () => {
  it('gives font A columns of escpos.md §7, halved for double width', () => {
    expect(columnsFor(58)).toBe(32);
    expect(columnsFor(80)).toBe(48);
    expect(columnsFor(58, true)).toBe(16);
    expect(columnsFor(80, true)).toBe(24);
  });
});

describe('wrapText', () => {
  it('breaks at word boundaries', () => {
    expect(wrapText('Volante de empadronamiento individual', 16)).toEqual([
      'Volante de',
      'empadronamiento',
      'individual',
    ]);
  });

  it('breaks a word longer than a line hard', () => {
    expect(wrapText('CSV 4YGFKL9SFRGYGCTENGE6M7LQ3 fin', 10)).toEqual([
      'CSV',
      '4YGFKL9SFR',
      'GYGCTENGE6',
      'M7LQ3 fin',
    ]);
  });

  it('keeps explicit line breaks and empty lines', () => {
    expect(wrapText('a\n\nb c', 3)).toEqual(['a', '', 'b c']);
    expect(wrapText('', 5)).toEqual(['']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(wrapText('ñññ ñ', 3)).toEqual(['ñññ', 'ñ']);
  });

  const word = fc.string({
    minLength: 1,
    maxLength: 30,
    unit: fc.constantFrom('a', 'b', 'ñ', 'É', '1', '.'),
  });
  const paragraph = fc
    .array(fc.tuple(word, fc.integer({ min: 1, max: 3 })), { maxLength: 25 })
    .map((parts) => parts.map(([w, spaces]) => w + ' '.repeat(spaces)).join(''));
  const columns = fc.integer({ min: 1, max: 48 });

  it('never makes a line longer than the width, nor one with edge spaces (property)', () => {
    fc.assert(
      fc.property(paragraph, columns, (text, width) => {
        for (const line of wrapText(text, width)) {
          expect(columnWidth(line)).toBeLessThanOrEqual(width);
          expect(line).toBe(line.trim());
        }
      }),
    );
  });

  it('loses and adds no character but spaces (property)', () => {
    fc.assert(
      fc.property(paragraph, columns, (text, width) => {
        expect(wrapText(text, width).join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
    );
  });

  it('keeps words that fit whole and is greedy (property)', () => {
    fc.assert(
      fc.property(paragraph, columns, (text, width) => {
        const words = text.split(' ').filter((w) => w !== '');
        const lines = wrapText(text, width);
        // Every word that fits in a line appears whole on some line.
        for (const w of words.filter((w) => columnWidth(w) <= width)) {
          expect(lines.some((line) => line.split(' ').includes(w))).toBe(true);
        }
        // Greedy: the first word of the next line would not have fitted after the previous line.
        for (let i = 0; i + 1 < lines.length; i++) {
          const next = (lines[i + 1] ?? '').split(' ')[0] ?? '';
          expect(columnWidth(lines[i] ?? '') + 1 + columnWidth(next)).toBeGreaterThan(width);
        }
      }),
    );
  });
});

describe('fitPreformatted', () => {
  it('keeps the spacing of lines that fit, dropping trailing spaces', () => {
    expect(fitPreformatted('BETRAG   EUR  12,50   \n\n  Autorisierung 123', 32)).toEqual([
      'BETRAG   EUR  12,50',
      '',
      '  Autorisierung 123',
    ]);
  });

  it('wraps a line longer than the paper at word boundaries', () => {
    expect(fitPreformatted('OPERACION  APROBADA  CON  TARJETA  CONTACTLESS', 20)).toEqual([
      'OPERACION APROBADA',
      'CON TARJETA',
      'CONTACTLESS',
    ]);
  });

  it('never gives a line wider than the columns (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', 'b', '\n') }),
        fc.integer({ min: 1, max: 48 }),
        (t, c) => {
          for (const line of fitPreformatted(t, c)) expect(columnWidth(line)).toBeLessThanOrEqual(c);
        },
      ),
    );
  });
});
