/**
 * The kiosk's sync client against the real central (issue 9 §4, issue 8 §8): HTTPS with mutual TLS on
 * 127.0.0.1, central on PGlite. Events are stored exactly once and in order whatever crashes or outages
 * happen; a refused kiosk marks nothing sent; paid-recibo deltas and their cursor survive a restart;
 * the heartbeat lands in central's fleet health.
 */
import { type AddressInfo, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fleetHealth } from '../../../central/service/index.ts';
import { kioskClient } from '../../../central/service/test-support.ts';
import { PaymentLedger, type PaymentState } from '../../../core/payments/index.ts';
import {
  type CentralEndpoint,
  mapOutboxEvent,
  type SyncClientOptions,
  SyncStore,
} from '../../../core/sync/index.ts';
import { paymentThrough, testCsv } from '../../../core/sync/test-support.ts';
import { CentralHarness } from './central-harness.ts';
import { openSyncKiosk, type SyncKiosk } from './sync-kiosk.ts';

const AT = new Date('2026-11-23T10:00:00.000Z');
let referencias = 0;
let csvs = 0;

/** A recibo of Villademo (emisora 471860) never used before in this file. */
function nextRecibo() {
  referencias += 1;
  return {
    emisora: '471860',
    referencia: String(2_600_000_000 + referencias),
    referenciaControl: '11',
    identificacion: '1100255334',
    amountCents: 1_000 + referencias,
  };
}

interface Kiosk extends SyncKiosk {
  readonly ledger: PaymentLedger;
  pay(id: string, walk?: readonly PaymentState[]): void;
}

const kiosks: Kiosk[] = [];

