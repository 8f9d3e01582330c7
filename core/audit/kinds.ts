/**
 * What may enter the audit chain: a closed list of kinds, each with the fields it may carry. Nothing
 * personal: no name, no DNI/NIE, no PIN, no card data, no address. What the municipality needs to
 * reconcile does enter: CSVs, amounts, the recibo's emisora and referencia, payment ids, outcome codes.
 * Every object is strict (an unknown field is refused, not dropped) and every text has a pattern, so
 * free text cannot smuggle a person in; on top of that any DNI/NIE-shaped value is refused anywhere.
 */
import { z } from 'zod';
import {
  identificationReasonSchema,
  languageSchema,
  sessionFailureReasonSchema,
  sessionServiceSchema,
  volanteKindSchema,
} from '../api/contract.ts';
import { PAYMENT_STATES } from '../payments/states.ts';

const code = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/u, 'un código en minúsculas (a-z, 0-9, _ . -)');
const csv = z.string().regex(/^[A-Z0-9][A-Z0-9-]{3,47}$/u);
const cents = z.number().int().min(0).max(99_999_999);
const count = z.number().int().min(0).max(1_000_000);
const paymentId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/u);

/**
 * The citizen's session, as core/session reports it (its README, "Audit"): the steps and outcomes,
 * never who. The enums are the KioskApi contract's own.
 */
const session = {
  'session.started': z.strictObject({ language: languageSchema }),
  'session.service_chosen': z.strictObject({ service: sessionServiceSchema }),
  'session.volante_kind_chosen': z.strictObject({ kind: volanteKindSchema }),
  'session.identification': z.strictObject({
    result: z.enum(['identified', 'pin_wrong', 'pin_blocked', 'card_error', 'sin_firma']),
    reason: identificationReasonSchema.nullable(),
  }),
  'session.failed': z.strictObject({ service: sessionServiceSchema, reason: sessionFailureReasonSchema }),
  'session.ended': z.strictObject({ reason: z.enum(['done', 'cancelled', 'timeout', 'card_removed']) }),
};

const documents = {
  'volante.issued': z.strictObject({ csv, kind: volanteKindSchema }),
  'volante.printed': z.strictObject({ csv, printed: z.boolean() }),
  'recibos.pending_listed': z.strictObject({ count }),
};

/** One shape for every payment state: what the oficina de recaudación reconciles with. */
const paymentEntry = z.strictObject({
  paymentId,
  from: z.enum(PAYMENT_STATES).nullable(),
  emisora: z.string().regex(/^[0-9]{6}$/u),
  referencia: z.string().regex(/^[0-9]{10,13}$/u),
  amountCents: cents,
  csv,
  offline: z.boolean(),
  /** The terminal's refusal code or the ledger's reason code; never free text. */
  code: code.optional(),
  /** payment_events.seq: which state change of the ledger this entry records. */
  ledgerSeq: z.number().int().min(1),
});

export const PAYMENT_KINDS = PAYMENT_STATES.map((s) => `payment.${s}` as const);
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

const payments = {
  ...(Object.fromEntries(PAYMENT_KINDS.map((k) => [k, paymentEntry])) as Record<
    PaymentKind,
    typeof paymentEntry
  >),
  // Central says a payment of a recibo already paid must be given back (paid twice).
  'payment.refund_required': z.strictObject({ paymentId }),
};

/**
 * A technician's command that changes something, and how it ended. The result is the command's own
 * outcome code (`approved`, `closed`, `delivered`, `ok`, …) or `error`.
 */
const technicianEntry = z.strictObject({
  result: code,
  code: code.optional(),
  amountCents: cents.optional(),
  count: count.optional(),
});
export const TECHNICIAN_KINDS = [
  'technician.printer_test_page',
  'technician.terminal_test_payment',
  'technician.terminal_end_of_day',
  'technician.terminal_diagnosis',
  'technician.payments_recover',
  'technician.sync_now',
] as const;
export type TechnicianKind = (typeof TECHNICIAN_KINDS)[number];

const technician = Object.fromEntries(TECHNICIAN_KINDS.map((k) => [k, technicianEntry])) as Record<
  TechnicianKind,
  typeof technicianEntry
>;

const kiosk = {
  'kiosk.started': z.strictObject({
    softwareVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,64}$/u),
  }),
  'kiosk.stopped': z.strictObject({ reason: code.optional() }),
};

export const AUDIT_SCHEMAS = { ...kiosk, ...session, ...documents, ...payments, ...technician };

export type AuditKind = keyof typeof AUDIT_SCHEMAS;
export type AuditData<K extends AuditKind> = z.input<(typeof AUDIT_SCHEMAS)[K]>;

export const AUDIT_KINDS = Object.keys(AUDIT_SCHEMAS) as AuditKind[];

export function isAuditKind(kind: string): kind is AuditKind {
  return Object.hasOwn(AUDIT_SCHEMAS, kind);
}

/** A DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter) with a correct control letter. */
const DNI_LIKE = /(^|[^A-Z0-9])([XYZ]?)([0-9]{7,8})([A-Z])(?![A-Z0-9])/giu;
const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export function containsDniLike(text: string): boolean {
  for (const m of text.matchAll(DNI_LIKE)) {
    const prefix = (m[2] ?? '').toUpperCase();
    const digits = m[3] ?? '';
    if ((prefix === '' && digits.length !== 8) || (prefix !== '' && digits.length !== 7)) continue;
    const number = Number(`${prefix === '' ? '' : 'XYZ'.indexOf(prefix)}${digits}`);
    if (LETTERS[number % 23] === (m[4] ?? '').toUpperCase()) return true;
  }
  return false;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** The data as it will be stored, or why it is refused (field and rule, never the value itself). */
export function checkAuditData(
  kind: AuditKind,
  data: unknown,
): { ok: true; data: Record<string, unknown> } | { ok: false; reason: string } {
  const parsed = AUDIT_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const at = i.path.length > 0 ? i.path.join('.') : '(datos)';
      const keys = i.code === 'unrecognized_keys' ? ` ${i.keys.join(', ')}` : '';
      return `${at}: ${i.code}${keys}`;
    });
    return { ok: false, reason: issues.join('; ') };
  }
  if (strings(parsed.data).some(containsDniLike)) {
    return { ok: false, reason: 'un valor tiene forma de DNI/NIE' };
  }
  return { ok: true, data: parsed.data as Record<string, unknown> };
}
