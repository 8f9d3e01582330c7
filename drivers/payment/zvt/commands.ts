/**
 * Builders for ECR→PT commands (docs/zvt.md §3; spec PA00P015 ch. 2–3). Each returns a {@link ZvtApdu};
 * the transport encodes and frames it. Passwords are the 6-digit PT password as 3 BCD bytes.
 */
import { type ZvtApdu, ZvtControl } from './apdu.ts';
import { encodeBcd, encodeBcdNumber } from './bcd.ts';
import {
  type BmpField,
  bmpAmount,
  bmpByte,
  bmpCurrency,
  bmpReceiptNumber,
  bmpTlv,
  encodeBmps,
} from './bmp.ts';
import { encodeCp437 } from './cp437.ts';
import { ZvtEncodeError } from './errors.ts';
import { concatBytes, type TlvNode } from './tlv.ts';

/** ISO 4217 numeric for euro (`09 78`). */
export const CURRENCY_EUR = 978;

/** Registration config byte bits (docs/zvt.md §3): set = the ECR side does it. */
export const RegistrationConfig = {
  EcrPrintsPaymentReceipts: 0x02,
  EcrPrintsAdminReceipts: 0x04,
  IntermediateStatusWanted: 0x08,
  EcrControlsPayment: 0x10,
  EcrControlsAdministration: 0x20,
  ReceiptsAsPrintMessages: 0x80,
} as const;

/**
 * The kiosk default `BA`: the ECR prints payment receipts, wants intermediate status, controls payment and
 * administration, and receives receipts as `06 D1`/`06 D3`.
 */
export const KIOSK_REGISTRATION_CONFIG = 0xba;

function password(pwd: string): Uint8Array {
  if (!/^[0-9]{6}$/.test(pwd)) throw new ZvtEncodeError('PT password must be 6 digits');
  return encodeBcd(pwd, 3);
}

const cmd = (control: number, ...parts: Uint8Array[]): ZvtApdu => ({ control, data: concatBytes(parts) });

export interface RegistrationOptions {
  readonly password: string;
  readonly config: number;
  /** Untagged CC after the config byte; required when `serviceByte` or `tlv` is given (default EUR then). */
  readonly currency?: number;
  /** BMP 03: `01` service menu not on a function key, `02` display texts in capitals. */
  readonly serviceByte?: number;
  readonly tlv?: readonly TlvNode[];
}

/** `06 00` Registration: `<pwd> <config> [<CC> [03 <svc>] [06 <TLV>]]`. */
export function registration(o: RegistrationOptions): ZvtApdu {
  if (!Number.isInteger(o.config) || o.config < 0 || o.config > 0xff) {
    throw new ZvtEncodeError(`config byte out of range: ${o.config}`);
  }
  const parts = [password(o.password), Uint8Array.of(o.config)];
  const needsCc = o.currency !== undefined || o.serviceByte !== undefined || o.tlv !== undefined;
  if (needsCc) parts.push(encodeBcdNumber(o.currency ?? CURRENCY_EUR, 2));
  const bmps: BmpField[] = [];
  if (o.serviceByte !== undefined) bmps.push(bmpByte(0x03, o.serviceByte));
  if (o.tlv !== undefined) bmps.push(bmpTlv(o.tlv));
  parts.push(encodeBmps(bmps));
  return cmd(ZvtControl.Registration, ...parts);
}

export interface AuthorizationOptions {
  readonly amountCents: number;
  readonly currency?: number;
  /** BMP 19 payment type (e.g. `40` PT decides); omitted = PT default. */
  readonly paymentType?: number;
  /** BMP 01: seconds the PT waits for the card. */
  readonly timeoutSeconds?: number;
  /** BMP 02: max number of status informations. */
  readonly maxStatusInfos?: number;
  /**
   * BMP 3C additional data, e.g. our own reference so it reaches the receipt/journal.
   * [assumption] terminals may ignore or refuse it; send only if the terminal is known to accept it.
   */
  readonly additionalText?: string;
  readonly tlv?: readonly TlvNode[];
}

