/**
 * BMPs: the tagged fields inside ZVT APDU data (docs/zvt.md §4; spec PA00P015 ch. 9 "Bitmaps"; lengths
 * cross-checked with Portalum BmpParser.cs and packet-zvt.c). A BMP is a 1-byte tag followed by a value
 * whose length comes only from this table: fixed, LLVAR (`Fx Fy`), LLLVAR (`Fx Fy Fz`) or, for BMP 06,
 * a BER length. A tag missing from the table makes the rest of the sequence unreadable, so it is a typed
 * error; a tag in the table whose meaning we do not model is kept raw in `others`.
 */
import {
  decodeAmount,
  decodeBcd,
  decodeBcdNumber,
  decodePan,
  decodeVarLength,
  encodeAmount,
  encodeBcdNumber,
  encodeVarLength,
} from './bcd.ts';
import { decodeCp437 } from './cp437.ts';
import { ZvtDecodeError, ZvtEncodeError, hex } from './errors.ts';
import { concatBytes, decodeBerLength, decodeTlv, encodeBerLength, encodeTlv, type TlvNode } from './tlv.ts';

export type BmpLength =
  | { readonly kind: 'fixed'; readonly length: number }
  | { readonly kind: 'llvar' }
  | { readonly kind: 'lllvar' }
  | { readonly kind: 'tlv' };

export interface BmpSpec {
  readonly tag: number;
  readonly name: string;
  readonly length: BmpLength;
}

const fixed = (length: number): BmpLength => ({ kind: 'fixed', length });
const LL: BmpLength = { kind: 'llvar' };
const LLL: BmpLength = { kind: 'lllvar' };

const SPECS: readonly BmpSpec[] = [
  { tag: 0x01, name: 'timeout', length: fixed(1) },
  { tag: 0x02, name: 'max status infos', length: fixed(1) },
  { tag: 0x03, name: 'service byte', length: fixed(1) },
  { tag: 0x04, name: 'amount', length: fixed(6) },
  { tag: 0x05, name: 'pump number', length: fixed(1) },
  { tag: 0x06, name: 'TLV container', length: { kind: 'tlv' } },
  { tag: 0x0b, name: 'trace number', length: fixed(3) },
  { tag: 0x0c, name: 'time HHMMSS', length: fixed(3) },
  { tag: 0x0d, name: 'date MMDD', length: fixed(2) },
  { tag: 0x0e, name: 'expiry YYMM', length: fixed(2) },
  { tag: 0x17, name: 'card sequence number', length: fixed(2) },
  { tag: 0x19, name: 'payment type / status byte / card type', length: fixed(1) },
  { tag: 0x22, name: 'PAN / EF_ID', length: LL },
  { tag: 0x23, name: 'track 2', length: LL },
  { tag: 0x24, name: 'track 3', length: LLL },
  { tag: 0x27, name: 'result code', length: fixed(1) },
  { tag: 0x29, name: 'terminal id', length: fixed(4) },
  { tag: 0x2a, name: 'VU number', length: fixed(15) },
  { tag: 0x2d, name: 'track 1', length: LL },
  { tag: 0x37, name: 'original trace number', length: fixed(3) },
  { tag: 0x3a, name: 'CVV/CVC', length: fixed(2) },
  { tag: 0x3b, name: 'AID authorisation attribute', length: fixed(8) },
  { tag: 0x3c, name: 'additional data', length: LLL },
  { tag: 0x3d, name: 'password', length: fixed(3) },
  { tag: 0x49, name: 'currency code', length: fixed(2) },
  { tag: 0x4c, name: 'blocked goods groups', length: LL },
  { tag: 0x60, name: 'individual totals', length: LLL },
  // 70–75: display-image request fields (Portalum BmpParser).
  { tag: 0x70, name: 'display image request id', length: fixed(4) },
  { tag: 0x71, name: 'display image size', length: fixed(4) },
  { tag: 0x72, name: 'display image MIME type', length: fixed(1) },
  { tag: 0x73, name: 'display image encoding', length: fixed(1) },
  { tag: 0x74, name: 'display image chunk count', length: fixed(1) },
  { tag: 0x75, name: 'display image chunk index', length: fixed(1) },
  { tag: 0x87, name: 'receipt number', length: fixed(2) },
  { tag: 0x88, name: 'turnover record number', length: fixed(3) },
  { tag: 0x8a, name: 'card type', length: fixed(1) },
  { tag: 0x8b, name: 'card name', length: LL },
  { tag: 0x8c, name: 'network operator card type id', length: fixed(1) },
  { tag: 0x9a, name: 'GeldKarte records', length: LLL },
  { tag: 0xa0, name: 'result code AS', length: fixed(1) },
  { tag: 0xa7, name: 'chip data EF_ID', length: LL },
  { tag: 0xaa, name: 'date YYMMDD', length: fixed(3) },
  { tag: 0xaf, name: 'EF_Info', length: LLL },
  { tag: 0xba, name: 'AID parameter', length: fixed(5) },
  { tag: 0xd0, name: 'algorithm key', length: fixed(1) },
  { tag: 0xd1, name: 'card offset / PIN data', length: LL },
  { tag: 0xd2, name: 'card output direction', length: fixed(1) },
  { tag: 0xd3, name: 'DUKPT key id', length: fixed(1) },
  { tag: 0xe0, name: 'min input length', length: fixed(1) },
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ tag: 0xe0 + n, name: `text2 line ${n}`, length: LL })),
  { tag: 0xe9, name: 'max input length', length: fixed(1) },
  { tag: 0xea, name: 'echo input', length: fixed(1) },
  { tag: 0xeb, name: 'MAC over text 1 and 2', length: fixed(8) },
  { tag: 0xf0, name: 'display duration', length: fixed(1) },
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ tag: 0xf0 + n, name: `text1 line ${n}`, length: LL })),
  { tag: 0xf9, name: 'beep tones', length: fixed(1) },
  { tag: 0xfa, name: 'card reader activation', length: fixed(1) },
  { tag: 0xfb, name: 'confirm input with OK', length: fixed(1) },
  { tag: 0xfc, name: 'dialog control', length: fixed(1) },
  { tag: 0xfd, name: 'display device', length: fixed(1) },
];

