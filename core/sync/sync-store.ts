/**
 * The sync client's reads and writes on the kiosk store. The outbox is the state: what is unsent is
 * sent again after any restart. Marking sent goes through the ledger (`PaymentLedger.markSent`, which
 * also moves a settled payment to `synced`); the paid-recibo deltas and their cursor are written in one
 * transaction, so a crash never leaves a cursor ahead of the recibos it covers.
 */
import { type PaymentLedger, reciboKey } from '../payments/index.ts';
import type { KioskStore } from '../store/index.ts';
import type { CentralConfig } from './central-config.ts';
import type { PaidReciboWire } from './contract.ts';
import type { OutboxEvent } from './event-mapping.ts';

export interface SyncStateRow {
  readonly paidCursor: string;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly lastFailureCode: string | null;
  readonly lastFailureDetail: string | null;
}

/** The stored configuration from central, as written (parsed again by the reader). */
export interface StoredCentralConfig {
  readonly version: string;
  readonly json: string;
  readonly fetchedAt: string;
}

export class SyncStore {
  readonly #store: KioskStore;
  readonly #ledger: PaymentLedger;

  constructor(store: KioskStore, ledger: PaymentLedger) {
    this.#store = store;
    this.#ledger = ledger;
  }

  /** Unsent events after `afterSequence`, in sequence order. */
  unsent(afterSequence: number, limit: number): OutboxEvent[] {
    const rows = this.#store.db
      .prepare(
        `SELECT event_id, sequence, type, payload, created_at FROM outbox
          WHERE sent_at IS NULL AND sequence > ? ORDER BY sequence LIMIT ?`,
      )
      .all(afterSequence, limit) as {
      event_id: string;
      sequence: number;
      type: string;
      payload: string;
      created_at: string;
    }[];
    return rows.map((r) => {
      let payload: unknown;
      try {
        payload = JSON.parse(r.payload);
      } catch {
        payload = undefined; // held back by the mapping, with its reason
      }
      return { eventId: r.event_id, sequence: r.sequence, type: r.type, payload, createdAt: r.created_at };
    });
  }

  pendingCount(): number {
    return (
      this.#store.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }
    ).n;
  }

  oldestUnsent(): { eventId: string; createdAt: string } | null {
    const row = this.#store.db
      .prepare('SELECT event_id, created_at FROM outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT 1')
      .get() as { event_id: string; created_at: string } | undefined;
    return row === undefined ? null : { eventId: row.event_id, createdAt: row.created_at };
  }

  markSent(eventIds: readonly string[], at: Date): void {
    for (const id of eventIds) this.#ledger.markSent(id, at);
  }

  state(): SyncStateRow {
    const row = this.#store.db
      .prepare(
        `SELECT paid_cursor AS paidCursor, last_success_at AS lastSuccessAt, last_failure_at AS lastFailureAt,
                last_failure_code AS lastFailureCode, last_failure_detail AS lastFailureDetail
           FROM sync_state WHERE id = 1`,
      )
      .get() as SyncStateRow | undefined;
    return (
      row ?? {
        paidCursor: '0',
        lastSuccessAt: null,
        lastFailureAt: null,
        lastFailureCode: null,
        lastFailureDetail: null,
      }
    );
  }

  /**
   * One page of paid-recibo deltas and the cursor after it, together. `complete` (the last page) sets
   * the instant the list is known complete for (`paid_list_meta`, read by the offline rules).
   */
  applyPaidPage(
    recibos: readonly PaidReciboWire[],
    cursor: string,
    complete: Date | undefined,
    receivedAt: Date,
  ): void {
    this.#store.write(() => {
      const paidRecibo = this.#store.db.prepare(
        `INSERT INTO paid_recibos (recibo_key, paid_at) VALUES (?, ?)
         ON CONFLICT (recibo_key) DO UPDATE SET paid_at = MIN(COALESCE(paid_at, excluded.paid_at), excluded.paid_at)`,
      );
      // The first payment of a recibo is the one that counts; a later one (flagged for refund) only
      // makes sure the recibo is in the list.
      const payer = this.#store.db.prepare(
        `INSERT INTO paid_recibo_payments (recibo_key, justificante_csv, kiosk_id) VALUES (?, ?, ?)
         ON CONFLICT (recibo_key) DO UPDATE SET justificante_csv = excluded.justificante_csv,
           kiosk_id = excluded.kiosk_id`,
      );
      for (const r of recibos) {
        const key = reciboKey(r);
        paidRecibo.run(key, r.paidAt);
        if (!r.refundRequired) payer.run(key, r.justificanteCsv, r.kioskId);
      }
      this.#store.db.prepare('UPDATE sync_state SET paid_cursor = ? WHERE id = 1').run(cursor);
      if (complete !== undefined) {
        this.#store.db
          .prepare(
            `INSERT INTO paid_list_meta (id, as_of, received_at) VALUES (1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, received_at = excluded.received_at`,
          )
          .run(complete.toISOString(), receivedAt.toISOString());
      }
    });
  }

  /**
   * True when central's list says the recibo was paid by another payment than `p` (another kiosk, or
   * another justificante of this one): the reversal rule `paidElsewhere` (core/payments/settle.ts).
   * The kiosk's own payment, synced back in the list, is not "elsewhere".
   */
  paidElsewhere(p: { readonly reciboKey: string; readonly csv: string }): boolean {
    const row = this.#store.db
      .prepare(
        `SELECT w.justificante_csv FROM paid_recibos r JOIN paid_recibo_payments w ON w.recibo_key = r.recibo_key
          WHERE r.recibo_key = ?`,
      )
      .get(p.reciboKey) as { justificante_csv: string } | undefined;
    return row !== undefined && row.justificante_csv !== p.csv;
  }

  recordSuccess(at: Date): void {
    this.#store.write(() => {
      this.#store.db.prepare('UPDATE sync_state SET last_success_at = ? WHERE id = 1').run(at.toISOString());
    });
  }

  recordFailure(at: Date, code: string, detail: string): void {
    this.#store.write(() => {
      this.#store.db
        .prepare(
          'UPDATE sync_state SET last_failure_at = ?, last_failure_code = ?, last_failure_detail = ? WHERE id = 1',
        )
        .run(at.toISOString(), code, detail.slice(0, 500));
    });
  }

  storedCentralConfig(): StoredCentralConfig | null {
    const row = this.#store.db
      .prepare('SELECT version, config AS json, fetched_at AS fetchedAt FROM central_config WHERE id = 1')
      .get() as StoredCentralConfig | undefined;
    return row ?? null;
  }

  /**
   * Keeps central's configuration; writes only when its version differs from the stored one (so
   * `fetched_at` is when this version arrived). True when it was written.
   */
  saveCentralConfig(config: CentralConfig, at: Date): boolean {
    return this.#store.write(() => {
      const { changes } = this.#store.db
        .prepare(
          `INSERT INTO central_config (id, version, config, fetched_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, config = excluded.config,
             fetched_at = excluded.fetched_at
           WHERE central_config.version <> excluded.version`,
        )
        .run(config.version, JSON.stringify(config), at.toISOString());
      return changes > 0;
    });
  }
}
