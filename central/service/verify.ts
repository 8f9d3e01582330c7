/**
 * Public verification of a printed document by its CSV (Ley 40/2015 art. 42.b; RD 203/2021 art. 21:
 * direct and free; spanish-formats.md §5): a volante central issued, or a payment justificante a kiosk
 * printed and reported through sync. Shows what the document says and no more; the identity document
 * is masked as core/identity's `maskDni` does (LOPDGDD DA 7ª).
 */
import { createHash } from 'node:crypto';
import { maskDni } from '../../core/identity/index.ts';
import { checkSeal } from '../citizen/seal.ts';
import type { Database } from '../db/index.ts';

export interface VolanteVerification {
  readonly found: true;
  readonly kind: 'volante';
  readonly csv: string;
  readonly municipality: string;
  readonly tipo: 'individual' | 'colectivo';
  readonly issuedAt: string;
  readonly validUntil: string;
  /** Still within the validity printed on it. */
  readonly current: boolean;
  readonly titular: { readonly nombre: string; readonly documento: string | null };
  readonly domicilio: string;
  /** SHA-256 of the canonical printed data: lets a second system compare contents. */
  readonly dataHash: string;
  /**
   * The municipality's seal over the stored document: `valid` when the CMS signature verifies over
   * exactly the stored canonical data, that data hashes to `dataHash`, and the signer is the
   * municipality's configured seal certificate (when central knows it); `invalid` otherwise; `absent`
   * for a volante stored without one (before migration 6).
   */
  readonly seal: 'valid' | 'invalid' | 'absent';
  /**
   * The legal note printed at the volante's foot, from the stored document (so the page shows what the
   * paper says); null when it printed none or was issued before the texts were sealed in it.
   */
  readonly pieVolante: string | null;
}

export interface JustificanteVerification {
  readonly found: true;
  readonly kind: 'justificante';
  readonly csv: string;
  readonly municipality: string;
  readonly kioskId: string;
  readonly paidAt: string;
  readonly emisora: string;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly importeCents: number;
  readonly authorisationCode: string | null;
  readonly terminalId: string | null;
  readonly receiptNumber: number | null;
  /** The recibo had already been paid: this payment is to be refunded. */
  readonly refundRequired: boolean;
}

export type Verification =
  | VolanteVerification
  | JustificanteVerification
  | { readonly found: false; readonly csv: string };

const CSV = /^[A-Z0-9]{12,40}$/;

/**
 * The CSV in what a person typed or a scanner read: upper case, spaces and hyphens dropped, and from a
 * verification URL (a scanned QR) its `csv` parameter or last path segment. Undefined when it is not one.
 */
export function normalizeCsv(input: string): string | undefined {
  let text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      text = url.searchParams.get('csv') ?? url.pathname.split('/').filter(Boolean).at(-1) ?? '';
    } catch {
      return undefined;
    }
  }
  const csv = text.replace(/[\s-]+/g, '').toUpperCase();
  return CSV.test(csv) ? csv : undefined;
}

interface VolanteRow {
  id: number;
  csv: string;
  kind: 'individual' | 'colectivo';
  issued_at: Date;
  valid_until: Date;
  data_hash: string;
  document: string | null;
  seal: string | null;
  municipality_code: string;
  municipality: string;
  nombre: string;
  apellido1: string;
  apellido2: string | null;
  documento: string | null;
  tipo_via: string;
  nombre_via: string;
  numero: number | null;
  codigo_postal: string;
}

interface PagoRow {
  justificante_csv: string;
  municipality: string;
  kiosk_id: string;
  paid_at: Date;
  emisora: string;
  referencia: string;
  referencia_control: string;
  identificacion: string;
  importe_cents: number;
  authorisation_code: string | null;
  terminal_id: string | null;
  terminal_receipt_number: number | null;
  refund_required: boolean;
}

function storedPie(document: string | null): string | null {
  if (document === null) return null;
  try {
    const pie = (JSON.parse(document) as { textos?: { pieVolante?: unknown } }).textos?.pieVolante;
    return typeof pie === 'string' ? pie : null;
  } catch {
    // A stored document that is not JSON also fails its seal check, which the page reports.
    return null;
  }
}

