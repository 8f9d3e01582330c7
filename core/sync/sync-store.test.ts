import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempLedger, type TempLedger } from '../payments/test-support.ts';
import { loadMigrations, migrate } from '../store/index.ts';
import type { CentralConfig } from './central-config.ts';
import { SyncStore } from './sync-store.ts';
import { paymentThrough } from './test-support.ts';

const AT = new Date('2026-11-23T10:00:00.000Z');
const centralConfig = (v: string): CentralConfig => ({
  municipality: {
    ineCode: '47186',
    name: 'Ayuntamiento de Villademo',
    verificationUrl: 'https://sede.villademo.example/verificar',
    hostedBy: null,
  },
  textos: { avisoPrivacidad: 'Aviso.', pieVolante: null, oficinaAtencion: null },
  emisoras: ['471860'],
  version: v.repeat(64),
});
const recibo = (referencia: string) => ({
  emisora: '471860',
  referencia,
  referenciaControl: '46',
  identificacion: '1100255334',
  amountCents: 1_000,
});
const paid = (referencia: string, paidAt = '2026-11-22T18:30:00.000Z') => ({
  ...recibo(referencia),
  importeCents: 1_000,
  paidAt,
  kioskId: 'KIOSCO-B',
  justificanteCsv: `CSV${referencia}`,
  refundRequired: false,
});

describe('SyncStore', () => {
  let t: TempLedger;
  let sync: SyncStore;
  beforeEach(() => {
    t = tempLedger();
    sync = new SyncStore(t.store, t.ledger);
  });
  afterEach(() => t.dispose());

  it('numbers outbox events in the order the ledger writes them, and pages past a given sequence', () => {
    paymentThrough(t.ledger, 'P1', recibo('0000000001'), AT);
    paymentThrough(t.ledger, 'P2', recibo('0000000002'), new Date(AT.getTime() - 60_000), {
      path: ['sent_to_terminal', 'approved', 'reversed'],
    });
    expect(sync.unsent(0, 10).map((e) => [e.sequence, e.eventId])).toEqual([
      [1, 'P1.approved'],
      [2, 'P2.approved'],
      [3, 'P2.reversed'],
    ]);
    expect(sync.unsent(1, 1).map((e) => e.eventId)).toEqual(['P2.approved']);
    expect(sync.pendingCount()).toBe(3);
    expect(sync.oldestUnsent()?.eventId).toBe('P1.approved');
  });

  it('marks sent through the ledger: the payment becomes synced, and the event leaves the queue', () => {
    paymentThrough(t.ledger, 'P1', recibo('0000000001'), AT);
    sync.markSent(['P1.approved'], AT);
    expect(sync.pendingCount()).toBe(0);
    expect(t.ledger.get('P1')?.state).toBe('synced');
  });

  it('stores paid-recibo deltas with their cursor, and the list age only with the last page', () => {
    expect(sync.state().paidCursor).toBe('0');
    sync.applyPaidPage([paid('0000000007')], '5', undefined, AT);
    expect(t.ledger.paidListAsOf()).toBeUndefined();
    sync.applyPaidPage([paid('0000000008'), paid('0000000007', '2026-11-21T00:00:00.000Z')], '9', AT, AT);
    expect(sync.state().paidCursor).toBe('9');
    expect(t.ledger.inPaidList('471860-000000000746-1100255334')).toBe(true);
    expect(t.ledger.inPaidList('471860-000000000846-1100255334')).toBe(true);
    expect(t.ledger.paidListAsOf()).toEqual(AT);
  });

  it('tells a payment of the recibo elsewhere from the kiosk’s own payment synced back', () => {
    const mine = paymentThrough(t.ledger, 'P1', recibo('0000000007'), AT, { csv: 'CSV0000000007' });
    const other = paymentThrough(t.ledger, 'P2', recibo('0000000008'), AT, { csv: 'MINE00000008' });
    // 0007: first paid with our own CSV. 0008: first paid by another kiosk; ours came second.
    sync.applyPaidPage(
      [
        paid('0000000007'),
        paid('0000000008'),
        { ...paid('0000000008'), justificanteCsv: 'MINE00000008', refundRequired: true },
      ],
      '3',
      AT,
      AT,
    );
    expect(sync.paidElsewhere(mine)).toBe(false);
    expect(sync.paidElsewhere(other)).toBe(true);
    expect(sync.paidElsewhere({ reciboKey: 'nothing', csv: 'X' })).toBe(false);
  });

  it('writes nothing of a page when the transaction fails', () => {
    t.store.db.exec(
      "CREATE TRIGGER refuse BEFORE UPDATE ON sync_state BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    expect(() => sync.applyPaidPage([paid('0000000007')], '5', AT, AT)).toThrow(/refused/u);
    expect(t.ledger.inPaidList('471860-000000000746-1100255334')).toBe(false);
  });

  it("keeps central's configuration, rewriting it only when its version changes", () => {
    expect(sync.storedCentralConfig()).toBeNull();
    const config = centralConfig('a');
    expect(sync.saveCentralConfig(config, AT)).toBe(true);
    expect(sync.storedCentralConfig()).toEqual({
      version: config.version,
      json: JSON.stringify(config),
      fetchedAt: AT.toISOString(),
    });
    // The same version again: nothing written, the time it first arrived stays.
    const later = new Date(AT.getTime() + 60_000);
    expect(sync.saveCentralConfig({ ...config, emisoras: ['471861'] }, later)).toBe(false);
    expect(sync.storedCentralConfig()?.fetchedAt).toBe(AT.toISOString());
    const next = { ...centralConfig('b'), emisoras: ['471860', '471861'] };
    expect(sync.saveCentralConfig(next, later)).toBe(true);
    expect(JSON.parse(sync.storedCentralConfig()?.json ?? '{}')).toEqual(next);
    expect(sync.storedCentralConfig()?.fetchedAt).toBe(later.toISOString());
    expect((t.store.db.prepare('SELECT COUNT(*) AS n FROM central_config').get() as { n: number }).n).toBe(1);
  });
});

describe('migration 0002', () => {
  it('numbers the events already in the outbox in the order they were written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cajero-sync-migration-'));
    try {
      const db = new Database(path.join(dir, 'kiosk.sqlite'));
      const all = loadMigrations();
      migrate(db, all.slice(0, 1), () => AT);
      const insert = db.prepare(
        "INSERT INTO outbox (event_id, type, payload, created_at) VALUES (?, 'payment.needs_attention', '{}', ?)",
      );
      insert.run('B.x', '2026-01-02T00:00:00.000Z');
      insert.run('A.x', '2026-01-01T00:00:00.000Z');
      migrate(db, all, () => AT);
      insert.run('C.x', '2026-01-03T00:00:00.000Z');
      expect(db.prepare('SELECT event_id, sequence FROM outbox ORDER BY sequence').all()).toEqual([
        { event_id: 'B.x', sequence: 1 },
        { event_id: 'A.x', sequence: 2 },
        { event_id: 'C.x', sequence: 3 },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
