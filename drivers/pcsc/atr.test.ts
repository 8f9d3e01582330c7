import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtrFormatError, parseAtr } from './atr.ts';
import { classifyAtr } from './dnie-atr.ts';

const atr = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));

const DNIE3 = atr('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 03 90 00');
const DNIE3_B = atr('3B 7F 96 00 00 00 6A 44 4E 49 65 20 01 01 55 04 10 03 90 00');
const DNIE2 = atr('3B 7F 38 00 00 00 6A 44 4E 49 65 20 02 4C 34 01 13 03 90 00');
const BURNT = atr('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 0F 65 81');
const JCOP = atr('3B F8 13 00 00 81 31 FE 45 4A 43 4F 50 76 32 34 31 B7');

describe('parseAtr', () => {
  it('reads the DNIe ATR as T=0 only with 15 historical bytes starting 00 6A "DNIe" (dnie.md §1)', () => {
    const parsed = parseAtr(DNIE3);
    expect(parsed.protocols).toEqual([0]);
    expect(parsed.ta1).toBe(0x96);
    expect(parsed.historical.length).toBe(15);
    expect(Buffer.from(parsed.historical.subarray(0, 6)).toString('hex')).toBe('006a444e4965');
  });

  it('reads the protocols of a T=1 card', () => {
    expect(parseAtr(JCOP).protocols).toEqual([1]);
  });

  it('refuses truncated ATRs', () => {
    expect(() => parseAtr(DNIE3.subarray(0, 12))).toThrow(AtrFormatError);
    expect(() => parseAtr(Uint8Array.of(0x3b))).toThrow(AtrFormatError);
  });

  it('throws nothing but AtrFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          parseAtr(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(AtrFormatError);
        }
      }),
    );
  });
});

describe('classifyAtr', () => {
  it('recognises the real DNIe 3.0 and 2.0 ATRs and the burnt tail', () => {
    expect(classifyAtr(DNIE3)).toEqual({ kind: 'dnie', generation: 'dnie3', burnt: false });
    expect(classifyAtr(DNIE3_B)).toEqual({ kind: 'dnie', generation: 'dnie3', burnt: false });
    expect(classifyAtr(DNIE2)).toEqual({ kind: 'dnie', generation: 'dnie2', burnt: false });
    expect(classifyAtr(BURNT)).toEqual({ kind: 'dnie', generation: 'dnie3', burnt: true });
  });

  it('says other for a different card and a hint for the shared contactless prefix', () => {
    expect(classifyAtr(JCOP)).toEqual({ kind: 'other' });
    expect(classifyAtr(atr('3B 88 80 01 E1 F3 5E 11 77 81 A1 00 03'))).toEqual({
      kind: 'dnie-contactless-hint',
    });
    expect(classifyAtr(atr('3B8C800150D71A03F3E1F35E117781A16A'))).toEqual({ kind: 'dnie-contactless-hint' });
  });

  it('a changed "DNIe" signature byte is not a DNIe', () => {
    const changed = DNIE3.slice();
    changed[9] = 0x4a;
    expect(classifyAtr(changed)).toEqual({ kind: 'other' });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => void classifyAtr(bytes)));
  });
});
