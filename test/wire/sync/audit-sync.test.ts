/**
 * The audit chain synced to the real central (issue 9 item 5): each entry travels as an `audit.entry`
 * event through the kiosk's outbox and sync client, over mutual TLS, and central stores it once even
 * when the kiosk sends it again (a crash between central's answer and the kiosk marking it sent).
 * Central's copy carries everything needed to recompute each hash; the head central acknowledged
 * becomes the kiosk's anchor against a removed tail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPE, createAuditLog, entryHash, genesisHash } from '../../../core/audit/index.ts';
import { PaymentLedger } from '../../../core/payments/index.ts';
import { openKioskStore } from '../../../core/store/index.ts';
import { SyncClient } from '../../../core/sync/index.ts';
import { paymentThrough, RecordingSupervisor, testCsv } from '../../../core/sync/test-support.ts';
import { CentralHarness } from './central-harness.ts';

const KIOSK = 'AUDIT-001';

describe('audit entries synced to the real central', () => {
  let central: CentralHarness;
  let dir: string;

  beforeAll(async () => {
    central = await CentralHarness.create();
    dir = mkdtempSync(path.join(tmpdir(), 'cajero-audit-sync-'));
  });
  afterAll(async () => {
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are stored once, in order, recomputable at central, and anchor the kiosk’s chain', async () => {
    const endpoint = await central.enrol(KIOSK);
    const store = openKioskStore({ dataDir: dir });
    const client = new SyncClient({
      endpoint,
      store,
      supervisor: new RecordingSupervisor(),
      logger: pino({ level: 'silent' }),
      softwareVersion: '0.0.0-test',
    });
    try {
      const audit = createAuditLog(store, { kioskId: KIOSK });
      audit.append('kiosk.started', { softwareVersion: '1.4.0' });
      paymentThrough(
        new PaymentLedger(store),
        'PAUD1',
        {
          emisora: '471860',
          referencia: '2700000001',
          referenciaControl: '11',
          identificacion: '1100255334',
          amountCents: 4250,
        },
        new Date(),
        { csv: testCsv(800_001) },
      );
      audit.recordPayments();
      audit.append('technician.sync_now', { result: 'ok' });
      const entries = audit.list();
      expect(entries).toHaveLength(6);

      const first = await client.syncNow();
      expect(first).toMatchObject({ ok: true, heldBack: [] });
      const stored = await central.events(KIOSK);
      expect(stored.filter((e) => e.type === AUDIT_EVENT_TYPE)).toHaveLength(6);
      expect(stored.filter((e) => e.type === 'recibo.pagado')).toHaveLength(1);

      // What central holds is enough to walk the chain again there.
      const { rows } = await central.db.query<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM kiosk_events WHERE kiosk_id = $1 AND event_type = $2 ORDER BY sequence`,
        [KIOSK, AUDIT_EVENT_TYPE],
      );
      let previous = genesisHash(KIOSK);
      for (const [i, { payload }] of rows.entries()) {
        const p = payload as {
          seq: number;
          at: string;
          kind: string;
          data: unknown;
          prevHash: string;
          hash: string;
        };
        expect(p.seq).toBe(i + 1);
        expect(p.prevHash).toBe(previous);
        expect(entryHash(p)).toBe(p.hash);
        expect(p.hash).toBe(entries[i]?.hash);
        previous = p.hash;
      }
      expect(audit.verify()).toMatchObject({ ok: true, unsent: 0, acknowledged: { seq: 6, hash: previous } });

      // A crash after central stored them but before the kiosk marked them sent: all go again.
      store.db.prepare("UPDATE outbox SET sent_at = NULL WHERE type = 'audit.entry'").run();
      expect(audit.verify().unsent).toBe(6);
      const again = await client.syncNow();
      expect(again).toMatchObject({ ok: true, sent: 6 });
      expect(await central.events(KIOSK)).toHaveLength(stored.length);
      expect(audit.verify()).toMatchObject({ ok: true, unsent: 0, acknowledged: { seq: 6 } });
    } finally {
      await client.stop();
      store.close();
    }
  });
});
