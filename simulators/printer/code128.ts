/**
 * CODE128 as Epson's GS k m=73 expects it (escpos.md §4): the data starts with a code-set selector
 * `{A`, `{B` or `{C`; `{{` is a literal "{", `{1`–`{4` are FNC1–FNC4, `{S` is SHIFT; in set C each byte
 * 0–99 stands for two digits. The printer adds the check symbol and the stop. Pure.
 */

/** Bar/space widths of symbol values 0–106 (ISO/IEC 15417); 103–105 are the starts, 106 the stop. */
const PATTERNS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
];

export const CODE128_START = { A: 103, B: 104, C: 105 } as const;
export const CODE128_STOP = 106;
type CodeSet = 'A' | 'B' | 'C';

/** Symbol values of the in-band switches: value depends on the set it is used from. */
const SWITCH_TO: Record<CodeSet, Record<CodeSet, number | undefined>> = {
  A: { A: undefined, B: 100, C: 99 },
  B: { A: 101, B: undefined, C: 99 },
  C: { A: 101, B: 100, C: undefined },
};
const FNC: Record<CodeSet, readonly number[]> = {
  // FNC1, FNC2, FNC3, FNC4 per set (FNC4 is 101 in A, 100 in B; C has only FNC1).
  A: [102, 97, 96, 101],
  B: [102, 97, 96, 100],
  C: [102],
};

export type Code128Symbol = {
  /** Start, data symbols, check symbol, stop. */
  readonly values: readonly number[];
  /** Human-readable text: data characters only (FNCs and switches left out). */
  readonly text: string;
  /** Alternating bar/space widths in modules, starting and ending with a bar. */
  readonly widths: readonly number[];
  readonly modules: number;
};

export type Code128Result = { ok: true; symbol: Code128Symbol } | { ok: false; reason: string };

function symbolValue(set: 'A' | 'B', byte: number): number | undefined {
  if (set === 'B') return byte >= 0x20 && byte <= 0x7f ? byte - 0x20 : undefined;
  if (byte >= 0x20 && byte <= 0x5f) return byte - 0x20;
  if (byte <= 0x1f) return byte + 64;
  return undefined;
}

export function encodeEpsonCode128(data: Uint8Array): Code128Result {
  if (data.length < 2 || data[0] !== 0x7b)
    return { ok: false, reason: 'data does not start with a code set ({A, {B, {C)' };
  const first = String.fromCharCode(data[1]!);
  if (first !== 'A' && first !== 'B' && first !== 'C') {
    return { ok: false, reason: `unknown code set selector {${first}` };
  }
  let set: CodeSet = first;
  const values: number[] = [CODE128_START[set]];
  let text = '';
  let i = 2;
  while (i < data.length) {
    const b = data[i]!;
    if (b === 0x7b) {
      const next = data[i + 1];
      if (next === undefined) return { ok: false, reason: 'data ends after "{"' };
      const ch = String.fromCharCode(next);
      i += 2;
      if (ch === 'A' || ch === 'B' || ch === 'C') {
        const v = SWITCH_TO[set][ch];
        if (v !== undefined) values.push(v);
        set = ch;
      } else if (ch >= '1' && ch <= '4') {
        const v = FNC[set][Number(ch) - 1];
        if (v === undefined) return { ok: false, reason: `FNC${ch} is not available in code set C` };
        values.push(v);
      } else if (ch === 'S') {
        if (set === 'C') return { ok: false, reason: 'SHIFT is not available in code set C' };
        const shifted: 'A' | 'B' = set === 'A' ? 'B' : 'A';
        const target = data[i];
        const v = target === undefined ? undefined : symbolValue(shifted, target);
        if (v === undefined)
          return { ok: false, reason: 'SHIFT not followed by a character of the other set' };
        values.push(98, v);
        text += String.fromCharCode(target!);
        i += 1;
      } else if (ch === '{' && set === 'B') {
        values.push(0x7b - 0x20);
        text += '{';
      } else {
        return { ok: false, reason: `unknown escape {${ch} in code set ${set}` };
      }
      continue;
    }
    if (set === 'C') {
      if (b > 99) return { ok: false, reason: `byte ${b} out of range 0–99 in code set C` };
      values.push(b);
      text += String(b).padStart(2, '0');
    } else {
      const v = symbolValue(set, b);
      if (v === undefined) return { ok: false, reason: `byte 0x${b.toString(16)} not in code set ${set}` };
      values.push(v);
      text += b >= 0x20 ? String.fromCharCode(b) : ' ';
    }
    i += 1;
  }
  if (values.length < 2) return { ok: false, reason: 'no data after the code set selector' };
  let sum = values[0]!;
  for (let k = 1; k < values.length; k++) sum += values[k]! * k;
  values.push(sum % 103, CODE128_STOP);
  const widths = values.flatMap((v) => Array.from(PATTERNS[v]!, (d) => Number(d)));
  return { ok: true, symbol: { values, text, widths, modules: widths.reduce((a, w) => a + w, 0) } };
}

/** Widths of one symbol value (tests and renderers). */
export function code128Pattern(value: number): readonly number[] {
  return Array.from(PATTERNS[value] ?? '', (d) => Number(d));
}
