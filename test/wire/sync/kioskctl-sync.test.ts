/**
 * `kioskctl sync status|now` through a running core's control socket, with the core's sync client
 * configured for a remote central (the real one, on 127.0.0.1 port 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentLedger } from '../../../core/payments/index.ts';
import { openKioskStore } from '../../../core/store/index.ts';
import { paymentThrough, testCsv } from '../../../core/sync/test-support.ts';
import { runKioskctl as run } from '../../support/kioskctl-run.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';
import { CentralHarness } from './central-harness.ts';

describe('kioskctl sync', () => {
  let central: CentralHarness;
  let host: TestHost;

  beforeAll(async () => {
    central = await CentralHarness.create();
    const endpoint = await central.enrol('DEMO-001');
    host = await startTestHost({
      devices: ['central'],
      change: (config) => {
        config.central = {
          mode: 'remote',
          url: endpoint.url,
          clientCertificateFile: endpoint.certificateFile,
          clientKeyFile: endpoint.keyFile,
          caFile: endpoint.caFile,
          requestTimeoutSeconds: 5,
        };
      },
    });
  });
  afterAll(async () => {
    await host?.stop();
    await central?.close();
  });

  it('shows the queue, forces a round that drains it, and shows the state after', async () => {
    // The core's first round runs at start; wait for it so the queue below is only what we add.
    const end = Date.now() + 8_000;
    while (host.core.sync.status().lastSuccessAt === null && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A payment recorded by the ledger (as the payment runner would, on its own connection).
    const store = openKioskStore({ dataDir: host.dataDir });
    try {
      paymentThrough(
        new PaymentLedger(store),
        'D-1',
        {
          emisora: '471860',
          referencia: '2700000001',
          referenciaControl: '22',
          identificacion: '1100255334',
          amountCents: 2_500,
        },
        new Date('2026-11-23T10:00:00.000Z'),
        { csv: testCsv(900_001) },
      );
    } finally {
      store.close();
    }

    const before = await run('sync', 'status', '--socket', host.controlSocket);
    expect(before.code).toBe(0);
    expect(before.out).toContain(`central: https://127.0.0.1:${central.port} — conectado`);
    expect(before.out).toMatch(/cola: 1 evento\(s\) sin enviar, el más antiguo D-1\.approved/u);
    // The first round took central's configuration for the kiosk's municipality.
    const version = host.core.sync.centralConfig()?.version ?? 'none';
    expect(version).toMatch(/^[0-9a-f]{64}$/u);
    expect(before.out).toMatch(
      new RegExp(`configuración de central: versión ${version.slice(0, 12)}, recibida \\d{4}-`, 'u'),
    );

    const now = await run('sync', 'now', '--socket', host.controlSocket);
    expect(now.code).toBe(0);
    expect(now.out).toMatch(/ronda de sincronización correcta: 1 evento\(s\) enviados/u);
    expect(now.out).toContain('cola: 0 evento(s) sin enviar');
    expect((await central.events('DEMO-001')).map((e) => e.key)).toEqual(['D-1.approved']);

    const json = JSON.parse((await run('sync', 'status', '--socket', host.controlSocket, '--json')).out);
    // One event waits: the audit entry of this very `sync now`, recorded after its round (core/audit).
    expect(json).toMatchObject({ state: 'ready', queueLength: 1, lastFailure: null });
    expect(json.oldestUnsent.eventId).toMatch(/^audit-/u);
    expect(json.lastSuccessAt).not.toBeNull();
    expect(json.centralConfig).toMatchObject({ version, lastFetch: 'unchanged', problem: null });

    const status = await run('status', '--socket', host.controlSocket);
    expect(status.out).toMatch(/central\s+.*\[ok\/ready\]/u);
  });

  it('says so with exit code 1 when central is down', async () => {
    await central.stop();
    try {
      const now = await run('sync', 'now', '--socket', host.controlSocket);
      expect(now.code).toBe(1);
      expect(now.out).toMatch(
        /ronda de sincronización fallida: No hay conexión con la central.*sync\.unreachable/u,
      );
      const status = await run('sync', 'status', '--socket', host.controlSocket);
      expect(status.code).toBe(1);
      expect(status.out).toMatch(/sin conexión/u);
      expect(status.out).toMatch(/último fallo: .* sync\.unreachable/u);
    } finally {
      await central.start();
    }
  });

  it('refuses a wrong subcommand with exit code 2', async () => {
    expect((await run('sync', 'later', '--socket', host.controlSocket)).code).toBe(2);
  });
});
