/**
 * "Pay my pending recibos" (issue 9): the recibos of which the identified citizen is the obligado, among
 * those of the kiosk's municipality, with `paid` when a kiosk already reported a payment.
 */
import type { Queryable } from '../db/index.ts';
import { SYNTHETIC_TRIBUTOS } from '../padron/synthetic-recibos.ts';
import { PAID_BY_A_KIOSK } from '../service/recibos.ts';

/** Most recibos listed at once: a screen's worth many times over. */
export const CITIZEN_RECIBOS_LIMIT = 200;

/**
 * Readable names of the tributo codes central knows. Only the demo padrón's codes for now ([VERIFY]
 * their meaning in Cuaderno 60 Anexo II, synthetic-recibos.ts); a real municipality supplies its list.
 */
const CONCEPTOS: Readonly<Record<string, string>> = {
  [SYNTHETIC_TRIBUTOS.ibi]: 'Impuesto sobre Bienes Inmuebles (IBI)',
  [SYNTHETIC_TRIBUTOS.vehiculos]: 'Impuesto sobre Vehículos de Tracción Mecánica',
  [SYNTHETIC_TRIBUTOS.basuras]: 'Tasa de recogida de basuras',
};

export interface CitizenRecibo {
  readonly emisora: string;
  readonly referencia: string;
  readonly identificacion: string;
  readonly importeCents: number;
  /** `YYYY-MM-DD`; null for Modalidad 1, which has none. */
  readonly fechaLimite: string | null;
  readonly modalidad: 1 | 2;
  readonly tributo: string;
  readonly ejercicio: number;
  readonly barcode: string;
  /** What the recibo is for, when central can name it. */
  readonly concepto: string | null;
  /** A kiosk already reported a payment of it. */
  readonly paid: boolean;
}

interface Row {
  emisora: string;
  referencia: string;
  identificacion: string;
  importe_cents: number;
  fecha_limite: string | null;
  modalidad: number;
  tributo: string;
  ejercicio: number;
  barcode: string;
  paid: boolean;
}

export async function citizenPendingRecibos(
  q: Queryable,
  personaId: number,
  municipality: string,
): Promise<CitizenRecibo[]> {
  const { rows } = await q.query<Row>(
    `SELECT r.emisora, r.referencia, r.identificacion, r.importe_cents, r.fecha_limite, r.modalidad, r.tributo,
            r.ejercicio, r.barcode, ${PAID_BY_A_KIOSK} AS paid
       FROM recibos_pendientes r
      WHERE r.persona_id = $1 AND substr(r.emisora, 1, 5) = $2
      ORDER BY r.fecha_limite NULLS LAST, r.referencia, r.emisora
      LIMIT $3`,
    [personaId, municipality, CITIZEN_RECIBOS_LIMIT],
  );
  return rows.map((row) => ({
    emisora: row.emisora,
    referencia: row.referencia,
    identificacion: row.identificacion,
    importeCents: row.importe_cents,
    fechaLimite: row.fecha_limite,
    modalidad: row.modalidad === 1 ? 1 : 2,
    tributo: row.tributo,
    ejercicio: row.ejercicio,
    barcode: row.barcode,
    concepto: CONCEPTOS[row.tributo] ?? null,
    paid: row.paid,
  }));
}
