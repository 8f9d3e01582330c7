/**
 * Batch ingest of kiosk events (issue 8 §8). Each event is stored once: the kiosk's idempotency key is
 * unique per kiosk and a key already stored is skipped (`ON CONFLICT … DO NOTHING`), so a kiosk can
 * resend any batch. The kiosk's sequence number orders its events. Payments (`recibo.pagado`) also
 * become `recibos_pagados` rows in the same transaction; a recibo already paid is stored again and
 * flagged for refund.
 */
import type { ReciboPagado, WireEvent } from '../../core/sync/contract.ts';
import { CentralDbError, type Database, type Queryable } from '../db/index.ts';
import { admitKiosk, type KioskRow, type PeerFacts } from './kiosk-auth.ts';
import { CentralServiceError } from './service-error.ts';
import { RECIBO_PAGADO } from './sync-schemas.ts';

/** An event as the kiosk sends it, and its payment payload: the kiosk's own wire types. */
export type KioskEvent = WireEvent;
export type ReciboPagadoPayload = ReciboPagado;

export interface KioskIdentity {
  readonly kioskId: string;
  readonly municipality: string;
}

export interface IngestResult {
  /** Keys stored by this request, in sequence order. */
  readonly stored: string[];
  /** Keys that were already stored (a resent event): nothing changed for them. */
  readonly alreadyStored: string[];
  /** Keys of payments stored by this request for a recibo already paid: to be refunded. */
  readonly refundRequired: string[];
}

/** Two payments of the same municipality are recorded one after the other (see `recordPayment`). */
const PAYMENT_LOCK_CLASS = 72_260;

/** Refuses a batch that repeats a key or whose sequence numbers do not increase. */
export function checkBatch(events: readonly KioskEvent[]): void {
  const keys = new Set<string>();
  let previous = 0;
  events.forEach((event, index) => {
    if (keys.has(event.key))
      throw new CentralServiceError('central.bad_request', `events/${index}: key repeated in the batch`);
    keys.add(event.key);
    if (event.sequence <= previous) {
      throw new CentralServiceError(
        'central.bad_request',
        `events/${index}: sequence must increase within a batch`,
      );
    }
    previous = event.sequence;
  });
}

interface InsertedRow extends Partial<KioskRow> {
  id: number | null;
  idempotency_key: string | null;
}

/**
 * One statement reads the caller's kiosk row and inserts the batch only if that row admits the
 * certificate presented: the check of every request (kiosk-auth.ts) without a round trip of its own
 * on a single kiosk's critical path. The batch travels as one JSON parameter read by
 * `json_to_recordset` (any batch size; works on pg and PGlite alike).
 *
 * `resent`: whether to skip keys already stored (`ON CONFLICT DO NOTHING`). Most batches are new, and
 * PostgreSQL's speculative insertion for ON CONFLICT costs about a fifth of the statement, so the
 * first attempt inserts plainly and a batch with a stored key fails whole (one statement: nothing
 * stored); `ingestEvents` then runs it again with `resent`.
 */
function insertSql(resent: boolean): string {
  return `WITH kiosk AS (
       SELECT municipality_code, certificate_fingerprint, status FROM kiosks WHERE id = $1
     ), inserted AS (
       INSERT INTO kiosk_events (kiosk_id, idempotency_key, sequence, event_type, occurred_at, received_at, payload)
       SELECT $1, e.key, e.sequence, e.type, e."occurredAt", $2, e.payload
         FROM json_to_recordset($3::json)
           AS e (key text, sequence bigint, type text, "occurredAt" timestamptz, payload jsonb)
        WHERE EXISTS (SELECT 1 FROM kiosk WHERE certificate_fingerprint = $4 AND status = 'enrolled')
       ${resent ? 'ON CONFLICT ON CONSTRAINT kiosk_events_idempotency DO NOTHING' : ''}
       RETURNING id, idempotency_key
     )
     SELECT k.municipality_code, k.certificate_fingerprint, k.status, i.id, i.idempotency_key
       FROM (VALUES (true)) AS one (x) LEFT JOIN kiosk k ON true LEFT JOIN inserted i ON true`;
}

const INSERT_NEW = insertSql(false);
const INSERT_RESENT = insertSql(true);

/** The admitted kiosk and the ids of the events stored now, by key. */
async function insertEvents(
  q: Queryable,
  peer: PeerFacts,
  events: readonly KioskEvent[],
  receivedAt: Date,
  resent: boolean,
): Promise<{ kiosk: KioskIdentity; inserted: Map<string, number> }> {
  const { rows } = await q.query<InsertedRow>(
    resent ? INSERT_RESENT : INSERT_NEW,
    // The validated events as one JSON text: cheaper to build than five escaped arrays, and the schema
    // has already refused any field the column list does not name.
    [peer.kioskId, receivedAt, JSON.stringify(events), peer.fingerprint],
    { prepareAs: resent ? 'central_ingest_resent' : 'central_ingest_new' },
  );
  const first = rows[0];
  const kiosk = admitKiosk(peer, first?.status == null ? undefined : (first as KioskRow));
  const inserted = new Map<string, number>();
  for (const row of rows) if (row.idempotency_key !== null) inserted.set(row.idempotency_key, row.id!);
  return { kiosk, inserted };
}

