import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentLedger } from '../payments/index.ts';
import { type KioskStore, openKioskStore } from '../store/index.ts';
import { paymentThrough } from '../sync/test-support.ts';
import {
  AUDIT_EVENT_TYPE,
  AUDIT_KINDS,
  AuditError,
  type AuditKind,
  checkAuditData,
  TECHNICIAN_KINDS,
  type AuditLog,
  auditEventId,
  canonicalJson,
  containsDniLike,
  createAuditLog,
  entryHash,
  entryPreimage,
  genesisHash,
} from './index.ts';
import { AUDIT_SCHEMAS } from './kinds.ts';

const KIOSK = 'VLL-PLAZA-01';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const dirs: string[] = [];
const stores: KioskStore[] = [];

function setup(kioskId = KIOSK): { store: KioskStore; audit: AuditLog; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cajero-audit-'));
  dirs.push(dir);
  let tick = 0;
  const store = openKioskStore({ dataDir: dir });
  stores.push(store);
  const audit = createAuditLog(store, { kioskId, now: () => new Date(T0 + 1000 * tick++) });
  return { store, audit, dir };
}

/** Five entries of different kinds. */
function fill(audit: AuditLog): void {
  audit.append('kiosk.started', { softwareVersion: '1.4.0' });
  audit.append('session.started', { language: 'gl' });
  audit.append('volante.issued', { csv: 'ABCD-EFGH-2345-6789', kind: 'individual' });
  audit.append('technician.printer_test_page', { result: 'delivered' });
  audit.append('session.ended', { reason: 'done' });
}

/** What an attacker with the file does first: the append-only triggers go. */
function dropGuards(store: KioskStore): void {
  for (const t of [
    'audit_entries_no_update',
    'audit_entries_no_delete',
    'audit_entries_append_only_insert',
    'outbox_audit_no_delete',
    'outbox_audit_no_rewrite',
  ]) {
    store.db.exec(`DROP TRIGGER ${t}`);
  }
}