function kiosk(endpoint: CentralEndpoint, options: Partial<SyncClientOptions> = {}): Kiosk {
  // A ledger on each store the kiosk opens: after a restart, the new one.
  let ledger: PaymentLedger | undefined;
  const base = openSyncKiosk(endpoint, options, (store) => {
    ledger = new PaymentLedger(store);
  });
  const k = Object.defineProperties(base, {
    ledger: { get: () => ledger, enumerable: true },
    pay: {
      value: (id: string, walk?: readonly PaymentState[]) => {
        csvs += 1;
        paymentThrough(ledger!, id, nextRecibo(), AT, {
          csv: testCsv(csvs),
          ...(walk ? { path: walk } : {}),
        });
      },
    },
  }) as Kiosk;
  kiosks.push(k);
  return k;
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 8_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sync client against the real central', () => {
  let central: CentralHarness;

  beforeAll(async () => {
    central = await CentralHarness.create();
  });
  afterEach(async () => {
    for (const k of kiosks.splice(0)) await k.dispose();
  });
  afterAll(async () => {
    await central?.close();
  });

  it('sends every event once, in sequence order, and marks sent only what central confirmed', async () => {
    const k = kiosk(await central.enrol('KIOSCO-A1'), { batchSize: 2 });
    k.pay('A1-1');
    k.pay('A1-2', ['sent_to_terminal', 'approved', 'reversed']);
    k.pay('A1-3', ['sent_to_terminal', 'unknown', 'needs_attention']);
    k.pay('A1-4');

    const first = await k.client.syncNow();
    expect(first).toMatchObject({ ok: true, sent: 5, heldBack: [] });
    expect(await central.events('KIOSCO-A1')).toEqual([
      { key: 'A1-1.approved', sequence: 1, type: 'recibo.pagado' },
      { key: 'A1-2.approved', sequence: 2, type: 'recibo.pagado' },
      { key: 'A1-2.reversed', sequence: 3, type: 'payment.reversed' },
      { key: 'A1-3.needs_attention', sequence: 4, type: 'payment.needs_attention' },
      { key: 'A1-4.approved', sequence: 5, type: 'recibo.pagado' },
    ]);
    expect(await central.paidCount('KIOSCO-A1')).toBe(3);
    expect(k.ledger.outbox().every((e) => e.sentAt !== null)).toBe(true);
    expect(k.ledger.get('A1-1')?.state).toBe('synced');
    expect(k.supervisor.last).toEqual({ health: 'ok', code: 'ready' });
    expect(k.client.isCentralReachable()).toBe(true);

    // Nothing new: nothing sent again.
    expect(await k.client.syncNow()).toMatchObject({ ok: true, sent: 0 });
    expect(await central.events('KIOSCO-A1')).toHaveLength(5);
  });

  it('resends safely after a crash between central storing a batch and the ledger marking it sent', async () => {
    const endpoint = await central.enrol('KIOSCO-A2');
    const k = kiosk(endpoint);
    k.pay('A2-1');
    k.pay('A2-2');
    // The batch reached central, then the kiosk died before markSent: central has it, the outbox not.
    const events = new SyncStore(k.store, k.ledger).unsent(0, 10).map((row) => {
      const mapped = mapOutboxEvent(row);
      if (mapped.kind !== 'send') throw new Error(mapped.reason);
      return mapped.event;
    });
    const raw = kioskClient(endpoint.url, central.pki.ca.certificatePem, await readCredential(endpoint));
    try {
      expect((await raw.call('POST', '/v1/events', { events })).json.stored).toHaveLength(2);
    } finally {
      raw.close();
    }
    expect(k.ledger.outbox().filter((e) => e.sentAt === null)).toHaveLength(2);

    await k.restart();
    k.pay('A2-3');
    expect(await k.client.syncNow()).toMatchObject({ ok: true, sent: 3 });
    expect((await central.events('KIOSCO-A2')).map((e) => e.key)).toEqual([
      'A2-1.approved',
      'A2-2.approved',
      'A2-3.approved',
    ]);
    expect(await central.paidCount('KIOSCO-A2')).toBe(3);
    expect(k.ledger.outbox().every((e) => e.sentAt !== null)).toBe(true);
  });

  it('backs off while central is down, then drains the queue exactly once when it is back', async () => {
    const endpoint = await central.enrol('KIOSCO-A3');
    const randoms: number[] = [];
    const k = kiosk(endpoint, {
      random: () => {
        randoms.push(0.5);
        return 0.5;
      },
    });
    k.pay('A3-1');
    k.pay('A3-2');
    await central.stop();
    try {
      k.client.start();
      await until('three failed rounds', () => k.client.status().consecutiveFailures >= 3);
      const status = k.client.status();
      expect(status.state).toBe('offline');
      expect(status.queueLength).toBe(2);
      expect(status.lastFailure?.code).toBe('sync.unreachable');
      expect(status.lastFailure?.detail).toMatch(/ECONNREFUSED/u);
      expect(k.supervisor.last).toMatchObject({ health: 'error', code: 'offline' });
      expect(k.client.isCentralReachable()).toBe(false);
      // Each retry waited a jittered, growing delay (the random source was asked once per failure).
      expect(randoms.length).toBeGreaterThanOrEqual(3);
      expect(k.ledger.outbox().every((e) => e.sentAt === null)).toBe(true);
      k.pay('A3-3'); // taken offline, queued behind the others
    } finally {
      await central.start();
    }
    await until('a round that worked', () => k.client.status().state === 'ready');
    expect(k.client.status().queueLength).toBe(0);
    expect((await central.events('KIOSCO-A3')).map((e) => [e.key, e.sequence])).toEqual([
      ['A3-1.approved', 1],
      ['A3-2.approved', 2],
      ['A3-3.approved', 3],
    ]);
    expect(k.client.status()).toMatchObject({ state: 'ready', consecutiveFailures: 0 });
    expect(k.supervisor.last).toEqual({ health: 'ok', code: 'ready' });
    // A forced round after the drain sends nothing twice.
    await k.client.syncNow();
    expect(await central.events('KIOSCO-A3')).toHaveLength(3);
  });

  it('reports fault when central refuses a revoked kiosk, and marks nothing sent', async () => {
    const endpoint = await central.enrol('KIOSCO-R1');
    await central.revoke('KIOSCO-R1');
    const k = kiosk(endpoint);
    k.pay('R1-1');
    const outcome = await k.client.syncNow();
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.code).toBe('sync.kiosk_refused');
    expect(outcome.error?.detail).toMatch(/403 central\.kiosk_revoked/u);
    expect(k.supervisor.last).toMatchObject({ health: 'error', code: 'fault' });
    expect(k.client.status().state).toBe('fault');
    expect(k.client.isCentralReachable()).toBe(false);
    expect(k.ledger.outbox().every((e) => e.sentAt === null)).toBe(true);
    expect(k.ledger.get('R1-1')?.state).toBe('justificante_printed');
    expect(await central.events('KIOSCO-R1')).toEqual([]);
  });

  it('stops at once even while central hangs in the middle of a round', async () => {
    const endpoint = await central.enrol('KIOSCO-S1', 30_000);
    // Accepts TCP and never answers: the TLS handshake hangs until the 30 s timeout.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const k = kiosk({ ...endpoint, url: `https://127.0.0.1:${port}` });
      k.pay('S1-1');
      k.client.start();
      await until('the round to connect', () => held.length > 0);
      const started = Date.now();
      await k.client.stop();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(k.ledger.outbox().every((e) => e.sentAt === null)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports fault when the kiosk credential files are missing', async () => {
    const endpoint = await central.enrol('KIOSCO-F1');
    const k = kiosk({ ...endpoint, keyFile: path.join(central.dir, 'no-such-key.pem') });
    const outcome = await k.client.syncNow();
    expect(outcome.error?.code).toBe('sync.credentials_missing');
    expect(k.supervisor.last).toMatchObject({ health: 'error', code: 'fault' });
  });

  it('stores paid-recibo deltas from other kiosks, keeps the cursor across a restart, and fetches only what is new', async () => {
    const other = kiosk(await central.enrol('KIOSCO-B1'));
    const k = kiosk(await central.enrol('KIOSCO-A4'), { paidPageSize: 2 });
    other.pay('B1-1');
    other.pay('B1-2');
    other.pay('B1-3');
    expect(await other.client.syncNow()).toMatchObject({ ok: true, sent: 3 });
    const paidByOther = other.ledger.all().map((p) => p.reciboKey);

    const first = await k.client.syncNow();
    expect(first.ok).toBe(true);
    // Everything paid in the municipality so far (earlier tests' kiosks too), over several pages.
    expect(first.paidRecibos).toBeGreaterThanOrEqual(3);
    for (const key of paidByOther) expect(k.ledger.inPaidList(key)).toBe(true);
    const cursor = k.client.status().paidCursor;
    expect(Number(cursor)).toBeGreaterThan(0);
    expect(k.ledger.paidListAsOf()).toBeInstanceOf(Date);

    await k.restart();
    expect(k.client.status().paidCursor).toBe(cursor);
    for (const key of paidByOther) expect(k.ledger.inPaidList(key)).toBe(true);

    other.pay('B1-4');
    await other.client.syncNow();
    const again = await k.client.syncNow();
    expect(again.paidRecibos).toBe(1);
    expect(k.ledger.inPaidList(other.ledger.get('B1-4')!.reciboKey)).toBe(true);
    expect(Number(k.client.status().paidCursor)).toBeGreaterThan(Number(cursor));
  });

  it('two kiosks paying one recibo offline: both stored, the later flagged, and each kiosk knows which', async () => {
    const a = kiosk(await central.enrol('KIOSCO-D1'));
    const flagged: string[] = [];
    const b = kiosk(await central.enrol('KIOSCO-D2'), { onRefundRequired: (ids) => flagged.push(...ids) });
    const recibo = nextRecibo();
    paymentThrough(a.ledger, 'D1-1', recibo, AT, { csv: testCsv(800_001) });
    paymentThrough(b.ledger, 'D2-1', recibo, AT, { csv: testCsv(800_002) });
    expect(await a.client.syncNow()).toMatchObject({ ok: true, sent: 1, refundRequired: [] });
    expect(await b.client.syncNow()).toMatchObject({ ok: true, sent: 1, refundRequired: ['D2-1.approved'] });
    expect(flagged).toEqual(['D2-1.approved']);
    await a.client.syncNow();
    expect(a.client.paidElsewhere(a.ledger.get('D1-1')!)).toBe(false);
    expect(b.client.paidElsewhere(b.ledger.get('D2-1')!)).toBe(true);
    expect(a.ledger.inPaidList(a.ledger.get('D1-1')!.reciboKey)).toBe(true);
  });

  it('records the heartbeat with the device states in central’s fleet health', async () => {
    const k = kiosk(await central.enrol('KIOSCO-H1'));
    k.pay('H1-1', ['sent_to_terminal', 'approved', 'reversed']);
    await k.client.syncNow();
    const row = (await fleetHealth(central.db, '47186')).find((r) => r.kioskId === 'KIOSCO-H1');
    expect(row?.softwareVersion).toBe('0.0.0-test');
    expect(row?.outboxPending).toBe(0);
    expect(row?.lastSeen).toBeInstanceOf(Date);
    expect(row?.devices).toEqual([
      { device: 'printer', state: 'warning', code: 'printer.paper_near_end' },
      { device: 'payment_terminal', state: 'ok', code: 'payment_terminal.ready' },
    ]);
  });
});

async function readCredential(endpoint: CentralEndpoint) {
  const { readFile } = await import('node:fs/promises');
  return {
    certificatePem: await readFile(endpoint.certificateFile, 'utf8'),
    keyPem: await readFile(endpoint.keyFile, 'utf8'),
    fingerprint: '',
  };
}
