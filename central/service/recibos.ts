/**
 * What a kiosk reads about recibos, always limited to its own municipality: the paid-recibo deltas
 * (so that offline it refuses a recibo another kiosk already took) and the pending recibos.
 */
import type { PaidReciboWire } from '../../core/sync/contract.ts';
import type { Queryable } from '../db/index.ts';

/** A paid recibo as kiosks read it: the kiosk's own wire type. */
export type PaidRecibo = PaidReciboWire;

export interface PaidRecibosPage {
  readonly recibos: PaidRecibo[];
  /** Pass back as `since` to get what came after; unchanged when nothing new. */
  readonly cursor: string;
  /** More rows wait beyond this page. */
  readonly more: boolean;
}

interface PaidRow {
  id: number;
  emisora: string;
  referencia: string;
  referencia_control: string;
  identificacion: string;
  importe_cents: number;
  paid_at: Date;
  kiosk_id: string;
  justificante_csv: string;
  refund_required: boolean;
}

/**
 * Paid recibos of the municipality with id above `since`. Ids are a safe cursor because payments of a
 * municipality are inserted one transaction after another (ingest.ts, `recordPayment`).
 */
export async function paidRecibosSince(
  q: Queryable,
  municipality: string,
  since: number,
  limit: number,
): Promise<PaidRecibosPage> {
  const { rows } = await q.query<PaidRow>(
    `SELECT p.id, p.emisora, p.referencia, p.referencia_control, p.identificacion, p.importe_cents, p.paid_at,
            p.kiosk_id, p.justificante_csv, p.refund_required
       FROM recibos_pagados p JOIN kiosks k ON k.id = p.kiosk_id
      WHERE k.municipality_code = $1 AND p.id > $2
      ORDER BY p.id LIMIT $3`,
    [municipality, since, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    recibos: page.map((row) => ({
      emisora: row.emisora,
      referencia: row.referencia,
      referenciaControl: row.referencia_control,
      identificacion: row.identificacion,
      importeCents: row.importe_cents,
      paidAt: row.paid_at.toISOString(),
      kioskId: row.kiosk_id,
      justificanteCsv: row.justificante_csv,
      refundRequired: row.refund_required,
    })),
    cursor: String(page.at(-1)?.id ?? since),
    more: rows.length > limit,
  };
}

/** SQL: whether a kiosk reported a payment of the pending recibo `r` (whoever paid it, however often). */
export const PAID_BY_A_KIOSK =
  'EXISTS (SELECT 1 FROM recibos_pagados p WHERE p.emisora = r.emisora AND p.referencia = r.referencia)';

export interface PendingRecibo {
  readonly id: number;
  readonly emisora: string;
  readonly modalidad: 1 | 2;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly tributo: string;
  readonly ejercicio: number;
  readonly importeCents: number;
  readonly fechaLimite: string | null;
  readonly barcode: string;
  /** A kiosk already reported a payment of it. */
  readonly paid: boolean;
}

export interface PendingRecibosQuery {
  readonly emisora?: string;
  readonly referencia?: string;
  /** Id of the last recibo of the previous page. */
  readonly after: number;
  readonly limit: number;
}

interface PendingRow {
  id: number;
  emisora: string;
  modalidad: number;
  referencia: string;
  referencia_control: string;
  identificacion: string;
  tributo: string;
  ejercicio: number;
  importe_cents: number;
  fecha_limite: string | null;
  barcode: string;
  paid: boolean;
}

/**
 * Pending recibos of the municipality: those whose emisora is the municipality's (first 5 digits = its
 * INE code, as core/recibos builds an ayuntamiento's emisora; [VERIFY] a municipality with emisoras of
 * other bodies would need an emisora table). The obligado is not sent: the kiosk does not need it.
 */
export async function pendingRecibos(
  q: Queryable,
  municipality: string,
  query: PendingRecibosQuery,
): Promise<{ recibos: PendingRecibo[]; more: boolean }> {
  const { rows } = await q.query<PendingRow>(
    `SELECT r.id, r.emisora, r.modalidad, r.referencia, r.referencia_control, r.identificacion, r.tributo,
            r.ejercicio, r.importe_cents, r.fecha_limite, r.barcode,
            ${PAID_BY_A_KIOSK} AS paid
       FROM recibos_pendientes r
      WHERE substr(r.emisora, 1, 5) = $1 AND r.id > $2
        AND ($3::text IS NULL OR r.emisora = $3) AND ($4::text IS NULL OR r.referencia = $4)
      ORDER BY r.id LIMIT $5`,
    [municipality, query.after, query.emisora ?? null, query.referencia ?? null, query.limit + 1],
  );
  return {
    recibos: rows.slice(0, query.limit).map((row) => ({
      id: row.id,
      emisora: row.emisora,
      modalidad: row.modalidad === 1 ? 1 : 2,
      referencia: row.referencia,
      referenciaControl: row.referencia_control,
      identificacion: row.identificacion,
      tributo: row.tributo,
      ejercicio: row.ejercicio,
      importeCents: row.importe_cents,
      fechaLimite: row.fecha_limite,
      barcode: row.barcode,
      paid: row.paid,
    })),
    more: rows.length > query.limit,
  };
}