const count = (store: KioskStore, sql: string) => (store.db.prepare(sql).get() as { n: number }).n;

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('canonical bytes', () => {
  it('are the JSON array [version, seq, at, kind, data with sorted keys, prevHash] without spaces', () => {
    const fields = {
      seq: 7,
      at: '2026-11-23T10:00:00.000Z',
      kind: 'payment.approved',
      data: { z: 1, a: { y: true, b: null }, m: ['x', -3], ñ: 'á"\n' },
      prevHash: 'ab'.repeat(32),
    };
    const text =
      '["cajero-audit/1",7,"2026-11-23T10:00:00.000Z","payment.approved",' +
      '{"a":{"b":null,"y":true},"m":["x",-3],"z":1,"ñ":"á\\"\\n"},"' +
      'ab'.repeat(32) +
      '"]';
    expect(entryPreimage(fields).toString('utf8')).toBe(text);
    expect(entryHash(fields)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('refuse numbers that are not safe integers and values that are not JSON', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
    expect(() => canonicalJson({ a: 2 ** 60 })).toThrow();
    expect(() => canonicalJson({ a: new Date() })).toThrow();
    expect(canonicalJson({ a: -0, b: undefined })).toBe('{"a":0}');
  });

  it('give the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(JSON.parse(canonicalJson(o))).toEqual(o);
      }),
    );
  });

  it('start each kiosk from its own genesis', () => {
    expect(genesisHash('A-1')).not.toBe(genesisHash('A-2'));
    expect(genesisHash('A-1')).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe('AuditLog', () => {
  it('appends linked entries, each with its copy for central, and verifies them', () => {
    const { store, audit } = setup();
    fill(audit);
    const entries = audit.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.prevHash).toBe(genesisHash(KIOSK));
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    for (const e of entries) expect(entryHash(e)).toBe(e.hash);

    const outbox = store.db
      .prepare('SELECT event_id, type, payload, payment_id FROM outbox ORDER BY sequence')
      .all() as { event_id: string; type: string; payload: string; payment_id: string | null }[];
    expect(outbox).toHaveLength(5);
    outbox.forEach((row, i) => {
      expect(row.type).toBe(AUDIT_EVENT_TYPE);
      expect(row.payment_id).toBeNull();
      expect(row.event_id).toBe(auditEventId(entries[i]!));
      expect(JSON.parse(row.payload)).toEqual({ ...entries[i] });
    });

    const v = audit.verify();
    expect(v).toMatchObject({ ok: true, entries: 5, problem: null, unsent: 5, acknowledged: null });
    expect(v.head).toMatchObject({ seq: 5, kind: 'session.ended', hash: entries[4]?.hash });
    expect(audit.list({ last: 2 }).map((e) => e.seq)).toEqual([4, 5]);
  });

  it('refuses UPDATE and DELETE on the chain and on its copies in the outbox', () => {
    const { store, audit } = setup();
    fill(audit);
    expect(() => store.db.prepare("UPDATE audit_entries SET at = 'x' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare('DELETE FROM audit_entries WHERE seq = 5').run()).toThrow(/append-only/);
    expect(() =>
      store.db.prepare("UPDATE outbox SET payload = '{}' WHERE type = 'audit.entry'").run(),
    ).toThrow(/not rewritten/);
    expect(() => store.db.prepare("DELETE FROM outbox WHERE type = 'audit.entry'").run()).toThrow(
      /not deleted/,
    );
    expect(() =>
      store.db
        .prepare(
          "INSERT INTO audit_entries (seq, at, kind, data, prev_hash, hash) VALUES (9, 'x', 'k', '{}', ?, ?)",
        )
        .run('0'.repeat(64), '1'.repeat(64)),
    ).toThrow(/at the end/);
    expect(audit.verify().ok).toBe(true);
  });

  it('names the entry whose data was edited in the file', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    store.db
      .prepare('UPDATE audit_entries SET data = ? WHERE seq = 3')
      .run('{"csv":"ZZZZ-EFGH-2345-6789","sessionId":"s-1","volante":"individual"}');
    const v = audit.verify();
    expect(v.ok).toBe(false);
    expect(v.problem).toMatchObject({ seq: 3, code: 'edited' });
    expect(v.problem?.message).toContain('entrada 3');
  });

  it('names the link after an entry edited with its hash recomputed', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    const e = audit.list()[1]!;
    const data = { sessionId: 's-1', language: 'es' };
    const hash = entryHash({ ...e, data });
    store.db
      .prepare('UPDATE audit_entries SET data = ?, hash = ? WHERE seq = 2')
      .run(canonicalJson(data), hash);
    const v = audit.verify();
    // Its copy for central still holds the original; the next entry no longer links to it.
    expect(v.problem).toMatchObject({ seq: 2, code: 'copy_differs' });
    expect(v.problems).toBeGreaterThanOrEqual(2);
  });

  it('detects a removed middle entry as a gap', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    store.db.prepare('DELETE FROM audit_entries WHERE seq = 3').run();
    const v = audit.verify();
    expect(v.problem).toMatchObject({ seq: 3, code: 'missing' });
    expect(v.problem?.message).toBe('falta la entrada 3: se ha borrado');
  });

  it('detects entries renumbered to hide a gap', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    store.db.prepare('DELETE FROM audit_entries WHERE seq = 3').run();
    store.db.prepare('UPDATE audit_entries SET seq = seq - 1 WHERE seq > 3').run();
    expect(audit.verify().problem).toMatchObject({ seq: 3, code: 'edited' });
  });

  it('detects a removed tail against the outbox copies', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    store.db.prepare('DELETE FROM audit_entries WHERE seq >= 4').run();
    const v = audit.verify();
    expect(v.problem).toMatchObject({ seq: 4, code: 'tail_removed' });
    expect(v.problem?.message).toContain('hasta la 5');
  });

  it('detects a removed tail, copies included, against the head central acknowledged', () => {
    const { store, audit } = setup();
    fill(audit);
    const ledger = new PaymentLedger(store);
    // The sync client marks what central confirmed through the ledger; the anchor follows by trigger.
    for (const e of audit.list()) ledger.markSent(auditEventId(e), new Date(T0 + 60_000));
    const v0 = audit.verify();
    expect(v0.acknowledged).toMatchObject({ seq: 5, hash: audit.head()?.hash });
    expect(v0.unsent).toBe(0);
    dropGuards(store);
    store.db.prepare('DELETE FROM audit_entries WHERE seq >= 4').run();
    store.db
      .prepare("DELETE FROM outbox WHERE type = 'audit.entry' AND json_extract(payload, '$.seq') >= 4")
      .run();
    const v = audit.verify();
    expect(v.problem).toMatchObject({ seq: 4, code: 'tail_removed' });
    expect(v.problem?.message).toContain('la central confirmó hasta la 5');
    // The anchor cannot be lowered without dropping its trigger too.
    expect(() => store.db.prepare('UPDATE audit_anchor SET acked_seq = 3').run()).toThrow(/never lowered/);
  });

  it('detects a chain that is not this kiosk’s', () => {
    const { store, audit } = setup('OTRO-KIOSCO');
    fill(audit);
    const here = createAuditLog(store, { kioskId: KIOSK });
    expect(here.verify().problem).toMatchObject({ seq: 1, code: 'unlinked' });
  });

  it('detects any single-byte change in any stored field of any entry or its copy', () => {
    const { store, audit } = setup();
    fill(audit);
    dropGuards(store);
    const fields = ['seq', 'at', 'kind', 'data', 'prev_hash', 'hash', 'payload'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...fields),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        (seq, field, position, byte) => {
          const original =
            field === 'payload'
              ? (store.db
                  .prepare("SELECT payload AS v FROM outbox WHERE type = 'audit.entry' AND event_id LIKE ?")
                  .get(`audit-${seq}-%`) as { v: string })
              : (store.db
                  .prepare(`SELECT CAST(${field} AS TEXT) AS v FROM audit_entries WHERE seq = ?`)
                  .get(seq) as {
                  v: string;
                });
          const bytes = Buffer.from(original.v, 'utf8');
          const at = position % bytes.length;
          fc.pre(bytes[at] !== byte);
          const changed = Buffer.from(bytes);
          changed[at] = byte;
          const value = changed.toString('utf8');
          if (field === 'seq') fc.pre(/^[1-9][0-9]*$/u.test(value) && Number(value) > 5);
          const write = (v: string | number) =>
            field === 'payload'
              ? store.db
                  .prepare('UPDATE outbox SET payload = ? WHERE event_id LIKE ?')
                  .run(v, `audit-${seq}-%`)
              : store.db.prepare(`UPDATE audit_entries SET ${field} = ? WHERE seq = ?`).run(v, seq);
          write(field === 'seq' ? Number(value) : value);
          try {
            const v = audit.verify();
            expect(v.ok).toBe(false);
            expect(v.problem?.seq).toBe(seq);
          } finally {
            if (field === 'seq')
              store.db.prepare('UPDATE audit_entries SET seq = ? WHERE seq = ?').run(seq, Number(value));
            else write(original.v);
          }
          expect(audit.verify().ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('what may enter the chain', () => {
  it('refuses personal data fields, unknown kinds and DNI-shaped values, and writes nothing', () => {
    const { store, audit } = setup();
    const refused = (fn: () => unknown, code: string) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(AuditError);
        expect((e as AuditError).code).toBe(code);
        expect((e as AuditError).detail ?? '').not.toMatch(/Pérez|12345678Z|1234/u);
        return;
      }
      throw new Error('not refused');
    };
    // `record`: as a caller holding the kind as a plain string (core/session's hook) passes them.
    const untyped = (kind: string, data: unknown) => audit.record(kind, data);
    const base = { result: 'identified', reason: null } as const;
    for (const extra of [
      { nombre: 'Juan Pérez' },
      { name: 'Juan Pérez' },
      { dni: '12345678Z' },
      { pin: '1234' },
      { pan: '4761739001010119' },
      { maskedPan: '**** 0119' },
    ]) {
      refused(() => untyped('session.identification', { ...base, ...extra }), 'audit.data_refused');
    }
    refused(
      () => audit.append('volante.issued', { csv: '12345678Z', kind: 'individual' }),
      'audit.data_refused',
    );
    refused(() => audit.append('volante.printed', { csv: 'X1234567L', printed: true }), 'audit.data_refused');
    refused(() => untyped('citizen.name', { name: 'x' }), 'audit.kind_unknown');
    refused(
      () => audit.append('technician.terminal_test_payment', { result: 'Juan Pérez' }),
      'audit.data_refused',
    );
    expect(count(store, 'SELECT COUNT(*) AS n FROM audit_entries')).toBe(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM outbox')).toBe(0);
    // What the municipality needs does enter.
    audit.append('technician.terminal_test_payment', { result: 'approved', amountCents: 1999 });
    audit.append('session.identification', base);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  const payment = {
    paymentId: 'P0A1B2C3D4E5F6A7B',
    from: null,
    emisora: '471860',
    referencia: '2600000001',
    amountCents: 4250,
    csv: '7KQ2M9XD4RTBH0NC',
    offline: false,
    ledgerSeq: 1,
  };
  const technician = { result: 'ok' };
  /** One valid entry of every kind. */
  const SAMPLES: Record<AuditKind, Record<string, unknown>> = {
    'kiosk.started': { softwareVersion: '1.4.0' },
    'kiosk.stopped': {},
    'session.started': { language: 'eu' },
    'session.service_chosen': { service: 'recibos_pendientes' },
    'session.volante_kind_chosen': { kind: 'colectivo' },
    'session.identification': { result: 'pin_wrong', reason: null },
    'session.failed': { service: 'volante', reason: 'persona_no_empadronada' },
    'session.ended': { reason: 'timeout' },
    'volante.issued': { csv: 'ABCD-EFGH-2345-6789', kind: 'colectivo' },
    'volante.printed': { csv: 'ABCD-EFGH-2345-6789', printed: false },
    'recibos.pending_listed': { count: 3 },
    ...(Object.fromEntries(
      AUDIT_KINDS.filter((k) => k.startsWith('payment.')).map((k) => [k, payment]),
    ) as Record<string, Record<string, unknown>>),
    'payment.refund_required': { paymentId: 'P1' },
    ...(Object.fromEntries(TECHNICIAN_KINDS.map((k) => [k, technician])) as Record<
      string,
      Record<string, unknown>
    >),
  } as unknown as Record<AuditKind, Record<string, unknown>>;

  it('takes a valid entry of every kind', () => {
    const { audit } = setup();
    for (const kind of AUDIT_KINDS) audit.append(kind, SAMPLES[kind] as never);
    expect(audit.verify()).toMatchObject({ ok: true, entries: AUDIT_KINDS.length });
  });

  it('refuses any field a kind does not declare, and a DNI/NIE in any of its texts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AUDIT_KINDS),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.oneof(fc.string(), fc.integer(), fc.boolean()),
        (kind, key, value) => {
          fc.pre(!Object.hasOwn(AUDIT_SCHEMAS[kind].shape, key));
          expect(checkAuditData(kind, { ...SAMPLES[kind], [key]: value }).ok).toBe(false);
        },
      ),
    );
    for (const kind of AUDIT_KINDS) {
      for (const [field, value] of Object.entries(SAMPLES[kind])) {
        if (typeof value !== 'string') continue;
        const dni = checkAuditData(kind, { ...SAMPLES[kind], [field]: `${value.slice(0, 2)}-12345678Z` });
        expect(dni.ok, `${kind}.${field}`).toBe(false);
      }
    }
  });

  it('knows every kind core/session reports', () => {
    const source = readFileSync(new URL('../session/citizen-session.ts', import.meta.url), 'utf8');
    const kinds = [...source.matchAll(/#audit\('([a-z_.]+)'/gu)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(5);
    for (const kind of kinds) expect(AUDIT_KINDS, kind).toContain(kind);
  });

  it('tells a DNI/NIE by its control letter', () => {
    expect(containsDniLike('12345678Z')).toBe(true);
    expect(containsDniLike('x 12345678z y')).toBe(true);
    expect(containsDniLike('12345678A')).toBe(false);
    expect(containsDniLike('X1234567L')).toBe(true);
    expect(containsDniLike('Y1234567X')).toBe(true);
    expect(containsDniLike('ABCD12345678Z')).toBe(false);
  });
});

describe('one transaction', () => {
  it('rolls the entry back when its outbox copy cannot be written', () => {
    const { store, audit } = setup();
    audit.append('kiosk.started', { softwareVersion: '1.4.0' });
    store.db.exec(
      `CREATE TRIGGER test_outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => audit.append('kiosk.stopped', {})).toThrow(/disk full/);
    expect(count(store, 'SELECT COUNT(*) AS n FROM audit_entries')).toBe(1);
    expect(count(store, 'SELECT COUNT(*) AS n FROM outbox')).toBe(1);
    store.db.exec('DROP TRIGGER test_outbox_fails');
    expect(audit.append('kiosk.stopped', {}).seq).toBe(2);
    expect(audit.verify().ok).toBe(true);
  });

  it('rolls the outbox copy back when the entry cannot be written', () => {
    const { store, audit } = setup();
    store.db.exec(
      `CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'no'); END`,
    );
    expect(() => audit.append('kiosk.stopped', {})).toThrow(/no/);
    expect(count(store, 'SELECT COUNT(*) AS n FROM outbox')).toBe(0);
  });

  it('keeps one chain when two connections append in turn', () => {
    const { dir, audit } = setup();
    const other = openKioskStore({ dataDir: dir });
    stores.push(other);
    const second = createAuditLog(other, { kioskId: KIOSK });
    for (let i = 0; i < 5; i += 1) {
      audit.append('kiosk.started', { softwareVersion: '1.0.0' });
      second.append('kiosk.stopped', {});
    }
    expect(second.verify()).toMatchObject({ ok: true, entries: 10 });
  });
});

describe('payment outcomes', () => {
  const recibo = (n: number) => ({
    emisora: '471860',
    referencia: String(2_600_000_000 + n),
    referenciaControl: '11',
    identificacion: '1100255334',
    amountCents: 4250 + n,
  });

  it('enter the chain from the ledger once each, without card data', () => {
    const { store, audit } = setup();
    const ledger = new PaymentLedger(store);
    const at = new Date(T0);
    paymentThrough(ledger, 'P1', recibo(1), at);
    paymentThrough(ledger, 'P2', recibo(2), at, { path: ['sent_to_terminal', 'declined'] });
    const first = audit.recordPayments();
    expect(first.map((e) => e.kind)).toEqual([
      'payment.created',
      'payment.sent_to_terminal',
      'payment.approved',
      'payment.justificante_printed',
      'payment.created',
      'payment.sent_to_terminal',
      'payment.declined',
    ]);
    expect(first[2]?.data).toMatchObject({
      paymentId: 'P1',
      from: 'sent_to_terminal',
      emisora: '471860',
      referencia: '2600000001',
      amountCents: 4251,
      offline: false,
    });
    const text = JSON.stringify(audit.list());
    expect(text).not.toContain('0119');
    expect(text).not.toContain('A1B2C3');
    expect(audit.recordPayments()).toEqual([]);
    paymentThrough(ledger, 'P3', recibo(3), at, { path: ['cancelled'] });
    expect(audit.recordPayments().map((e) => e.kind)).toEqual(['payment.created', 'payment.cancelled']);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 9 });
  });
});
