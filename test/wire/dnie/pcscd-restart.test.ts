/**
 * pcscd stopping under a command and coming back: the pending command fails with a typed error at once,
 * the monitor reports the service lost, reconnects by itself and sees the reader and the card again.
 * Holds the machine-wide vpcd lock, so no other file using pcscd's vpcd reader runs meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PcscError, ReaderMonitor } from '../../../drivers/pcsc/index.ts';
import { createPersona, type VpcdCardClient } from '../../../simulators/dnie/index.ts';
import { ensurePcscd, stopPcscd, usePcscdReader } from '../../support/pcscd.ts';
import { insertCard, removeCard, startMonitor } from './harness.ts';

let release: () => void = () => undefined;
let monitor: ReaderMonitor;
let clients: VpcdCardClient[] = [];

beforeAll(async () => {
  release = await usePcscdReader();
  monitor = startMonitor();
  await monitor.waitForReader(5000);
});

afterAll(async () => {
  for (const client of clients) await removeCard(monitor, client);
  clients = [];
  await monitor?.stop();
  // Leave pcscd running for whoever comes next, even if the test failed half-way.
  await ensurePcscd().finally(release);
});

describe('pcscd restart', () => {
  it('fails the command in flight with pcsc.no_service and recovers', async () => {
    const persona = await createPersona('adult');
    const first = await insertCard(monitor, persona.card, { latencyMs: 2500 });
    clients.push(first.client);
    const connection = await monitor.connect(first.reader, { transmitTimeoutMs: 5000 });
    const lost = new Promise<PcscError>((resolve) => monitor.once('service-lost', resolve));
    const restored = new Promise<void>((resolve) => monitor.once('service-restored', () => resolve()));
    const started = Date.now();
    const pending = connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 });
    const outcome = pending.then(
      () => 'answered',
      (error: PcscError) => error.code,
    );
    await stopPcscd();
    expect(await outcome).toBe('pcsc.no_service');
    expect(Date.now() - started).toBeLessThan(2500);
    expect((await lost).code).toBe('pcsc.no_service');
    expect(monitor.readers()).toEqual([]);

    await ensurePcscd();
    await restored;
    await monitor.waitForReader(5000);
    first.client.faults = {};
    await first.client.remove();
    const second = await insertCard(monitor, persona.card);
    clients.push(second.client);
    const again = await monitor.connect(second.reader);
    expect(await again.transmitOk({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).toEqual(
      persona.card.serial,
    );
    await again.close();
  });
});
