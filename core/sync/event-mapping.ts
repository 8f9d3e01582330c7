/**
 * From the ledger's outbox to central's events: a pure function. The ledger writes what the kiosk
 * knows (core/payments/README.md, "Outbox"); central wants `recibo.pagado` with the Cuaderno 60 fields
 * and no card data (central/service/sync-schemas.ts). Anything central's schema would refuse is held
 * back here, with the reason, instead of being sent and refused with its whole batch.
 */
import { RECIBO_PAGADO, type ReciboPagado, WIRE_PATTERNS, type WireEvent } from './contract.ts';

/** One outbox row as the sync client reads it (payload already parsed). */
export interface OutboxEvent {
  readonly eventId: string;
  readonly sequence: number;
  readonly type: string;
  readonly payload: unknown;
  readonly createdAt: string;
}

export type MappedEvent =
  | { readonly kind: 'send'; readonly event: WireEvent }
  | { readonly kind: 'hold'; readonly eventId: string; readonly reason: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(o: Json, field: string, pattern: RegExp): string | undefined {
  const v = o[field];
  return typeof v === 'string' && pattern.test(v) ? v : undefined;
}

/**
 * `payment.approved` → `recibo.pagado`. The optional terminal facts go only when they fit central's
 * patterns (the full facts stay in the kiosk's ledger); a missing required field holds the event back.
 */
export function reciboPagadoOf(payload: unknown, occurredAt: string): ReciboPagado | string {
  if (!isObject(payload)) return 'payload is not an object';
  const recibo = isObject(payload.recibo) ? payload.recibo : {};
  const terminal = isObject(payload.terminal) ? payload.terminal : {};
  const emisora = text(recibo, 'emisora', WIRE_PATTERNS.emisora);
  const referencia = text(recibo, 'referencia', WIRE_PATTERNS.referencia);
  const referenciaControl = text(recibo, 'referenciaControl', WIRE_PATTERNS.referenciaControl);
  const identificacion = text(recibo, 'identificacion', WIRE_PATTERNS.identificacion);
  const csv = text(payload, 'csv', WIRE_PATTERNS.csv);
  const amount = payload.amountCents;
  // The approval's own instant: the payload's updatedAt is the moment the approval was committed.
  const paidAt = text(payload, 'updatedAt', WIRE_PATTERNS.instant) ?? occurredAt;
  const missing = [
    emisora === undefined && 'emisora',
    referencia === undefined && 'referencia',
    referenciaControl === undefined && 'referenciaControl',
    identificacion === undefined && 'identificacion',
    csv === undefined && 'csv',
    !(Number.isSafeInteger(amount) && (amount as number) >= 0 && (amount as number) <= 99_999_999) &&
      'amountCents',
    !WIRE_PATTERNS.instant.test(paidAt) && 'paidAt',
  ].filter((f): f is string => f !== false);
  if (missing.length > 0) return `recibo.pagado needs valid ${missing.join(', ')}`;
  const authorisationCode = text(terminal, 'authorisationCode', WIRE_PATTERNS.authorisationCode);
  const terminalId = text(terminal, 'terminalId', WIRE_PATTERNS.terminalId);
  const receipt = terminal.receiptNo;
  return {
    emisora: emisora!,
    referencia: referencia!,
    referenciaControl: referenciaControl!,
    identificacion: identificacion!,
    importeCents: amount as number,
    paidAt,
    justificanteCsv: csv!,
    ...(authorisationCode === undefined ? {} : { authorisationCode }),
    ...(terminalId === undefined ? {} : { terminalId }),
    ...(Number.isSafeInteger(receipt) && (receipt as number) >= 0 && (receipt as number) <= 2_147_483_647
      ? { receiptNumber: receipt as number }
      : {}),
  };
}

/** Other payment events go as they are, without the masked PAN: central has no use for it. */
function genericPayload(payload: unknown): Json | string {
  if (!isObject(payload)) return 'payload is not an object';
  if (!isObject(payload.terminal)) return { ...payload };
  const { maskedPan: _pan, ...terminal } = payload.terminal;
  return { ...payload, terminal };
}

export function mapOutboxEvent(row: OutboxEvent): MappedEvent {
  const hold = (reason: string): MappedEvent => ({ kind: 'hold', eventId: row.eventId, reason });
  if (!WIRE_PATTERNS.key.test(row.eventId)) return hold('event id is not a valid idempotency key');
  if (!Number.isSafeInteger(row.sequence) || row.sequence < 1) return hold('no sequence number');
  if (!WIRE_PATTERNS.instant.test(row.createdAt)) return hold('created_at is not an ISO instant');
  const base = { key: row.eventId, sequence: row.sequence, occurredAt: row.createdAt };
  if (row.type === 'payment.approved') {
    const pago = reciboPagadoOf(row.payload, row.createdAt);
    if (typeof pago === 'string') return hold(pago);
    return { kind: 'send', event: { ...base, type: RECIBO_PAGADO, payload: { ...pago } } };
  }
  if (!WIRE_PATTERNS.eventType.test(row.type) || row.type.length > 100) {
    return hold(`event type «${row.type}» is not one central accepts`);
  }
  if (row.type === RECIBO_PAGADO) return hold('recibo.pagado is only made from payment.approved');
  const payload = genericPayload(row.payload);
  if (typeof payload === 'string') return hold(payload);
  return { kind: 'send', event: { ...base, type: row.type, payload } };
}
