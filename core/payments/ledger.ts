/**
 * The payment ledger over the kiosk store: each state change is one `BEGIN IMMEDIATE` transaction that
 * updates the payment, appends to `payment_events` and, for the states central must hear about, writes
 * the outbox event (README.md, "Outbox"). Pure data access: no device, no clock of its own.
 */
import type { KioskStore } from '../store/index.ts';
import { LedgerError } from './errors.ts';
import {
  CHARGED_STATES,
  canTransition,
  LIVE_STATES,
  OUTBOX_EVENT_FOR,
  type PaymentState,
  UNRESOLVED_STATES,
} from './states.ts';

export interface ReciboRef {
  readonly reciboKey: string;
  readonly modalidad: 1 | 2;
  readonly emisora: string;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly tributo: string;
  readonly ejercicio: number;
}

export interface NewPayment extends ReciboRef {
  readonly id: string;
  readonly amountCents: number;
  readonly csv: string;
  readonly offline: boolean;
}

/** What the terminal said about an approved (or reversed) card transaction. */
export interface TerminalFacts {
  readonly terminalId?: string | undefined;
  readonly receiptNo?: number | undefined;
  readonly traceNo?: number | undefined;
  readonly authorisationCode?: string | undefined;
  readonly cardName?: string | undefined;
  readonly maskedPan?: string | undefined;
}

