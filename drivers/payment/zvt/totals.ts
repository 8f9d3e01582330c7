/**
 * BMP 60 "individual totals" of End-of-Day (docs/zvt.md §7, EVerest packets.rs SingleAmounts):
 * `<first receipt-no 2B BCD> <last receipt-no 2B BCD>` then groups of `<count 1B> <total 6B BCD>`
 * in the order below. Not every PT fills it; a PT that sends fewer groups gets fewer entries.
 */
import { decodeAmount, decodeBcdNumber, encodeAmount, encodeBcdNumber } from './bcd.ts';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import { concatBytes } from './tlv.ts';

export const TOTALS_CARD_GROUPS = [
  'girocard',
  'jcb',
  'mastercard',
  'amex',
  'visa',
  'diners',
  'other',
] as const;
export type TotalsCardGroup = (typeof TOTALS_CARD_GROUPS)[number];

export interface CardGroupTotal {
  readonly group: TotalsCardGroup;
  readonly count: number;
  readonly totalCents: number;
}

export interface IndividualTotals {
  readonly firstReceiptNumber: number;
  readonly lastReceiptNumber: number;
  readonly groups: readonly CardGroupTotal[];
}

export function decodeIndividualTotals(bytes: Uint8Array): IndividualTotals {
  const groupBytes = bytes.length - 4;
  if (bytes.length < 4 || groupBytes % 7 !== 0 || groupBytes / 7 > TOTALS_CARD_GROUPS.length) {
    throw new ZvtDecodeError('zvt.bmp_length_invalid', `BMP 60 of ${bytes.length} B is not 4 + 7·n (n ≤ 7)`);
  }
  const groups: CardGroupTotal[] = [];
  for (let i = 0; i < groupBytes / 7; i++) {
    const at = 4 + 7 * i;
    groups.push({
      group: TOTALS_CARD_GROUPS[i]!,
      count: bytes[at]!,
      totalCents: decodeAmount(bytes.subarray(at + 1, at + 7)),
    });
  }
  return {
    firstReceiptNumber: decodeBcdNumber(bytes.subarray(0, 2)),
    lastReceiptNumber: decodeBcdNumber(bytes.subarray(2, 4)),
    groups,
  };
}

export function encodeIndividualTotals(t: IndividualTotals): Uint8Array {
  if (t.groups.length > TOTALS_CARD_GROUPS.length) throw new ZvtEncodeError('too many total groups');
  const parts = [encodeBcdNumber(t.firstReceiptNumber, 2), encodeBcdNumber(t.lastReceiptNumber, 2)];
  t.groups.forEach((g, i) => {
    if (g.group !== TOTALS_CARD_GROUPS[i])
      throw new ZvtEncodeError(`group ${i} must be ${TOTALS_CARD_GROUPS[i]}`);
    if (!Number.isInteger(g.count) || g.count < 0 || g.count > 0xff)
      throw new ZvtEncodeError('count not a byte');
    parts.push(Uint8Array.of(g.count), encodeAmount(g.totalCents));
  });
  return concatBytes(parts);
}
