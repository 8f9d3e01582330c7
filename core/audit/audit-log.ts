/**
 * The kiosk's audit chain (issue 9 item 5) over the kiosk store: append-only, each entry hashing the
 * one before (canonical.ts), each written with its copy for central in the outbox in ONE transaction,
 * so an entry exists locally iff it is queued for central, and central stores it once (its idempotency
 * key is the outbox event id). The head is read inside the writing transaction (`BEGIN IMMEDIATE`),
 * so several connections to the store (core, control server, kioskctl) never fork the chain.
 */
import type { KioskStore } from '../store/index.ts';
import { canonicalJson, entryHash, genesisHash } from './canonical.ts';
import { AuditError } from './errors.ts';
import { type AuditData, type AuditKind, checkAuditData, isAuditKind } from './kinds.ts';
import { type AuditEntryRow, type AuditVerification, verifyAuditChain } from './verify.ts';

export const AUDIT_EVENT_TYPE = 'audit.entry';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly data: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditLogOptions {
  readonly kioskId: string;
  readonly now?: () => Date;
}

/** The outbox event id: the key central deduplicates on. The hash prefix keeps a reinstalled kiosk's
 * new chain (seq from 1 again) from being taken for the old one's entries. */
export function auditEventId(entry: { readonly seq: number; readonly hash: string }): string {
  return `audit-${entry.seq}-${entry.hash.slice(0, 16)}`;
}

export class AuditLog {
  readonly #store: KioskStore;
  readonly #kioskId: string;
  readonly #now: () => Date;

  constructor(store: KioskStore, options: AuditLogOptions) {
    this.#store = store;
    this.#kioskId = options.kioskId;
    this.#now = options.now ?? (() => new Date());
  }

  get kioskId(): string {
    return this.#kioskId;
  }

  /** Appends one entry (and its outbox copy) durably; refuses an unknown kind or data not allowed. */
  append<K extends AuditKind>(kind: K, data: AuditData<K>): AuditEntry {
    return this.#write(() => this.#insert(kind, data));
  }

  /**
   * `append` for callers that hold the kind as a plain string (core/session's `audit(kind, data)`
   * hook): the same checks at run time, the same refusals.
   */
  record(kind: string, data: unknown): AuditEntry {
    return this.#write(() => this.#insert(kind, data));
  }

  /**
   * Records the payment ledger's state changes not yet in the chain (payment_events after the cursor),
   * with the cursor, in one transaction: a crash between a payment's commit and this call loses
   * nothing, and a second call records nothing twice. Returns the entries appended.
   */
  recordPayments(limit = 500): AuditEntry[] {
    return this.#write(() => {
      const db = this.#store.db;
      const cursor = (
        db.prepare('SELECT payment_event_seq AS n FROM audit_cursor WHERE id = 1').get() as { n: number }
      ).n;
      const rows = db
        .prepare(
          `SELECT e.seq, e.from_state, e.to_state, p.id, p.emisora, p.referencia, p.amount_cents, p.csv,
                  p.offline, p.refusal_code
             FROM payment_events e JOIN payments p ON p.id = e.payment_id
            WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
        )
        .all(cursor, limit) as {
        seq: number;
        from_state: string | null;
        to_state: string;
        id: string;
        emisora: string;
        referencia: string;
        amount_cents: number;
        csv: string;
        offline: number;
        refusal_code: string | null;
      }[];
      const appended = rows.map((r) => {
        const kind = `payment.${r.to_state}`;
        if (!isAuditKind(kind)) throw new AuditError('audit.kind_unknown', kind);
        const code = r.to_state === 'declined' ? auditCode(r.refusal_code) : undefined;
        return this.#insert(kind, {
          paymentId: r.id,
          from: r.from_state,
          emisora: r.emisora,
          referencia: r.referencia,
          amountCents: r.amount_cents,
          csv: r.csv,
          offline: r.offline === 1,
          ledgerSeq: r.seq,
          ...(code === undefined ? {} : { code }),
        } as AuditData<'payment.approved'>);
      });
      const last = rows.at(-1);
      if (last !== undefined) {
        db.prepare('UPDATE audit_cursor SET payment_event_seq = ? WHERE id = 1').run(last.seq);
      }
      return appended;
    });
  }

  /** Central flagged these payments (outbox event ids `<payment id>.approved`) for refund. */
  recordRefundRequired(eventIds: readonly string[]): AuditEntry[] {
    return this.#write(() =>
      eventIds.map((key) => this.#insert('payment.refund_required', { paymentId: key.split('.')[0] ?? key })),
    );
  }

  /** The last entry, or null for an empty chain. */
  head(): AuditEntry | null {
    const row = this.#store.db
      .prepare('SELECT seq, at, kind, data, prev_hash, hash FROM audit_entries ORDER BY seq DESC LIMIT 1')
      .get() as AuditEntryRow | undefined;
    return row === undefined ? null : entryOf(row);
  }

  /** The last `last` entries (all when not given), oldest first. */
  list(options: { last?: number } = {}): AuditEntry[] {
    const rows = this.#store.db
      .prepare(
        `SELECT * FROM (SELECT seq, at, kind, data, prev_hash, hash FROM audit_entries
           ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
      )
      .all(options.last ?? -1) as AuditEntryRow[];
    return rows.map(entryOf);
  }

  verify(): AuditVerification {
    return verifyAuditChain(this.#store.db, this.#kioskId);
  }

  #write<T>(fn: () => T): T {
    if (this.#store.readOnly) throw new AuditError('audit.read_only', this.#store.file);
    return this.#store.write(fn);
  }

  /** Inside a write transaction. */
  #insert(kind: string, data: unknown): AuditEntry {
    if (!isAuditKind(kind)) throw new AuditError('audit.kind_unknown', kind);
    const checked = checkAuditData(kind, data);
    if (!checked.ok) throw new AuditError('audit.data_refused', `${kind}: ${checked.reason}`);
    const db = this.#store.db;
    const last = db.prepare('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? genesisHash(this.#kioskId);
    const at = this.#now().toISOString();
    const hash = entryHash({ seq, at, kind, data: checked.data, prevHash });
    const entry: AuditEntry = { seq, at, kind, data: checked.data, prevHash, hash };
    db.prepare(
      'INSERT INTO audit_entries (seq, at, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(seq, at, kind, canonicalJson(checked.data), prevHash, hash);
    db.prepare(
      'INSERT INTO outbox (event_id, type, payment_id, payload, created_at) VALUES (?, ?, NULL, ?, ?)',
    ).run(auditEventId(entry), AUDIT_EVENT_TYPE, canonicalJson(entry), at);
    return entry;
  }
}

/** A ledger code as the chain takes it (`05`, `recovery:last_not_approved`), or nothing. */
function auditCode(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  const code = raw.toLowerCase().replace(/[^a-z0-9_.-]/gu, '_');
  const withLetter = /^[a-z]/u.test(code) ? code : `c${code}`;
  return withLetter.length <= 64 ? withLetter : undefined;
}

function entryOf(row: AuditEntryRow): AuditEntry {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return { seq: row.seq, at: row.at, kind: row.kind, data, prevHash: row.prev_hash, hash: row.hash };
}

export function createAuditLog(store: KioskStore, options: AuditLogOptions): AuditLog {
  return new AuditLog(store, options);
}
