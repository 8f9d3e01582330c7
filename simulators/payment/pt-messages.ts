/**
 * PT → ECR messages (zvt.md §3, §4, §7): acks, intermediate status 04 FF, print line 06 D1,
 * status information 04 0F, completion 06 0F, abort 06 1E. Encoders and the matching decoder
 * of 04 0F (used by the round-trip tests and by anyone inspecting what the simulator sent).
 */
import type { Apdu } from './apdu.ts';
import {
  decodeBcd,
  decodeBcdNumber,
  decodePan,
  encodeAmount,
  encodeBcd,
  encodeBcdNumber,
  encodePan,
} from './bcd.ts';
import { type Bmp, decodeBmps, encodeBmps, findBmp } from './bmp.ts';
import { codecError } from './errors.ts';
import { concat } from './tlv.ts';
import { encodeVarLength } from './bcd.ts';

export const positiveAck = (): Apdu => ({ cls: 0x80, ins: 0x00, data: new Uint8Array(0) });

/** `84 xx 00`: negative acknowledgement with a result code (zvt.md §3). */
export const negativeAck = (code: number): Apdu => ({ cls: 0x84, ins: code, data: new Uint8Array(0) });

/** `04 FF <status> <timeout>` (zvt.md §3 intermediate status codes). */
export function intermediateStatus(status: number, timeoutSeconds = 0): Apdu {
  return { cls: 0x04, ins: 0xff, data: Uint8Array.of(status, timeoutSeconds) };
}

/** Print-line attribute for the last line of a receipt: bit 7 set and not 80 (zvt.md §3). */
export const LAST_LINE_ATTRIBUTE = 0x81;

/** `06 D1 <attribute> <text>`; text is CP437, which equals ASCII for the characters the simulator prints. */
export function printLine(text: string, attribute = 0x00): Apdu {
  const bytes = Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0x3f)));
  return { cls: 0x06, ins: 0xd1, data: concat([Uint8Array.of(attribute), bytes]) };
}

export function completion(bmps: readonly Bmp[] = []): Apdu {
  return { cls: 0x06, ins: 0x0f, data: encodeBmps(bmps) };
}

/** Completion of Status enquiry: `<sw-version LLLVAR> <terminal-status 1B>` (zvt.md §3). */
export function statusEnquiryCompletion(softwareVersion: string, terminalStatus: number): Apdu {
  const version = Uint8Array.from([...softwareVersion].map((c) => c.charCodeAt(0) & 0x7f));
  return {
    cls: 0x06,
    ins: 0x0f,
    data: concat([encodeVarLength(version.length, 3), version, Uint8Array.of(terminalStatus)]),
  };
}

/** `06 1E <result-code>` [BMPs]. */
export function abortMessage(resultCode: number, bmps: readonly Bmp[] = []): Apdu {
  return { cls: 0x06, ins: 0x1e, data: concat([Uint8Array.of(resultCode), encodeBmps(bmps)]) };
}

/** One group of BMP 60: count (1 byte binary) and total (6 bytes BCD). */
export interface TotalsGroup {
  readonly count: number;
  readonly cents: number;
}

/** BMP 60 single totals, groups in the order of zvt.md §7. */
export interface SingleTotals {
  readonly firstReceiptNo: number;
  readonly lastReceiptNo: number;
  readonly girocard: TotalsGroup;
  readonly jcb: TotalsGroup;
  readonly mastercard: TotalsGroup;
  readonly amex: TotalsGroup;
  readonly visa: TotalsGroup;
  readonly diners: TotalsGroup;
  readonly others: TotalsGroup;
}

export const TOTALS_GROUPS = ['girocard', 'jcb', 'mastercard', 'amex', 'visa', 'diners', 'others'] as const;
export type TotalsGroupName = (typeof TOTALS_GROUPS)[number];

export function encodeSingleTotals(totals: SingleTotals): Uint8Array {
  const parts = [encodeBcdNumber(totals.firstReceiptNo, 2), encodeBcdNumber(totals.lastReceiptNo, 2)];
  for (const name of TOTALS_GROUPS) {
    const group = totals[name];
    if (!Number.isInteger(group.count) || group.count < 0 || group.count > 0xff) {
      throw codecError('zvtsim.bmp_invalid', `BMP 60 count ${group.count} does not fit one byte`);
    }
    parts.push(Uint8Array.of(group.count), encodeAmount(group.cents));
  }
  return concat(parts);
}

export function decodeSingleTotals(bytes: Uint8Array): SingleTotals {
  if (bytes.length !== 4 + 7 * 7) throw codecError('zvtsim.bmp_invalid', `BMP 60 of ${bytes.length} bytes`);
  const groups: Partial<Record<TotalsGroupName, TotalsGroup>> = {};
  TOTALS_GROUPS.forEach((name, i) => {
    const at = 4 + 7 * i;
    groups[name] = { count: bytes[at]!, cents: decodeBcdNumber(bytes.subarray(at + 1, at + 7)) };
  });
  return {
    firstReceiptNo: decodeBcdNumber(bytes.subarray(0, 2)),
    lastReceiptNo: decodeBcdNumber(bytes.subarray(2, 4)),
    ...(groups as Record<TotalsGroupName, TotalsGroup>),
  };
}