export interface PaymentRow extends ReciboRef {
  readonly id: string;
  readonly amountCents: number;
  readonly state: PaymentState;
  readonly csv: string;
  readonly offline: boolean;
  readonly terminalId: string | null;
  readonly receiptNo: number | null;
  readonly traceNo: number | null;
  readonly authorisationCode: string | null;
  readonly cardName: string | null;
  readonly maskedPan: string | null;
  readonly refusalCode: string | null;
  readonly attentionReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PaymentEventRow {
  readonly seq: number;
  readonly paymentId: string;
  readonly fromState: PaymentState | null;
  readonly toState: PaymentState;
  readonly at: string;
  readonly detail: string | null;
}

export interface OutboxRow {
  readonly eventId: string;
  readonly type: string;
  readonly paymentId: string | null;
  readonly payload: unknown;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export interface TransitionChange {
  readonly terminal?: TerminalFacts;
  readonly refusalCode?: string;
  readonly attentionReason?: string;
  /** For payment_events: why, for the technician. */
  readonly detail?: string;
}

/**
 * Only the last four digits survive (PCI DSS): `**** 1234`. Whatever the terminal sent, the ledger
 * never holds more.
 */
export function maskPan(pan: string | undefined): string | undefined {
  if (pan === undefined) return undefined;
  const digits = pan.replace(/[^0-9]/gu, '');
  return digits.length === 0 ? undefined : `**** ${digits.slice(-4)}`;
}

interface RawRow {
  id: string;
  recibo_key: string;
  modalidad: 1 | 2;
  emisora: string;
  referencia: string;
  referencia_control: string;
  identificacion: string;
  tributo: string;
  ejercicio: number;
  amount_cents: number;
  state: PaymentState;
  csv: string;
  offline: 0 | 1;
  terminal_id: string | null;
  terminal_receipt_no: number | null;
  terminal_trace_no: number | null;
  authorisation_code: string | null;
  card_name: string | null;
  masked_pan: string | null;
  refusal_code: string | null;
  attention_reason: string | null;
  created_at: string;
  updated_at: string;
}

function fromRaw(r: RawRow): PaymentRow {
  return {
    id: r.id,
    reciboKey: r.recibo_key,
    modalidad: r.modalidad,
    emisora: r.emisora,
    referencia: r.referencia,
    referenciaControl: r.referencia_control,
    identificacion: r.identificacion,
    tributo: r.tributo,
    ejercicio: r.ejercicio,
    amountCents: r.amount_cents,
    state: r.state,
    csv: r.csv,
    offline: r.offline === 1,
    terminalId: r.terminal_id,
    receiptNo: r.terminal_receipt_no,
    traceNo: r.terminal_trace_no,
    authorisationCode: r.authorisation_code,
    cardName: r.card_name,
    maskedPan: r.masked_pan,
    refusalCode: r.refusal_code,
    attentionReason: r.attention_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const inList = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');

export class PaymentLedger {
  readonly store: KioskStore;

  constructor(store: KioskStore) {
    this.store = store;
  }

  /** Inserts a payment in `created` (with its first event). The schema refuses a second live payment of a recibo. */
  create(p: NewPayment, at: Date): PaymentRow {
    const iso = at.toISOString();
    this.store.write(() => {
      const live = this.liveForRecibo(p.reciboKey);
      if (live !== undefined)
        throw new LedgerError(`recibo already has live payment ${live.id} (${live.state})`);
      this.store.db
        .prepare(
          `INSERT INTO payments (id, recibo_key, modalidad, emisora, referencia, referencia_control, identificacion,
             tributo, ejercicio, amount_cents, state, csv, offline, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?)`,
        )
        .run(
          p.id,
          p.reciboKey,
          p.modalidad,
          p.emisora,
          p.referencia,
          p.referenciaControl,
          p.identificacion,
          p.tributo,
          p.ejercicio,
          p.amountCents,
          p.csv,
          p.offline ? 1 : 0,
          iso,
          iso,
        );
      this.#event(p.id, null, 'created', iso, null);
    });
    return this.#mustGet(p.id);
  }

  /**
   * Moves a payment from one of `from` to `to` in one transaction (state, event, outbox). Returns the new
   * row, or `undefined` when the payment is no longer in one of `from` (another path already moved it:
   * the caller re-reads instead of doing the step twice).
   */
  transition(
    id: string,
    from: readonly PaymentState[],
    to: PaymentState,
    at: Date,
    change: TransitionChange = {},
  ): PaymentRow | undefined {
    const iso = at.toISOString();
    const moved = this.store.write(() => {
      const current = this.get(id);
      if (current === undefined) throw new LedgerError(`no payment ${id}`);
      if (!from.includes(current.state)) return false;
      if (!canTransition(current.state, to)) {
        throw new LedgerError(`payment ${id}: ${current.state} → ${to} is not a transition`);
      }
      const t = change.terminal;
      this.store.db
        .prepare(
          `UPDATE payments SET state = ?, updated_at = ?,
             terminal_id = COALESCE(?, terminal_id), terminal_receipt_no = COALESCE(?, terminal_receipt_no),
             terminal_trace_no = COALESCE(?, terminal_trace_no), authorisation_code = COALESCE(?, authorisation_code),
             card_name = COALESCE(?, card_name), masked_pan = COALESCE(?, masked_pan),
             refusal_code = COALESCE(?, refusal_code), attention_reason = COALESCE(?, attention_reason)
           WHERE id = ?`,
        )
        .run(
          to,
          iso,
          t?.terminalId ?? null,
          t?.receiptNo ?? null,
          t?.traceNo ?? null,
          t?.authorisationCode ?? null,
          t?.cardName ?? null,
          maskPan(t?.maskedPan) ?? null,
          change.refusalCode ?? null,
          change.attentionReason ?? null,
          id,
        );
      this.#event(id, current.state, to, iso, change.detail ?? null);
      const type = OUTBOX_EVENT_FOR[to];
      if (type !== undefined) {
        const row = this.#mustGet(id);
        this.store.db
          .prepare(
            'INSERT INTO outbox (event_id, type, payment_id, payload, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(`${id}.${to}`, type, id, JSON.stringify(outboxPayload(row)), iso);
      }
      return true;
    });
    return moved ? this.#mustGet(id) : undefined;
  }

  get(id: string): PaymentRow | undefined {
    const raw = this.store.db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as RawRow | undefined;
    return raw === undefined ? undefined : fromRaw(raw);
  }

  /** Payments created in [from, to) (ISO instants), oldest first. */
  listBetween(from: Date, to: Date): PaymentRow[] {
    const rows = this.store.db
      .prepare('SELECT * FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id')
      .all(from.toISOString(), to.toISOString()) as RawRow[];
    return rows.map(fromRaw);
  }

  all(): PaymentRow[] {
    return (this.store.db.prepare('SELECT * FROM payments ORDER BY created_at, id').all() as RawRow[]).map(
      fromRaw,
    );
  }

  /** Payments start-up recovery must resolve, oldest first. */
  unresolved(): PaymentRow[] {
    const rows = this.store.db
      .prepare(`SELECT * FROM payments WHERE state IN (${inList(UNRESOLVED_STATES)}) ORDER BY created_at, id`)
      .all() as RawRow[];
    return rows.map(fromRaw);
  }

  liveForRecibo(reciboKey: string): PaymentRow | undefined {
    const raw = this.store.db
      .prepare(`SELECT * FROM payments WHERE recibo_key = ? AND state IN (${inList(LIVE_STATES)})`)
      .get(reciboKey) as RawRow | undefined;
    return raw === undefined ? undefined : fromRaw(raw);
  }

  /**
   * The most recent payment the terminal booked, if it is the transaction `t` describes: same receipt
   * number, amount and (when both are known) authorisation code and terminal. Receipt numbers alone are
   * not enough: many terminals restart them after End-of-Day.
   */
  latestBookedMatching(t: {
    readonly receiptNo: number;
    readonly amountCents: number;
    readonly authorisationCode?: string | undefined;
    readonly terminalId?: string | undefined;
  }): PaymentRow | undefined {
    const raw = this.store.db
      .prepare(
        'SELECT * FROM payments WHERE terminal_receipt_no IS NOT NULL ORDER BY updated_at DESC, created_at DESC LIMIT 1',
      )
      .get() as RawRow | undefined;
    if (raw === undefined) return undefined;
    const p = fromRaw(raw);
    const same = (a: string | null, b: string | undefined) => a === null || b === undefined || a === b;
    return p.receiptNo === t.receiptNo &&
      p.amountCents === t.amountCents &&
      same(p.authorisationCode, t.authorisationCode) &&
      same(p.terminalId, t.terminalId)
      ? p
      : undefined;
  }

  events(paymentId: string): PaymentEventRow[] {
    return this.store.db
      .prepare(
        `SELECT seq, payment_id AS paymentId, from_state AS fromState, to_state AS toState, at, detail
         FROM payment_events WHERE payment_id = ? ORDER BY seq`,
      )
      .all(paymentId) as PaymentEventRow[];
  }

  outbox(paymentId?: string): OutboxRow[] {
    const rows = this.store.db
      .prepare(
        `SELECT event_id AS eventId, type, payment_id AS paymentId, payload, created_at AS createdAt,
           sent_at AS sentAt FROM outbox WHERE (? IS NULL OR payment_id = ?) ORDER BY created_at, event_id`,
      )
      .all(paymentId ?? null, paymentId ?? null) as (Omit<OutboxRow, 'payload'> & { payload: string })[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
  }

  /** Approved payments central has not acknowledged yet (the offline count). */
  unsyncedChargedCount(): number {
    const row = this.store.db
      .prepare(`SELECT COUNT(*) AS n FROM outbox WHERE type = 'payment.approved' AND sent_at IS NULL`)
      .get() as { n: number };
    return row.n;
  }

  /** Central acknowledged the event; a charged payment whose approval central has becomes `synced`. */
  markSent(eventId: string, at: Date): void {
    const iso = at.toISOString();
    this.store.write(() => {
      const row = this.store.db
        .prepare('SELECT payment_id, type FROM outbox WHERE event_id = ?')
        .get(eventId) as { payment_id: string | null; type: string } | undefined;
      if (row === undefined) throw new LedgerError(`no outbox event ${eventId}`);
      this.store.db
        .prepare('UPDATE outbox SET sent_at = COALESCE(sent_at, ?) WHERE event_id = ?')
        .run(iso, eventId);
      if (row.type === 'payment.approved' && row.payment_id !== null) {
        this.transition(row.payment_id, ['justificante_printed', 'justificante_failed'], 'synced', at, {
          detail: `central acknowledged ${eventId}`,
        });
      }
    });
  }

  /** Replaces the paid-recibo list from central, with the instant central vouches for. */
  replacePaidList(
    asOf: Date,
    receivedAt: Date,
    recibos: readonly { reciboKey: string; paidAt?: string }[],
  ): void {
    this.store.write(() => {
      this.store.db.prepare('DELETE FROM paid_recibos').run();
      const insert = this.store.db.prepare(
        'INSERT OR REPLACE INTO paid_recibos (recibo_key, paid_at) VALUES (?, ?)',
      );
      for (const r of recibos) insert.run(r.reciboKey, r.paidAt ?? null);
      this.store.db
        .prepare(
          `INSERT INTO paid_list_meta (id, as_of, received_at) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, received_at = excluded.received_at`,
        )
        .run(asOf.toISOString(), receivedAt.toISOString());
    });
  }

  paidListAsOf(): Date | undefined {
    const row = this.store.db.prepare('SELECT as_of FROM paid_list_meta WHERE id = 1').get() as
      | { as_of: string }
      | undefined;
    return row === undefined ? undefined : new Date(row.as_of);
  }

  inPaidList(reciboKey: string): boolean {
    return (
      this.store.db.prepare('SELECT 1 FROM paid_recibos WHERE recibo_key = ?').get(reciboKey) !== undefined
    );
  }

  /** True when some payment of this recibo was charged and stands. */
  chargedForRecibo(reciboKey: string): boolean {
    return (
      this.store.db
        .prepare(`SELECT 1 FROM payments WHERE recibo_key = ? AND state IN (${inList(CHARGED_STATES)})`)
        .get(reciboKey) !== undefined
    );
  }

  #event(id: string, from: PaymentState | null, to: PaymentState, iso: string, detail: string | null): void {
    this.store.db
      .prepare(
        'INSERT INTO payment_events (payment_id, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, from, to, iso, detail);
  }

  #mustGet(id: string): PaymentRow {
    const row = this.get(id);
    if (row === undefined) throw new LedgerError(`no payment ${id}`);
    return row;
  }
}

/** What central receives: the cobro, never card data beyond the masked PAN. */
function outboxPayload(p: PaymentRow): Record<string, unknown> {
  return {
    paymentId: p.id,
    state: p.state,
    recibo: {
      modalidad: p.modalidad,
      emisora: p.emisora,
      referencia: p.referencia,
      referenciaControl: p.referenciaControl,
      identificacion: p.identificacion,
    },
    amountCents: p.amountCents,
    csv: p.csv,
    offline: p.offline,
    terminal: {
      terminalId: p.terminalId,
      receiptNo: p.receiptNo,
      traceNo: p.traceNo,
      authorisationCode: p.authorisationCode,
      maskedPan: p.maskedPan,
    },
    attentionReason: p.attentionReason,
    updatedAt: p.updatedAt,
  };
}
