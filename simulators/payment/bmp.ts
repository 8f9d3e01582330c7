/**
 * BMPs (zvt.md §4): 1-byte tag + value of fixed length, LLVAR, LLLVAR, or the BER-length TLV container 06.
 * Unknown tags cannot be skipped (their length is not on the wire), so they fail loudly.
 */
import { decodeVarLength, encodeVarLength, hex } from './bcd.ts';
import { codecError } from './errors.ts';
import { concat, decodeBerLength, encodeBerLength } from './tlv.ts';

export type BmpFormat =
  | { readonly kind: 'fixed'; readonly length: number }
  | { readonly kind: 'll' | 'lll' | 'tlv' };

const fixed = (length: number): BmpFormat => ({ kind: 'fixed', length });
const LL: BmpFormat = { kind: 'll' };
const LLL: BmpFormat = { kind: 'lll' };

/** Length table of the BMPs this simulator reads or writes (zvt.md §4). */
export const BMP_FORMATS: ReadonlyMap<number, BmpFormat> = new Map<number, BmpFormat>([
  [0x01, fixed(1)], // timeout
  [0x02, fixed(1)], // max status infos
  [0x03, fixed(1)], // service byte
  [0x04, fixed(6)], // amount
  [0x05, fixed(1)], // pump number
  [0x06, { kind: 'tlv' }],
  [0x0b, fixed(3)], // trace number
  [0x0c, fixed(3)], // time HHMMSS
  [0x0d, fixed(2)], // date MMDD
  [0x0e, fixed(2)], // expiry YYMM
  [0x17, fixed(2)], // card sequence number
  [0x19, fixed(1)], // payment type / status byte
  [0x22, LL], // PAN
  [0x23, LL], // track 2
  [0x24, LLL], // track 3
  [0x27, fixed(1)], // result code
  [0x29, fixed(4)], // terminal id
  [0x2a, fixed(15)], // VU number
  [0x2d, LL], // track 1
  [0x37, fixed(3)], // original trace number
  [0x3a, fixed(2)], // CVV
  [0x3b, fixed(8)], // authorisation code
  [0x3c, LLL], // additional text
  [0x3d, fixed(3)], // password
  [0x49, fixed(2)], // currency
  [0x4c, LL], // blocked goods groups
  [0x60, LLL], // single totals
  [0x87, fixed(2)], // receipt number
  [0x88, fixed(3)], // turnover record number
  [0x8a, fixed(1)], // card type
  [0x8b, LL], // card name
  [0x8c, fixed(1)], // network operator card type
  [0x9a, LLL], // GeldKarte
  [0xa0, fixed(1)], // host result code
  [0xa7, LL], // chip data
  [0xaa, fixed(3)], // date YYMMDD
  [0xaf, LLL], // EF_Info
  [0xba, fixed(5)], // AID parameter
]);

export interface Bmp {
  readonly tag: number;
  /** Value without any length prefix. */
  readonly value: Uint8Array;
}

export function encodeBmps(bmps: readonly Bmp[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const bmp of bmps) {
    const format = BMP_FORMATS.get(bmp.tag);
    if (!format) throw codecError('zvtsim.bmp_unknown', `cannot encode unknown BMP ${hex(bmp.tag)}`);
    parts.push(Uint8Array.of(bmp.tag));
    switch (format.kind) {
      case 'fixed':
        if (bmp.value.length !== format.length) {
          throw codecError(
            'zvtsim.bmp_invalid',
            `BMP ${hex(bmp.tag)} needs ${format.length} bytes, got ${bmp.value.length}`,
          );
        }
        break;
      case 'll':
        parts.push(encodeVarLength(bmp.value.length, 2));
        break;
      case 'lll':
        parts.push(encodeVarLength(bmp.value.length, 3));
        break;
      case 'tlv':
        parts.push(encodeBerLength(bmp.value.length));
        break;
    }
    parts.push(bmp.value);
  }
  return concat(parts);
}

export function decodeBmps(bytes: Uint8Array): Bmp[] {
  const out: Bmp[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i++]!;
    const format = BMP_FORMATS.get(tag);
    if (!format) throw codecError('zvtsim.bmp_unknown', `unknown BMP ${hex(tag)} at offset ${i - 1}`);
    let length: number;
    switch (format.kind) {
      case 'fixed':
        length = format.length;
        break;
      case 'll':
      case 'lll': {
        const size = format.kind === 'll' ? 2 : 3;
        if (i + size > bytes.length)
          throw codecError('zvtsim.bmp_truncated', `BMP ${hex(tag)} length truncated`);
        length = decodeVarLength(bytes.subarray(i, i + size));
        i += size;
        break;
      }
      case 'tlv': {
        const ber = decodeBerLength(bytes, i);
        length = ber.length;
        i += ber.size;
        break;
      }
    }
    if (i + length > bytes.length) {
      throw codecError(
        'zvtsim.bmp_truncated',
        `BMP ${hex(tag)} wants ${length} bytes, ${bytes.length - i} left`,
      );
    }
    out.push({ tag, value: bytes.slice(i, i + length) });
    i += length;
  }
  return out;
}

export function findBmp(bmps: readonly Bmp[], tag: number): Uint8Array | undefined {
  return bmps.find((b) => b.tag === tag)?.value;
}