/** Date and time fields as the terminal's local clock shows them. */
export interface LocalDateTime {
  /** YYMMDD */
  readonly date: string;
  /** HHMMSS */
  readonly time: string;
}

/** Fields of a `04 0F` status information the simulator sends (zvt.md §4, §6, §7). */
export interface StatusInformation {
  readonly resultCode: number;
  readonly amountCents?: number | undefined;
  readonly currency?: string | undefined;
  readonly traceNo?: number | undefined;
  readonly receiptNo?: number | undefined;
  readonly turnoverNo?: number | undefined;
  readonly terminalId?: string | undefined;
  readonly dateTime?: LocalDateTime | undefined;
  readonly cardType?: number | undefined;
  readonly cardName?: string | undefined;
  /** Masked PAN, `*` for hidden digits. */
  readonly pan?: string | undefined;
  /** YYMM */
  readonly expiry?: string | undefined;
  readonly authCode?: string | undefined;
  readonly totals?: SingleTotals | undefined;
}

function ascii(text: string, length?: number): Uint8Array {
  const padded = length === undefined ? text : text.padEnd(length, ' ').slice(0, length);
  return Uint8Array.from([...padded].map((c) => c.charCodeAt(0) & 0x7f));
}

function fromAscii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Encodes `04 0F`. BMP 27 comes first so an ECR can read the result without parsing the rest. */
export function statusInformation(info: StatusInformation): Apdu {
  const bmps: Bmp[] = [{ tag: 0x27, value: Uint8Array.of(info.resultCode) }];
  const add = (tag: number, value: Uint8Array | undefined): void => {
    if (value !== undefined) bmps.push({ tag, value });
  };
  const opt = <T>(v: T | undefined, f: (v: T) => Uint8Array): Uint8Array | undefined =>
    v === undefined ? undefined : f(v);
  add(0x04, opt(info.amountCents, encodeAmount));
  add(
    0x49,
    opt(info.currency, (c) => encodeBcd(c, 2)),
  );
  add(
    0x0b,
    opt(info.traceNo, (n) => encodeBcdNumber(n, 3)),
  );
  add(
    0x87,
    opt(info.receiptNo, (n) => encodeBcdNumber(n, 2)),
  );
  add(
    0x88,
    opt(info.turnoverNo, (n) => encodeBcdNumber(n, 3)),
  );
  add(
    0x29,
    opt(info.terminalId, (t) => encodeBcd(t, 4)),
  );
  add(
    0x0c,
    opt(info.dateTime, (d) => encodeBcd(d.time, 3)),
  );
  add(
    0x0d,
    opt(info.dateTime, (d) => encodeBcd(d.date.slice(2), 2)),
  );
  add(
    0xaa,
    opt(info.dateTime, (d) => encodeBcd(d.date, 3)),
  );
  add(
    0x8a,
    opt(info.cardType, (t) => Uint8Array.of(t)),
  );
  add(
    0x8b,
    opt(info.cardName, (n) => ascii(n)),
  );
  add(0x22, opt(info.pan, encodePan));
  add(
    0x0e,
    opt(info.expiry, (e) => encodeBcd(e, 2)),
  );
  add(
    0x3b,
    opt(info.authCode, (a) => ascii(a, 8)),
  );
  add(0x60, opt(info.totals, encodeSingleTotals));
  return { cls: 0x04, ins: 0x0f, data: encodeBmps(bmps) };
}

export function decodeStatusInformation(apdu: Apdu): StatusInformation {
  if (apdu.cls !== 0x04 || apdu.ins !== 0x0f) throw codecError('zvtsim.command_malformed', 'not a 04 0F');
  const bmps = decodeBmps(apdu.data);
  const get = <T>(tag: number, f: (v: Uint8Array) => T): T | undefined => {
    const v = findBmp(bmps, tag);
    return v === undefined ? undefined : f(v);
  };
  const resultCode = get(0x27, (v) => v[0]!);
  if (resultCode === undefined) throw codecError('zvtsim.command_malformed', '04 0F without BMP 27');
  const date = get(0xaa, decodeBcd);
  const time = get(0x0c, decodeBcd);
  return {
    resultCode,
    amountCents: get(0x04, decodeBcdNumber),
    currency: get(0x49, decodeBcd),
    traceNo: get(0x0b, decodeBcdNumber),
    receiptNo: get(0x87, decodeBcdNumber),
    turnoverNo: get(0x88, decodeBcdNumber),
    terminalId: get(0x29, decodeBcd),
    dateTime: date !== undefined && time !== undefined ? { date, time } : undefined,
    cardType: get(0x8a, (v) => v[0]!),
    cardName: get(0x8b, fromAscii),
    pan: get(0x22, decodePan),
    expiry: get(0x0e, decodeBcd),
    authCode: get(0x3b, (v) => fromAscii(v).trimEnd()),
    totals: get(0x60, decodeSingleTotals),
  };
}
