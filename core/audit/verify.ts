/**
 * `verify`: walks the audit chain and names the first broken link. Three witnesses are compared:
 * the chain itself (each hash over its own entry, each prev_hash the previous hash, seq without gaps),
 * each entry's copy in the outbox (what goes, or went, to central), and the anchor (the highest entry
 * central acknowledged, raised by a trigger when the sync client marks its copy sent). A removed tail
 * leaves no gap in the chain; it shows against the outbox copies or the anchor. Read-only: it runs on
 * a store opened for reading while the kiosk keeps writing.
 */
import type Database from 'better-sqlite3';
import { canonicalJson, entryHash, genesisHash, HASH_PATTERN, NotCanonicalError } from './canonical.ts';

export type AuditProblemCode =
  | 'edited'
  | 'missing'
  | 'unlinked'
  | 'tail_removed'
  | 'anchor_differs'
  | 'copy_differs'
  | 'copy_missing';

export interface AuditProblem {
  readonly seq: number;
  readonly code: AuditProblemCode;
  /** What is wrong, in Spanish, for the technician. */
  readonly message: string;
}

export interface AuditHead {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly hash: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: AuditHead | null;
  /** The highest entry central acknowledged (the anchor), or null when none was yet. */
  readonly acknowledged: { readonly seq: number; readonly hash: string; readonly at: string | null } | null;
  /** Entries whose copy is still waiting to go to central. */
  readonly unsent: number;
  /** The first problem, by entry number; null when the chain is whole. */
  readonly problem: AuditProblem | null;
  /** How many problems were found in all (each later one may follow from the first). */
  readonly problems: number;
}

/** What the technician should do about any broken chain. */
export const AUDIT_ADVICE =
  'No toque el cajero ni borre nada: conserve el fichero kiosk.sqlite como está, avise al responsable ' +
  'de seguridad del ayuntamiento y compare con la copia de la central (eventos «audit.entry» de este cajero).';

/** A row of `audit_entries`, as SQLite returns it. */
export interface AuditEntryRow {
  seq: number;
  at: string;
  kind: string;
  data: string;
  prev_hash: string;
  hash: string;
}

interface Copy {
  readonly eventId: string;
  readonly seq: number | null;
  readonly hash: string | null;
  readonly intact: boolean;
  readonly sent: boolean;
}

function copyOf(eventId: string, payload: string, sentAt: string | null): Copy {
  let p: unknown;
  try {
    p = JSON.parse(payload);
  } catch {
    return { eventId, seq: null, hash: null, intact: false, sent: sentAt !== null };
  }
  const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
  const seq = Number.isSafeInteger(o.seq) ? (o.seq as number) : null;
  const hash = typeof o.hash === 'string' && HASH_PATTERN.test(o.hash) ? o.hash : null;
  let intact = false;
  try {
    intact =
      seq !== null &&
      hash !== null &&
      typeof o.at === 'string' &&
      typeof o.kind === 'string' &&
      typeof o.prevHash === 'string' &&
      entryHash({ seq, at: o.at, kind: o.kind, data: o.data, prevHash: o.prevHash }) === hash;
  } catch (e) {
    if (!(e instanceof NotCanonicalError)) throw e;
  }
  return { eventId, seq, hash, intact, sent: sentAt !== null };
}