/**
 * A plain insert that met a stored event of the kiosk: a resend (or a sequence reused, which the
 * tolerant statement then reports). Which of the two unique indexes PostgreSQL checks first is not
 * ours to rely on.
 */
function metStoredEvent(error: unknown): boolean {
  return (
    error instanceof CentralDbError &&
    error.code === 'central_db.unique_violation' &&
    (error.constraint === 'kiosk_events_idempotency' || error.constraint === 'kiosk_events_sequence_unique')
  );
}

/**
 * Stores one payment. The advisory lock (held to the end of the transaction) serialises payments of a
 * municipality: the "already paid?" check cannot race another kiosk's insert, and `recibos_pagados`
 * ids become visible in increasing order, which makes the id a safe cursor for the paid-recibo deltas.
 * Returns whether the recibo had been paid before.
 */
async function recordPayment(
  tx: Queryable,
  kiosk: KioskIdentity,
  eventId: number,
  pago: ReciboPagadoPayload,
): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PAYMENT_LOCK_CLASS, kiosk.municipality]);
  const { rows } = await tx.query<{ first_paid: number | null; pendiente: number | null }>(
    `SELECT (SELECT id FROM recibos_pagados WHERE emisora = $1 AND referencia = $2 AND duplicate_of IS NULL
              ORDER BY id LIMIT 1) AS first_paid,
            (SELECT id FROM recibos_pendientes WHERE emisora = $1 AND referencia = $2) AS pendiente`,
    [pago.emisora, pago.referencia],
  );
  const firstPaid = rows[0]?.first_paid ?? null;
  await tx.query(
    `INSERT INTO recibos_pagados (kiosk_id, kiosk_event_id, recibo_pendiente_id, emisora, referencia,
       referencia_control, identificacion, importe_cents, paid_at, justificante_csv, authorisation_code,
       terminal_id, terminal_receipt_number, duplicate_of, refund_required)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      kiosk.kioskId,
      eventId,
      rows[0]?.pendiente ?? null,
      pago.emisora,
      pago.referencia,
      pago.referenciaControl,
      pago.identificacion,
      pago.importeCents,
      pago.paidAt,
      pago.justificanteCsv,
      pago.authorisationCode ?? null,
      pago.terminalId ?? null,
      pago.receiptNumber ?? null,
      firstPaid,
      firstPaid !== null,
    ],
  );
  return firstPaid !== null;
}

/** What a refused statement means for the kiosk; anything else passes through. */
function explain(error: unknown): unknown {
  if (!(error instanceof CentralDbError)) return error;
  if (error.constraint === 'kiosk_events_sequence_unique') {
    return new CentralServiceError('central.sequence_conflict', error.detail, { cause: error });
  }
  if (error.constraint === 'recibos_pagados_justificante_unique') {
    return new CentralServiceError('central.justificante_conflict', error.detail, { cause: error });
  }
  if (error.code === 'central_db.invalid_value' || error.code === 'central_db.check_violation') {
    return new CentralServiceError('central.bad_request', error.detail, { cause: error });
  }
  return error;
}

/**
 * Stores a validated batch from the kiosk the TLS layer names, if its row admits it (else the refusal
 * of kiosk-auth.ts, nothing stored). Throws `CentralServiceError` (nothing stored) or `CentralDbError`.
 */
export async function ingestEvents(
  db: Database,
  peer: PeerFacts,
  events: readonly KioskEvent[],
  receivedAt: Date,
): Promise<IngestResult & { kiosk: KioskIdentity }> {
  checkBatch(events);
  const hasPayments = events.some((event) => event.type === RECIBO_PAGADO);
  const attempt = async (resent: boolean) => {
    // Without payments the batch is one statement, atomic by itself: no transaction round trips.
    const work = async (q: Queryable) => {
      const { kiosk, inserted } = await insertEvents(q, peer, events, receivedAt, resent);
      const refundRequired: string[] = [];
      if (hasPayments) {
        for (const event of events) {
          const id = inserted.get(event.key);
          if (id === undefined || event.type !== RECIBO_PAGADO) continue;
          if (await recordPayment(q, kiosk, id, event.payload as unknown as ReciboPagadoPayload)) {
            refundRequired.push(event.key);
          }
        }
      }
      return { kiosk, inserted, refundRequired };
    };
    return hasPayments ? db.transaction(work) : work(db);
  };
  try {
    let outcome: Awaited<ReturnType<typeof attempt>>;
    try {
      outcome = await attempt(false);
    } catch (error) {
      if (!metStoredEvent(error)) throw error;
      outcome = await attempt(true);
    }
    const { kiosk, inserted, refundRequired } = outcome;
    return {
      kiosk,
      stored: events.filter((e) => inserted.has(e.key)).map((e) => e.key),
      alreadyStored: events.filter((e) => !inserted.has(e.key)).map((e) => e.key),
      refundRequired,
    };
  } catch (error) {
    throw explain(error);
  }
}
