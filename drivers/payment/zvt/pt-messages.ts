/**
 * Parsers for PT→ECR messages (docs/zvt.md §3, §6, §7). Every parser takes a decoded {@link ZvtApdu} and
 * returns a typed value or throws {@link ZvtDecodeError}; nothing else.
 */
import { type ZvtApdu, ZvtControl, isNegativeAck, isPositiveAck } from './apdu.ts';
import { decodeVarLength } from './bcd.ts';
import { type BmpValues, decodeBmps, interpretBmps } from './bmp.ts';
import { decodeCp437 } from './cp437.ts';
import { ZvtDecodeError, hex } from './errors.ts';
import { STATUS_TEXT_IN_TLV, type StatusPrompt, describeIntermediateStatus } from './intermediate-status.ts';
import { RESULT_SUCCESS, describeResultCode } from './result-codes.ts';
import { type TlvNode, TlvTag, findAllTlv, findTlvValue } from './tlv.ts';
import { type IndividualTotals, decodeIndividualTotals } from './totals.ts';

function expectControl(apdu: ZvtApdu, control: number, what: string): void {
  if (apdu.control !== control) {
    throw new ZvtDecodeError(
      'zvt.message_invalid',
      `expected ${what} ${control.toString(16).padStart(4, '0')}, got ${apdu.control.toString(16).padStart(4, '0')}`,
    );
  }
}

/** Every primitive `07` text line under the given nodes, decoded from CP437. */
function textLines(nodes: readonly TlvNode[]): string[] {
  return findAllTlv(nodes, TlvTag.TextLines).flatMap((n) => ('value' in n ? [decodeCp437(n.value)] : []));
}

// ---- 04 FF intermediate status -----------------------------------------------------------------------

export interface IntermediateStatus {
  readonly code: number;
  /** Spanish text to show: the PT's own lines for code `FF`, else our table. */
  readonly text: string;
  readonly prompt: StatusPrompt;
  readonly timeoutSeconds?: number;
  /** Display lines the PT sent in TLV `24`/`07`, if any. */
  readonly displayLines: readonly string[];
}

/** `04 FF`: `<status> [<timeout>] [BMPs, usually 06 with TLV 24]` (packet-zvt.c dissect_zvt_int_status). */
export function parseIntermediateStatus(apdu: ZvtApdu): IntermediateStatus {
  expectControl(apdu, ZvtControl.IntermediateStatus, 'intermediate status');
  const code = apdu.data[0];
  if (code === undefined)
    throw new ZvtDecodeError('zvt.message_invalid', 'intermediate status without status');
  const timeoutSeconds = apdu.data[1];
  const values = apdu.data.length > 2 ? interpretBmps(decodeBmps(apdu.data, 2)) : undefined;
  const displayLines = values?.tlv ? textLines(findAllTlv(values.tlv, TlvTag.DisplayTexts)) : [];
  const described = describeIntermediateStatus(code);
  const text =
    code === STATUS_TEXT_IN_TLV && displayLines.length > 0
      ? displayLines.map((l) => l.trim()).join(' ')
      : described.text;
  return {
    code,
    text,
    prompt: described.prompt,
    displayLines,
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
  };
}

// ---- 04 0F status information ------------------------------------------------------------------------

