/**
 * The demo's virtual DNIe as `./cajero start` runs it (core/host planDnieSimulator): the simulator
 * process with no card in, its terminal configuration written where core reads it, and its page
 * inserting and pulling a persona's card; core identifies through pcscd. Holds the vpcd lock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentificationState } from '../../../core/api/contract.ts';
import { planDnieSimulator } from '../../../core/host/companion-processes.ts';
import { DEMO_CONFIG_FILE, loadKioskConfig, parseKioskConfigText } from '../../../kiosk-config/index.ts';
import { usePcscdReader } from '../../support/pcscd.ts';
import { demoConfigText, startTestHost, type TestHost } from '../../support/test-host.ts';
import { connectScreen, waitOpen } from '../../support/ws-api.ts';

const REPOSITORY = path.resolve(import.meta.dirname, '..', '..', '..');
let release: () => void = () => undefined;
let dir: string;
let simulator: ChildProcess | undefined;
let pageUrl: string;
let host: TestHost | undefined;
let screen: ReturnType<typeof connectScreen> | undefined;
const seen: IdentificationState[] = [];

beforeAll(async () => {
  release = await usePcscdReader();
  dir = await mkdtemp(path.join(tmpdir(), 'cajero-dnie-demo-'));
  const plan = planDnieSimulator(
    parseKioskConfigText(demoConfigText(), path.join(dir, 'kiosk.json')).config,
    dir,
  );
  expect(plan).not.toBeNull();
  // The plan's arguments, on a free port instead of the demo's fixed one.
  const args = plan!.args.map((arg, i) => (['--http', '--ocsp'].includes(plan!.args[i - 1]!) ? '0' : arg));
  simulator = spawn(process.execPath, [path.join(REPOSITORY, plan!.script), ...args], {
    cwd: REPOSITORY,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  pageUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start:\n${output}`)), 30_000);
    simulator!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /demo page: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    simulator!.once('exit', (code) => reject(new Error(`the simulator exited with ${code}:\n${output}`)));
  });
  host = await startTestHost({
    devices: ['cardReader'],
    change: (config) => {
      config.devices.cardReader = {
        readerNamePattern: '^Virtual PCD 00 00$',
        terminalConfigFile: path.join(dir, 'dnie', 'terminal.json'),
      };
    },
  });
  await host.core.cardReader.monitor.waitForReader(5000);
  screen = connectScreen(host.origin, { callTimeoutMs: 15_000 });
  await waitOpen(screen);
  screen.on('identification.changed', (state) => seen.push(state));
}, 120_000);

afterAll(async () => {
  screen?.close();
  if (simulator && simulator.exitCode === null) {
    const exited = new Promise((resolve) => simulator!.once('exit', resolve));
    simulator.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (simulator.exitCode === null) simulator.kill('SIGKILL');
  }
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
  release();
});

const post = (route: string, body = '') =>
  fetch(new URL(route, pageUrl), {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });

describe('demo DNIe simulator', () => {
  it('plans the simulator only when simulators.dnie is on, writing where the demo configuration reads', async () => {
    const demo = await loadKioskConfig(DEMO_CONFIG_FILE);
    const dataDir = path.resolve(demo.baseDir, demo.config.dataDir);
    const plan = planDnieSimulator(demo.config, dataDir);
    expect(plan!.args).toContain('--start-removed');
    expect(plan!.args[plan!.args.indexOf('--write-terminal-config') + 1]).toBe(path.join(dataDir, 'dnie'));
    expect(demo.config.devices.cardReader.terminalConfigFile).toBe(
      path.join(dataDir, 'dnie', 'terminal.json'),
    );
    expect(plan!.note).not.toContain('debe apuntar');
    const off = parseKioskConfigText(
      demoConfigText((c) => {
        c.simulators.dnie = false;
      }),
      path.join(REPOSITORY, 'kiosk-config', 'x.json'),
    );
    expect(planDnieSimulator(off.config, dataDir)).toBeNull();
  });

  it('starts with no card, inserts a persona from its page, and core identifies it', async () => {
    expect(host!.core.cardReader.card()).toEqual({ present: false, cardType: null });
    expect(await (await fetch(pageUrl)).text()).toContain('No hay ninguna tarjeta en el lector.');
    expect((await post('/insert', 'persona=adult')).status).toBe(303);
    await expect.poll(() => seen.at(-1), { timeout: 6000 }).toEqual({ state: 'pin_required' });
    expect(await (await fetch(pageUrl)).text()).toContain('Tarjeta insertada: <strong>adult</strong>');
    expect(await screen!.call('identification.submitPin', { pin: 'PRUEBA2026' })).toEqual({
      state: 'identified',
      givenName: 'María',
    });
  });

  it('pulls the card from its page: the session is wiped', async () => {
    expect((await post('/remove')).status).toBe(303);
    await expect.poll(() => seen.at(-1), { timeout: 6000 }).toEqual({ state: 'idle' });
    expect(host!.core.identification.identity()).toBeUndefined();
  });

  it('refuses an unknown persona', async () => {
    expect((await post('/insert', 'persona=nadie')).status).toBe(400);
  });
});
