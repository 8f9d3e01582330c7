import { describe, expect, it } from 'vitest';
import { CODE128_START, CODE128_STOP, code128Pattern, encodeEpsonCode128 } from './code128.ts';

function enc(...bytes: number[]) {
  return encodeEpsonCode128(Uint8Array.from(bytes));
}

describe('CODE128 symbol table', () => {
  it('every data symbol is 11 modules, the stop 13, with an even sum of bar widths', () => {
    const seen = new Set<string>();
    for (let v = 0; v <= CODE128_STOP; v++) {
      const w = code128Pattern(v);
      expect(w.reduce((a, x) => a + x, 0)).toBe(v === CODE128_STOP ? 13 : 11);
      const bars = w.filter((_, k) => k % 2 === 0).reduce((a, x) => a + x, 0);
      expect(bars % 2).toBe(0);
      seen.add(w.join(''));
    }
    expect(seen.size).toBe(107);
  });
});

describe('Epson CODE128 data (escpos.md §4)', () => {
  it('set B: "PJJ123C" gives check symbol 55', () => {
    const r = enc(0x7b, 0x42, ...Array.from('PJJ123C', (c) => c.charCodeAt(0)));
    expect(r.ok && r.symbol.values).toEqual([CODE128_START.B, 48, 42, 42, 17, 18, 19, 35, 55, CODE128_STOP]);
    expect(r.ok && r.symbol.text).toBe('PJJ123C');
  });

  it('set C packs two digits per byte: "123456" is sent as 0C 22 38', () => {
    const r = enc(0x7b, 0x43, 0x0c, 0x22, 0x38);
    // check = (105 + 12·1 + 34·2 + 56·3) mod 103 = 353 mod 103 = 44
    expect(r.ok && r.symbol.values).toEqual([CODE128_START.C, 12, 34, 56, 44, CODE128_STOP]);
    expect(r.ok && r.symbol.text).toBe('123456');
    // start + 3 data + check = 5 symbols of 11 modules, plus the 13-module stop
    expect(r.ok && r.symbol.modules).toBe(5 * 11 + 13);
  });

  it('switches sets in-band and keeps FNC1 and a literal "{"', () => {
    const r = enc(0x7b, 0x43, 0x0c, 0x7b, 0x42, 0x41, 0x7b, 0x7b, 0x7b, 0x31);
    expect(r.ok && r.symbol.values.slice(0, -2)).toEqual([105, 12, 100, 33, 91, 102]);
    expect(r.ok && r.symbol.text).toBe('12A{');
  });

  it('refuses data without a code set, bad set C values and unknown escapes', () => {
    expect(enc(0x31, 0x32)).toEqual({
      ok: false,
      reason: 'data does not start with a code set ({A, {B, {C)',
    });
    expect(enc(0x7b, 0x43, 100).ok).toBe(false);
    expect(enc(0x7b, 0x42, 0x7b, 0x5a).ok).toBe(false);
    expect(enc(0x7b, 0x42).ok).toBe(false);
  });
});