/** `06 01` Authorization: `04 <amount> [49 <CC>] [19] [01] [02] [3C] [06]`. */
export function authorization(o: AuthorizationOptions): ZvtApdu {
  const bmps: BmpField[] = [bmpAmount(o.amountCents)];
  if (o.currency !== undefined) bmps.push(bmpCurrency(o.currency));
  if (o.paymentType !== undefined) bmps.push(bmpByte(0x19, o.paymentType));
  if (o.timeoutSeconds !== undefined) bmps.push(bmpByte(0x01, o.timeoutSeconds));
  if (o.maxStatusInfos !== undefined) bmps.push(bmpByte(0x02, o.maxStatusInfos));
  if (o.additionalText !== undefined) bmps.push({ tag: 0x3c, value: encodeCp437(o.additionalText) });
  if (o.tlv !== undefined) bmps.push(bmpTlv(o.tlv));
  return cmd(ZvtControl.Authorization, encodeBmps(bmps));
}

export interface ReversalOptions {
  readonly password: string;
  /** BMP 87 of the payment to reverse (from its `04 0F`). */
  readonly receiptNumber: number;
  readonly amountCents?: number;
  readonly currency?: number;
}

/** `06 30` Reversal: `<pwd> 87 <receipt-no> [04 <amount>] [49 <CC>]`. */
export function reversal(o: ReversalOptions): ZvtApdu {
  const bmps: BmpField[] = [bmpReceiptNumber(o.receiptNumber)];
  if (o.amountCents !== undefined) bmps.push(bmpAmount(o.amountCents));
  if (o.currency !== undefined) bmps.push(bmpCurrency(o.currency));
  return cmd(ZvtControl.Reversal, password(o.password), encodeBmps(bmps));
}

export interface RefundOptions {
  readonly password: string;
  readonly amountCents?: number;
  readonly currency?: number;
}

/** `06 31` Refund: `<pwd> [04 <amount>] [49 <CC>]`. */
export function refund(o: RefundOptions): ZvtApdu {
  const bmps: BmpField[] = [];
  if (o.amountCents !== undefined) bmps.push(bmpAmount(o.amountCents));
  if (o.currency !== undefined) bmps.push(bmpCurrency(o.currency));
  return cmd(ZvtControl.Refund, password(o.password), encodeBmps(bmps));
}

/** `06 50` End-of-Day: `<pwd>`. */
export const endOfDay = (pwd: string): ZvtApdu => cmd(ZvtControl.EndOfDay, password(pwd));

/** `06 10` Send turnover totals (no batch closing): `<pwd>`. */
export const sendTurnoverTotals = (pwd: string): ZvtApdu => cmd(ZvtControl.SendTurnoverTotals, password(pwd));

/** `06 20` Repeat receipt: `<pwd>`. */
export const repeatReceipt = (pwd: string): ZvtApdu => cmd(ZvtControl.RepeatReceipt, password(pwd));

/** `06 70` Diagnosis: no data, or a TLV container (diagnosis type; tag per terminal manual). */
export const diagnosis = (tlv?: readonly TlvNode[]): ZvtApdu =>
  cmd(ZvtControl.Diagnosis, tlv === undefined ? new Uint8Array(0) : encodeBmps([bmpTlv(tlv)]));

export interface StatusEnquiryOptions {
  readonly password?: string;
  /** Only sent together with the password (docs/zvt.md §3). */
  readonly serviceByte?: number;
  readonly tlv?: readonly TlvNode[];
}

/** `05 01` Status enquiry: `[<pwd> [03 <svc>]] [06 <TLV>]`. */
export function statusEnquiry(o: StatusEnquiryOptions = {}): ZvtApdu {
  const parts: Uint8Array[] = [];
  const bmps: BmpField[] = [];
  if (o.password !== undefined) {
    parts.push(password(o.password));
    if (o.serviceByte !== undefined) bmps.push(bmpByte(0x03, o.serviceByte));
  } else if (o.serviceByte !== undefined) {
    throw new ZvtEncodeError('status enquiry service byte needs the password');
  }
  if (o.tlv !== undefined) bmps.push(bmpTlv(o.tlv));
  parts.push(encodeBmps(bmps));
  return cmd(ZvtControl.StatusEnquiry, ...parts);
}

/** `06 B0 00`: ask the PT to abort the running command (it ends it with `06 1E 6C` if it still can). */
export const abortCommand = (): ZvtApdu => cmd(ZvtControl.AbortCommand);

/** `06 02 00` Log-off. */
export const logOff = (): ZvtApdu => cmd(ZvtControl.LogOff);