export const BMP_TABLE: ReadonlyMap<number, BmpSpec> = new Map(SPECS.map((s) => [s.tag, s]));

/** One BMP: its tag and value bytes (without length prefix; for BMP 06 the TLV content). */
export interface BmpField {
  readonly tag: number;
  readonly value: Uint8Array;
}

/** Reads BMPs from `offset` to the end of `data`. */
export function decodeBmps(data: Uint8Array, offset = 0): BmpField[] {
  const fields: BmpField[] = [];
  let pos = offset;
  while (pos < data.length) {
    const tag = data[pos]!;
    const spec = BMP_TABLE.get(tag);
    if (spec === undefined) {
      throw new ZvtDecodeError(
        'zvt.bmp_unknown',
        `BMP 0x${tag.toString(16).padStart(2, '0')} at offset ${pos} has no known length; rest: ${hex(data.subarray(pos), 16)}`,
      );
    }
    pos++;
    let length: number;
    switch (spec.length.kind) {
      case 'fixed':
        length = spec.length.length;
        break;
      case 'llvar':
      case 'lllvar': {
        const n = spec.length.kind === 'llvar' ? 2 : 3;
        if (pos + n > data.length) throw truncated(spec, pos);
        length = decodeVarLength(data.subarray(pos, pos + n));
        pos += n;
        break;
      }
      case 'tlv': {
        if (pos >= data.length) throw truncated(spec, pos);
        const ber = decodeBerLength(data, pos);
        length = ber.length;
        pos += ber.size;
        break;
      }
    }
    if (pos + length > data.length) throw truncated(spec, pos);
    fields.push({ tag, value: data.slice(pos, pos + length) });
    pos += length;
  }
  return fields;
}

function truncated(spec: BmpSpec, pos: number): ZvtDecodeError {
  return new ZvtDecodeError(
    'zvt.bmp_truncated',
    `BMP 0x${spec.tag.toString(16).padStart(2, '0')} (${spec.name}) runs past the end at offset ${pos}`,
  );
}

export function encodeBmps(fields: readonly BmpField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    const spec = BMP_TABLE.get(field.tag);
    if (spec === undefined) throw new ZvtEncodeError(`BMP 0x${field.tag.toString(16)} is not in the table`);
    parts.push(Uint8Array.of(field.tag));
    switch (spec.length.kind) {
      case 'fixed':
        if (field.value.length !== spec.length.length) {
          throw new ZvtEncodeError(
            `BMP 0x${field.tag.toString(16)} needs ${spec.length.length} B, got ${field.value.length}`,
          );
        }
        break;
      case 'llvar':
        parts.push(encodeVarLength(field.value.length, 2));
        break;
      case 'lllvar':
        parts.push(encodeVarLength(field.value.length, 3));
        break;
      case 'tlv':
        parts.push(encodeBerLength(field.value.length));
        break;
    }
    parts.push(field.value);
  }
  return concatBytes(parts);
}

// ---- Builders for the fields the ECR sends ----------------------------------------------------------

