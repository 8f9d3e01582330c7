/**
 * The KioskApi contract over the Electron IPC transport (electron/ipc), with an in-memory IPC pair
 * standing in for Electron's: the same suite the WebSocket transport runs, plus the sender checks that
 * only this transport has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type DeviceKind, KIOSK_API_VERSION } from '../../core/api/contract.ts';
import { KioskCore } from '../../core/kiosk-core.ts';
import { createLogger } from '../../core/log/logger.ts';
import {
  attachIpcTransport,
  createIpcKioskApi,
  createMemoryIpcPair,
  KIOSK_CALL_CHANNEL,
  type MemoryIpcPair,
} from '../../electron/ipc/index.ts';
import { parseKioskConfigText } from '../../kiosk-config/index.ts';
import { demoConfigText } from '../support/test-host.ts';
import { type ContractFixture, kioskApiContract } from './kiosk-api-contract.ts';

interface IpcFixture extends ContractFixture {
  readonly pair: MemoryIpcPair;
  readonly logs: Array<Record<string, unknown>>;
}

async function startIpcCore(): Promise<IpcFixture> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-ipc-'));
  const text = demoConfigText((config) => {
    config.dataDir = dataDir;
    config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: 1 };
    config.devices.paymentTerminal.connection = { transport: 'tcp', host: '127.0.0.1', port: 1 };
    config.devices.scanner = { type: 'none' };
    config.simulators = { dnie: false, paymentTerminal: false, printer: false, scanner: false };
  });
  const loaded = parseKioskConfigText(text, path.join(dataDir, 'kiosk.json'));
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ destination, level: 'debug', component: 'ipc-test' });
  const core = new KioskCore({ loaded, logger });
  const pair = createMemoryIpcPair(7);
  const transport = attachIpcTransport({
    ipc: pair.main,
    dispatch: core.dispatch,
    events: core.events,
    logger,
    screen: () => pair.screen,
  });
  // The DNIe reader needs pcscd, shared by the machine: like the WebSocket suite, left out.
  const devices: DeviceKind[] = ['printer', 'paymentTerminal', 'scanner'];
  core.start(devices);
  await settled(core, devices);
  const renderer = pair.renderer();
  const api = createIpcKioskApi(renderer, { callTimeoutMs: 5000 });
  return {
    core,
    api,
    pair,
    logs,
    raw: (frame) => renderer.invoke(KIOSK_CALL_CHANNEL, frame),
    stop: async () => {
      api.close();
      transport.close();
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the devices have left `starting` and their events have crossed the pair: over IPC the
 * screen is there from the first instant, and a test must not take a start-up event for its own.
 */
async function settled(core: KioskCore, devices: readonly DeviceKind[]): Promise<void> {
  const deadline = Date.now() + 3000;
  const starting = () => core.devices.list().some((d) => devices.includes(d.device) && d.code === 'starting');
  while (starting() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

kioskApiContract('Electron IPC (in-memory pair)', startIpcCore);

describe('Electron IPC transport', () => {
  let fixture: IpcFixture | undefined;
  afterEach(async () => {
    await fixture?.stop();
    fixture = undefined;
  });

  const hello = JSON.stringify({
    v: KIOSK_API_VERSION,
    type: 'call',
    id: 1,
    method: 'kiosk.hello',
    params: { apiVersion: KIOSK_API_VERSION },
  });

  it('refuses a subframe, another window and a foreign origin before core sees the message', async () => {
    fixture = await startIpcCore();
    const { pair } = fixture;
    for (const [sender, reason] of [
      [{ isMainFrame: false }, 'subframe'],
      [{ webContentsId: 99 }, 'foreign_window'],
      [{ frameUrl: 'https://evil.example/' }, 'foreign_origin'],
      [{ frameUrl: null }, 'no_frame'],
    ] as const) {
      await expect(pair.renderer(sender).invoke(KIOSK_CALL_CHANNEL, hello)).rejects.toMatchObject({
        code: 'electron.ipc_sender_refused',
      });
      expect(
        fixture.logs.some(
          (l) => l.msg === 'kiosk api ipc call refused: foreign sender' && l.reason === reason,
        ),
      ).toBe(true);
    }
    // No call was dispatched: the dispatcher logs nothing about refused senders.
    expect(fixture.logs.some((l) => l.msg === 'kiosk api call rejected')).toBe(false);
    await expect(pair.renderer().invoke(KIOSK_CALL_CHANNEL, hello)).resolves.toMatchObject({
      type: 'result',
      id: 1,
    });
  });

  it('answers a message that is not a string as malformed', async () => {
    fixture = await startIpcCore();
    const renderer = fixture.pair.renderer();
    const invoke = renderer.invoke as (channel: string, message: unknown) => Promise<unknown>;
    await expect(
      invoke(KIOSK_CALL_CHANNEL, { v: 1, type: 'call', id: 2, method: 'devices.list', params: {} }),
    ).resolves.toMatchObject({
      type: 'error',
      id: null,
      error: { code: 'malformed' },
    });
  });

  it('refuses every call once the window is gone, and sends it no more events', async () => {
    fixture = await startIpcCore();
    const seen: unknown[] = [];
    fixture.api.on('devices.changed', (data) => seen.push(data));
    fixture.core.devices.report('printer', { health: 'warning', code: 'paper_near_end' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(1);
    seen.length = 0;
    fixture.pair.destroy();
    fixture.core.devices.report('printer', { health: 'error', code: 'paper_out' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    await expect(fixture.api.call('devices.list', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
