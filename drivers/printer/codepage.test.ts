import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Charset, charactersOf, decodeText, encodeText, toPrintable } from './codepage.ts';

const SPANISH = 'ñÑáéíóúÁÉÍÓÚüÜ¿¡€ºª';

describe('encodeText', () => {
  it('maps the Spanish characters to the PC858 bytes of escpos.md §2', () => {
    expect([...encodeText(SPANISH, 'pc858')]).toEqual([
      0xa4, 0xa5, 0xa0, 0x82, 0xa1, 0xa2, 0xa3, 0xb5, 0x90, 0xd6, 0xe0, 0xe9, 0x81, 0x9a, 0xa8, 0xad, 0xd5,
      0xa7, 0xa6,
    ]);
  });

  it('maps the Spanish characters to the WPC1252 bytes of escpos.md §2', () => {
    expect([...encodeText(SPANISH, 'wpc1252')]).toEqual([
      0xf1, 0xd1, 0xe1, 0xe9, 0xed, 0xf3, 0xfa, 0xc1, 0xc9, 0xcd, 0xd3, 0xda, 0xfc, 0xdc, 0xbf, 0xa1, 0x80,
      0xba, 0xaa,
    ]);
  });

  it('passes ASCII through unchanged', () => {
    expect(Buffer.from(encodeText('AYTO. P2807900B {x}', 'pc858')).toString('latin1')).toBe(
      'AYTO. P2807900B {x}',
    );
  });

  it('composes decomposed input before looking it up', () => {
    expect([...encodeText('n\u0303', 'pc858')]).toEqual([0xa4]);
  });
});

describe('toPrintable fallback', () => {
  it('replaces typographic punctuation only where the page lacks it', () => {
    expect(toPrintable('“Volante” – ‘ok’ — a…', 'pc858')).toBe('"Volante" - \'ok\' - a...');
    // WPC1252 has these characters itself.
    expect(toPrintable('“Volante” – a…', 'wpc1252')).toBe('“Volante” – a…');
  });

  it('strips accents of letters outside the table and keeps those inside', () => {
    expect(toPrintable('Łódź Šibenik Ōsaka Çàdiz', 'pc858')).toBe('?ódz Sibenik Osaka Çàdiz');
    expect(toPrintable('Šibenik Œuvre', 'wpc1252')).toBe('Šibenik Œuvre');
    expect(toPrintable('Œuvre', 'pc858')).toBe('OEuvre');
  });

  it('prints unicode spaces (Intl money) as spaces and controls as ?', () => {
    expect(toPrintable('1.234,56\u00a0€', 'pc858')).toBe('1.234,56 €');
    expect(toPrintable('a\u202fb\tc', 'wpc1252')).toBe('a b c');
    expect(toPrintable('a\u001b@b\u0010\u0004', 'pc858')).toBe('a?@b??');
  });

  it('gives one ? for characters no page has', () => {
    expect(toPrintable('a😀b中', 'pc858')).toBe('a?b?');
  });

  it('never emits a control byte, for any string and either page', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.constantFrom<Charset>('pc858', 'wpc1252'),
        (text, charset) => {
          const bytes = encodeText(text, charset);
          for (const byte of bytes) expect(byte >= 0x20 && byte !== 0x7f).toBe(true);
        },
      ),
    );
  });

  it('round-trips every character the page has', () => {
    for (const charset of ['pc858', 'wpc1252'] as const) {
      const all = charactersOf(charset).join('');
      expect(decodeText(encodeText(all, charset), charset)).toBe(all);
    }
  });

  it('round-trips any text made of page characters (property)', () => {
    for (const charset of ['pc858', 'wpc1252'] as const) {
      const alphabet = [...charactersOf(charset), 'a', 'Z', '0', ' ', '-', '{'];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...alphabet)), (chars) => {
          const text = chars.join('');
          expect(decodeText(encodeText(text, charset), charset)).toBe(text.normalize('NFC'));
        }),
      );
    }
  });
});