export function verifyAuditChain(db: Database.Database, kioskId: string): AuditVerification {
  const problems: AuditProblem[] = [];
  const problem = (seq: number, code: AuditProblemCode, message: string) =>
    problems.push({ seq, code, message });

  const copies = new Map<number, Copy>();
  const strayCopies: Copy[] = [];
  const outbox = db
    .prepare("SELECT event_id, payload, sent_at FROM outbox WHERE type = 'audit.entry' ORDER BY sequence")
    .all() as { event_id: string; payload: string; sent_at: string | null }[];
  for (const r of outbox) {
    const c = copyOf(r.event_id, r.payload, r.sent_at);
    if (c.seq === null || copies.has(c.seq)) strayCopies.push(c);
    else copies.set(c.seq, c);
  }

  let expected = 1;
  let previousHash = genesisHash(kioskId);
  let head: AuditHead | null = null;
  let entries = 0;
  const rows = db
    .prepare('SELECT seq, at, kind, data, prev_hash, hash FROM audit_entries ORDER BY seq')
    .iterate() as IterableIterator<AuditEntryRow>;
  for (const row of rows) {
    entries += 1;
    if (row.seq !== expected) {
      problem(
        expected,
        'missing',
        row.seq === expected + 1
          ? `falta la entrada ${expected}: se ha borrado`
          : `faltan las entradas ${expected} a ${row.seq - 1}: se han borrado`,
      );
    }
    let ownHashOk = false;
    try {
      const data: unknown = JSON.parse(row.data);
      ownHashOk =
        canonicalJson(data) === row.data &&
        entryHash({ seq: row.seq, at: row.at, kind: row.kind, data, prevHash: row.prev_hash }) === row.hash;
    } catch (e) {
      if (!(e instanceof SyntaxError) && !(e instanceof NotCanonicalError)) throw e;
    }
    if (!ownHashOk) {
      problem(
        row.seq,
        'edited',
        `la entrada ${row.seq} se ha modificado después de escribirse: su huella no coincide con su contenido`,
      );
    } else if (row.prev_hash !== previousHash && row.seq === expected) {
      problem(
        row.seq,
        'unlinked',
        row.seq === 1
          ? 'la entrada 1 no es el comienzo de la cadena de este cajero: el registro se ha sustituido o es de otro cajero'
          : `la entrada ${row.seq} no enlaza con la ${row.seq - 1}: la anterior se ha modificado (y su huella recalculada), o se han borrado o reordenado entradas`,
      );
    }
    const copy = copies.get(row.seq);
    if (copy === undefined) {
      problem(
        row.seq,
        'copy_missing',
        `la copia para la central de la entrada ${row.seq} se ha borrado de la cola`,
      );
    } else if (!copy.intact || copy.hash !== row.hash) {
      problem(
        row.seq,
        'copy_differs',
        `la copia para la central de la entrada ${row.seq} no coincide con el registro`,
      );
    }
    previousHash = row.hash;
    expected = row.seq + 1;
    head = { seq: row.seq, at: row.at, kind: row.kind, hash: row.hash };
  }

  const headSeq = head?.seq ?? 0;
  const beyond = [...copies.values()].filter((c) => c.seq !== null && c.seq > headSeq);
  if (beyond.length > 0) {
    const last = Math.max(...beyond.map((c) => c.seq ?? 0));
    problem(
      headSeq + 1,
      'tail_removed',
      `faltan las últimas entradas: la cola para la central tiene hasta la ${last} y el registro acaba en la ${headSeq}`,
    );
  }
  for (const c of strayCopies) {
    problem(
      c.seq ?? headSeq + 1,
      'copy_differs',
      `la copia para la central ${c.eventId} no es legible o está repetida`,
    );
  }

  const anchor = db.prepare('SELECT acked_seq, acked_hash, acked_at FROM audit_anchor WHERE id = 1').get() as
    | { acked_seq: number; acked_hash: string | null; acked_at: string | null }
    | undefined;
  const acknowledged =
    anchor === undefined || anchor.acked_seq === 0 || anchor.acked_hash === null
      ? null
      : { seq: anchor.acked_seq, hash: anchor.acked_hash, at: anchor.acked_at };
  if (acknowledged !== null) {
    if (acknowledged.seq > headSeq) {
      problem(
        headSeq + 1,
        'tail_removed',
        `faltan las últimas entradas: la central confirmó hasta la ${acknowledged.seq} y el registro acaba en la ${headSeq}`,
      );
    } else {
      const at = db.prepare('SELECT hash FROM audit_entries WHERE seq = ?').get(acknowledged.seq) as
        | { hash: string }
        | undefined;
      if (at !== undefined && at.hash !== acknowledged.hash) {
        problem(
          acknowledged.seq,
          'anchor_differs',
          `la entrada ${acknowledged.seq} no es la que confirmó la central: la cadena se ha reescrito`,
        );
      }
    }
  }

  problems.sort((a, b) => a.seq - b.seq);
  const unsent = [...copies.values()].filter((c) => !c.sent).length;
  return {
    ok: problems.length === 0,
    entries,
    head,
    acknowledged,
    unsent,
    problem: problems[0] ?? null,
    problems: problems.length,
  };
}