export const bmpByte = (tag: number, value: number): BmpField => {
  if (!Number.isInteger(value) || value < 0 || value > 0xff)
    throw new ZvtEncodeError(`byte out of range: ${value}`);
  return { tag, value: Uint8Array.of(value) };
};
export const bmpAmount = (cents: number): BmpField => ({ tag: 0x04, value: encodeAmount(cents) });
export const bmpCurrency = (iso4217: number): BmpField => ({ tag: 0x49, value: encodeBcdNumber(iso4217, 2) });
export const bmpReceiptNumber = (n: number): BmpField => ({ tag: 0x87, value: encodeBcdNumber(n, 2) });
export const bmpTraceNumber = (n: number): BmpField => ({ tag: 0x0b, value: encodeBcdNumber(n, 3) });
export const bmpTlv = (nodes: readonly TlvNode[]): BmpField => ({ tag: 0x06, value: encodeTlv(nodes) });

// ---- Typed view of a BMP sequence --------------------------------------------------------------------

/** The BMPs a transaction result can carry, decoded (docs/zvt.md §4, §6). */
export interface BmpValues {
  timeoutSeconds?: number;
  maxStatusInfos?: number;
  serviceByte?: number;
  amountCents?: number;
  pumpNumber?: number;
  tlv?: TlvNode[];
  traceNumber?: number;
  /** HHMMSS as sent. */
  time?: string;
  /** MMDD as sent (BMP 0D). */
  date?: string;
  /** YYMMDD (BMP AA). */
  dateYymmdd?: string;
  /** YYMM. */
  expiry?: string;
  cardSequenceNumber?: number;
  /** BMP 19: payment type (06 01), status byte (06 00 completion) or card type (06 C0). */
  typeByte?: number;
  /** Digits with `*` for masked ones. */
  maskedPan?: string;
  resultCode?: number;
  resultCodeAs?: number;
  /** 8 digits. */
  terminalId?: string;
  vuNumber?: string;
  originalTraceNumber?: number;
  authorisationCode?: string;
  additionalText?: string;
  currency?: number;
  receiptNumber?: number;
  turnoverNumber?: number;
  cardType?: number;
  cardTypeId?: number;
  cardName?: string;
  /** BMP 60 raw; see totals.ts. */
  individualTotals?: Uint8Array;
  /** Fields of known length whose meaning this driver does not use. */
  others: BmpField[];
}

const text = (bytes: Uint8Array): string => decodeCp437(bytes).replace(/[\0 ]+$/, '');

function one(field: BmpField): number {
  return field.value[0]!;
}

/** Interprets decoded BMPs; a malformed BCD value is a typed error. Later duplicates win. */
export function interpretBmps(fields: readonly BmpField[]): BmpValues {
  const out: BmpValues = { others: [] };
  for (const f of fields) {
    const v = f.value;
    switch (f.tag) {
      case 0x01:
        out.timeoutSeconds = one(f);
        break;
      case 0x02:
        out.maxStatusInfos = one(f);
        break;
      case 0x03:
        out.serviceByte = one(f);
        break;
      case 0x04:
        out.amountCents = decodeAmount(v);
        break;
      case 0x05:
        out.pumpNumber = one(f);
        break;
      case 0x06:
        out.tlv = decodeTlv(v);
        break;
      case 0x0b:
        out.traceNumber = decodeBcdNumber(v);
        break;
      case 0x0c:
        out.time = decodeBcd(v);
        break;
      case 0x0d:
        out.date = decodeBcd(v);
        break;
      case 0x0e:
        out.expiry = decodeBcd(v);
        break;
      case 0x17:
        out.cardSequenceNumber = decodeBcdNumber(v);
        break;
      case 0x19:
        out.typeByte = one(f);
        break;
      case 0x22:
        out.maskedPan = decodePan(v);
        break;
      case 0x27:
        out.resultCode = one(f);
        break;
      case 0x29:
        out.terminalId = decodeBcd(v);
        break;
      case 0x2a:
        out.vuNumber = text(v);
        break;
      case 0x37:
        out.originalTraceNumber = decodeBcdNumber(v);
        break;
      case 0x3b:
        out.authorisationCode = text(v);
        break;
      case 0x3c:
        out.additionalText = text(v);
        break;
      case 0x49:
        out.currency = decodeBcdNumber(v);
        break;
      case 0x60:
        out.individualTotals = v;
        break;
      case 0x87:
        out.receiptNumber = decodeBcdNumber(v);
        break;
      case 0x88:
        out.turnoverNumber = decodeBcdNumber(v);
        break;
      case 0x8a:
        out.cardType = one(f);
        break;
      case 0x8b:
        out.cardName = text(v);
        break;
      case 0x8c:
        out.cardTypeId = one(f);
        break;
      case 0xa0:
        out.resultCodeAs = one(f);
        break;
      case 0xaa:
        out.dateYymmdd = decodeBcd(v);
        break;
      default:
        out.others.push(f);
    }
  }
  return out;
}