export interface StatusInformation {
  /** BMP 27; absent means the PT did not say (treat the outcome as unknown, never as success). */
  readonly resultCode: number | undefined;
  readonly resultText: string | undefined;
  /** True only when BMP 27 is present and `00` (docs/zvt.md §6). */
  readonly approved: boolean;
  readonly amountCents?: number;
  readonly currency?: number;
  readonly traceNumber?: number;
  readonly originalTraceNumber?: number;
  readonly receiptNumber?: number;
  readonly turnoverNumber?: number;
  readonly terminalId?: string;
  readonly vuNumber?: string;
  readonly authorisationCode?: string;
  readonly cardType?: number;
  readonly cardTypeId?: number;
  readonly cardName?: string;
  readonly maskedPan?: string;
  readonly expiry?: string;
  readonly cardSequenceNumber?: number;
  readonly paymentType?: number;
  /** MMDD (BMP 0D). */
  readonly date?: string;
  /** YYMMDD (BMP AA). */
  readonly dateYymmdd?: string;
  /** HHMMSS (BMP 0C). */
  readonly time?: string;
  readonly additionalText?: string;
  readonly resultCodeAs?: number;
  /** End-of-Day single totals (BMP 60), when the PT sends them. */
  readonly totals?: IndividualTotals;
  readonly tlv?: readonly TlvNode[];
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function statusFromValues(v: BmpValues): StatusInformation {
  const resultCode = v.resultCode;
  return defined({
    resultCode,
    resultText: resultCode === undefined ? undefined : describeResultCode(resultCode).text,
    approved: resultCode === RESULT_SUCCESS,
    amountCents: v.amountCents,
    currency: v.currency,
    traceNumber: v.traceNumber,
    originalTraceNumber: v.originalTraceNumber,
    receiptNumber: v.receiptNumber,
    turnoverNumber: v.turnoverNumber,
    terminalId: v.terminalId,
    vuNumber: v.vuNumber,
    authorisationCode: v.authorisationCode,
    cardType: v.cardType,
    cardTypeId: v.cardTypeId,
    cardName: v.cardName,
    maskedPan: v.maskedPan,
    expiry: v.expiry,
    cardSequenceNumber: v.cardSequenceNumber,
    paymentType: v.typeByte,
    date: v.date,
    dateYymmdd: v.dateYymmdd,
    time: v.time,
    additionalText: v.additionalText,
    resultCodeAs: v.resultCodeAs,
    totals: v.individualTotals === undefined ? undefined : decodeIndividualTotals(v.individualTotals),
    tlv: v.tlv,
  });
}

/** `04 0F`: a sequence of BMPs with the transaction (or End-of-Day) result. */
export function parseStatusInformation(apdu: ZvtApdu): StatusInformation {
  expectControl(apdu, ZvtControl.StatusInformation, 'status information');
  return statusFromValues(interpretBmps(decodeBmps(apdu.data)));
}

// ---- 06 0F completion ----------------------------------------------------------------------------------

export interface Completion {
  /** BMP 19 after Registration: `01` init needed, `02` diagnosis needed, `04` OPT action, ... */
  readonly statusByte?: number;
  readonly terminalId?: string;
  readonly currency?: number;
  readonly tlv?: readonly TlvNode[];
}

/** `06 0F` after any command but Status enquiry: optional BMPs (may be empty). */
export function parseCompletion(apdu: ZvtApdu): Completion {
  expectControl(apdu, ZvtControl.Completion, 'completion');
  const v = interpretBmps(decodeBmps(apdu.data));
  return defined({ statusByte: v.typeByte, terminalId: v.terminalId, currency: v.currency, tlv: v.tlv });
}

export interface StatusEnquiryCompletion {
  readonly softwareVersion?: string;
  /** Terminal status code; `00` = PT ready (it uses the result-code table). */
  readonly terminalStatus?: number;
  readonly terminalStatusText?: string;
  readonly tlv?: readonly TlvNode[];
}

/**
 * `06 0F` answering `05 01`: `<sw-version LLLVAR, untagged> <terminal-status 1B> [06 <TLV>]`. Some PTs send
 * it empty (Portalum #26), which gives an empty result.
 */
export function parseStatusEnquiryCompletion(apdu: ZvtApdu): StatusEnquiryCompletion {
  expectControl(apdu, ZvtControl.Completion, 'completion');
  const d = apdu.data;
  if (d.length === 0) return {};
  if (d.length < 3) throw new ZvtDecodeError('zvt.message_invalid', `status completion too short: ${hex(d)}`);
  const swLength = decodeVarLength(d.subarray(0, 3));
  const swEnd = 3 + swLength;
  const status = d[swEnd];
  if (status === undefined) {
    throw new ZvtDecodeError(
      'zvt.message_invalid',
      `status completion ends before terminal status: ${hex(d)}`,
    );
  }
  const v = interpretBmps(decodeBmps(d, swEnd + 1));
  return defined({
    softwareVersion: decodeCp437(d.subarray(3, swEnd)).trim(),
    terminalStatus: status,
    terminalStatusText: describeResultCode(status).text,
    tlv: v.tlv,
  });
}

// ---- 06 1E abort ---------------------------------------------------------------------------------------

export interface AbortInfo {
  readonly resultCode: number;
  readonly resultText: string;
  /** Further BMPs, e.g. `87` receipt numbers of pending pre-auths (docs/zvt.md §7). */
  readonly receiptNumber?: number;
  readonly tlv?: readonly TlvNode[];
}

/** `06 1E`: `<result-code> [BMPs]`. */
export function parseAbort(apdu: ZvtApdu): AbortInfo {
  expectControl(apdu, ZvtControl.Abort, 'abort');
  const code = apdu.data[0];
  if (code === undefined) throw new ZvtDecodeError('zvt.message_invalid', 'abort without result code');
  const v = interpretBmps(decodeBmps(apdu.data, 1));
  return defined({
    resultCode: code,
    resultText: describeResultCode(code).text,
    receiptNumber: v.receiptNumber,
    tlv: v.tlv,
  });
}

// ---- 06 D1 print line, 06 D3 print text block --------------------------------------------------------

export interface PrintLine {
  readonly attribute: number;
  readonly text: string;
  /** `1xxx xxxx` other than `80` and `FF` marks the last line of a receipt. */
  readonly lastLine: boolean;
  readonly centred: boolean;
  readonly doubleWidth: boolean;
  readonly doubleHeight: boolean;
  /** Attribute `FF`: the text byte holds a count of empty lines to feed. */
  readonly lineFeeds?: number;
}

/** `06 D1`: `<attribute> <text>` (docs/zvt.md §3 print-line attribute). */
export function parsePrintLine(apdu: ZvtApdu): PrintLine {
  expectControl(apdu, ZvtControl.PrintLine, 'print line');
  const attribute = apdu.data[0];
  if (attribute === undefined)
    throw new ZvtDecodeError('zvt.message_invalid', 'print line without attribute');
  if (attribute === 0xff) {
    return {
      attribute,
      text: '',
      lastLine: false,
      centred: false,
      doubleWidth: false,
      doubleHeight: false,
      lineFeeds: apdu.data[1] ?? 1,
    };
  }
  const formatted = (attribute & 0x80) === 0;
  return {
    attribute,
    text: decodeCp437(apdu.data.subarray(1)),
    lastLine: (attribute & 0x80) !== 0 && attribute !== 0x80,
    centred: formatted && (attribute & 0x40) !== 0,
    doubleWidth: formatted && (attribute & 0x20) !== 0,
    doubleHeight: formatted && (attribute & 0x10) !== 0,
  };
}

export type ReceiptType = 'merchant' | 'customer' | 'administration';

export interface PrintTextBlock {
  readonly receiptType?: ReceiptType;
  readonly lines: readonly string[];
}

const RECEIPT_TYPES: Record<number, ReceiptType> = { 1: 'merchant', 2: 'customer', 3: 'administration' };

/** `06 D3`: BMP 06 with TLV `25` print texts → `07` lines, `1F07` receipt type. */
export function parsePrintTextBlock(apdu: ZvtApdu): PrintTextBlock {
  expectControl(apdu, ZvtControl.PrintTextBlock, 'print text block');
  const v = interpretBmps(decodeBmps(apdu.data));
  const tlv = v.tlv ?? [];
  const printTexts = findAllTlv(tlv, TlvTag.PrintTexts);
  const lines = textLines(printTexts.length > 0 ? printTexts : tlv);
  const typeByte = findTlvValue(tlv, TlvTag.ReceiptType)?.[0];
  const receiptType = typeByte === undefined ? undefined : RECEIPT_TYPES[typeByte];
  return receiptType === undefined ? { lines } : { receiptType, lines };
}

// ---- dispatch ----------------------------------------------------------------------------------------

export type PtMessage =
  | { readonly kind: 'ack' }
  | { readonly kind: 'nack'; readonly code: number; readonly text: string }
  | { readonly kind: 'intermediate_status'; readonly status: IntermediateStatus }
  | { readonly kind: 'status_information'; readonly info: StatusInformation }
  | { readonly kind: 'completion'; readonly completion: Completion }
  | { readonly kind: 'status_enquiry_completion'; readonly completion: StatusEnquiryCompletion }
  | { readonly kind: 'abort'; readonly abort: AbortInfo }
  | { readonly kind: 'print_line'; readonly line: PrintLine }
  | { readonly kind: 'print_text_block'; readonly block: PrintTextBlock }
  /** A command the PT may send that this driver does not interpret; ack it and log it. */
  | { readonly kind: 'other'; readonly apdu: ZvtApdu };

/**
 * Interprets any PT→ECR APDU. `pendingCommand` is the control field of the command in progress: a
 * Completion answering Status enquiry (`05 01`) has its own layout.
 */
export function parsePtMessage(apdu: ZvtApdu, pendingCommand?: number): PtMessage {
  if (isPositiveAck(apdu)) return { kind: 'ack' };
  if (isNegativeAck(apdu)) {
    const code = apdu.control & 0xff;
    return { kind: 'nack', code, text: describeResultCode(code).text };
  }
  switch (apdu.control) {
    case ZvtControl.IntermediateStatus:
      return { kind: 'intermediate_status', status: parseIntermediateStatus(apdu) };
    case ZvtControl.StatusInformation:
      return { kind: 'status_information', info: parseStatusInformation(apdu) };
    case ZvtControl.Completion:
      return pendingCommand === ZvtControl.StatusEnquiry
        ? { kind: 'status_enquiry_completion', completion: parseStatusEnquiryCompletion(apdu) }
        : { kind: 'completion', completion: parseCompletion(apdu) };
    case ZvtControl.Abort:
      return { kind: 'abort', abort: parseAbort(apdu) };
    case ZvtControl.PrintLine:
      return { kind: 'print_line', line: parsePrintLine(apdu) };
    case ZvtControl.PrintTextBlock:
      return { kind: 'print_text_block', block: parsePrintTextBlock(apdu) };
    default:
      return { kind: 'other', apdu };
  }
}