async function sealState(
  row: VolanteRow,
  sealFingerprintOf: ((ineCode: string) => string | undefined) | undefined,
): Promise<VolanteVerification['seal']> {
  if (row.document === null || row.seal === null) return 'absent';
  const content = new TextEncoder().encode(row.document);
  if (createHash('sha256').update(content).digest('hex') !== row.data_hash) return 'invalid';
  const check = await checkSeal(new Uint8Array(Buffer.from(row.seal, 'base64')), content);
  if (!check.valid) return 'invalid';
  const expected = sealFingerprintOf?.(row.municipality_code);
  return expected === undefined || expected === check.signerFingerprint ? 'valid' : 'invalid';
}

/**
 * Looks the CSV up; a volante found is logged in `access_log` as a public verification, and its seal
 * checked (against `sealFingerprintOf`'s certificate when given).
 */
export async function verifyCsv(
  db: Database,
  csv: string,
  now: Date,
  sealFingerprintOf?: (ineCode: string) => string | undefined,
): Promise<Verification> {
  const volantes = await db.query<VolanteRow>(
    `SELECT v.id, v.csv, v.kind, v.issued_at, v.valid_until, v.data_hash, v.document, v.seal,
            d.municipality_code, m.name AS municipality,
            p.nombre, p.apellido1, p.apellido2, p.documento, d.tipo_via, d.nombre_via, d.numero, d.codigo_postal
       FROM volantes v
       JOIN personas p ON p.id = v.persona_id
       JOIN domicilios d ON d.id = v.domicilio_id
       JOIN municipalities m ON m.ine_code = d.municipality_code
      WHERE v.csv = $1`,
    [csv],
  );
  const volante = volantes.rows[0];
  if (volante !== undefined) {
    await db.query(
      `INSERT INTO access_log (occurred_at, actor, action, volante_id) VALUES ($1, 'public', 'volante_verified', $2)`,
      [now, volante.id],
    );
    return {
      found: true,
      kind: 'volante',
      csv: volante.csv,
      municipality: volante.municipality,
      tipo: volante.kind,
      issuedAt: volante.issued_at.toISOString(),
      validUntil: volante.valid_until.toISOString(),
      current: volante.valid_until.getTime() > now.getTime(),
      titular: {
        nombre: [volante.nombre, volante.apellido1, volante.apellido2].filter(Boolean).join(' '),
        documento: volante.documento === null ? null : maskDni(volante.documento),
      },
      domicilio: `${volante.tipo_via} ${volante.nombre_via}${volante.numero === null ? ' s/n' : ` ${volante.numero}`}, ${volante.codigo_postal}`,
      dataHash: volante.data_hash,
      seal: await sealState(volante, sealFingerprintOf),
      pieVolante: storedPie(volante.document),
    };
  }
  const pagos = await db.query<PagoRow>(
    `SELECT p.justificante_csv, m.name AS municipality, p.kiosk_id, p.paid_at, p.emisora, p.referencia,
            p.referencia_control, p.identificacion, p.importe_cents, p.authorisation_code, p.terminal_id,
            p.terminal_receipt_number, p.refund_required
       FROM recibos_pagados p
       JOIN kiosks k ON k.id = p.kiosk_id
       JOIN municipalities m ON m.ine_code = k.municipality_code
      WHERE p.justificante_csv = $1`,
    [csv],
  );
  const pago = pagos.rows[0];
  if (pago === undefined) return { found: false, csv };
  return {
    found: true,
    kind: 'justificante',
    csv: pago.justificante_csv,
    municipality: pago.municipality,
    kioskId: pago.kiosk_id,
    paidAt: pago.paid_at.toISOString(),
    emisora: pago.emisora,
    referencia: pago.referencia,
    referenciaControl: pago.referencia_control,
    identificacion: pago.identificacion,
    importeCents: pago.importe_cents,
    authorisationCode: pago.authorisation_code,
    terminalId: pago.terminal_id,
    receiptNumber: pago.terminal_receipt_number,
    refundRequired: pago.refund_required,
  };
}
