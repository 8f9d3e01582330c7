/**
 * issue 4 part 6 at the wire: the virtual DNIe in vpcd → pcscd → core's reader service → core's
 * identification session → a WebSocket screen client. The PIN goes in only through
 * `identification.submitPin`; the screen sees pin_required, then the result, and removal wipes it.
 * Holds the machine-wide vpcd lock for the file.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IdentificationState } from '../../../core/api/contract.ts';
import { parseCertificate, verifyChallengeSignature } from '../../../drivers/pki/index.ts';
import {
  type ComponentPki,
  createComponentPki,
  createPersona,
  DEFAULT_PIN,
  type Persona,
  type VpcdCardClient,
  writeTerminalConfig,
} from '../../../simulators/dnie/index.ts';
import { usePcscdReader } from '../../support/pcscd.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';
import { connectScreen, waitOpen } from '../../support/ws-api.ts';
import { insertCard, removeCard } from './harness.ts';

let release: () => void = () => undefined;
let host: TestHost;
let dir: string;
let components: ComponentPki;
let adult: Persona;
let blocked: Persona;
let foreign: Persona;
let client: VpcdCardClient | undefined;
let screen: ReturnType<typeof connectScreen>;
const seen: IdentificationState[] = [];

beforeAll(async () => {
  release = await usePcscdReader();
  dir = await mkdtemp(path.join(tmpdir(), 'cajero-identification-'));
  components = await createComponentPki();
  [adult, blocked, foreign] = await Promise.all([
    createPersona('adult', { components }),
    createPersona('blocked-pin', { components }),
    // Same chip PKI, but a citizen PKI the kiosk does not trust: another root.
    createPersona('adult', { components }),
  ]);
  const terminalConfigFile = await writeTerminalConfig(path.join(dir, 'terminal'), components);
  const trustAnchorsDir = path.join(dir, 'anchors');
  await mkdir(trustAnchorsDir);
  await writeFile(path.join(trustAnchorsDir, 'root.der'), adult.pki!.root.der);
  await writeFile(path.join(trustAnchorsDir, 'intermediate.der'), adult.pki!.intermediate.der);
  host = await startTestHost({
    devices: ['cardReader'],
    change: (config) => {
      config.devices.cardReader = {
        readerNamePattern: '^Virtual PCD 00 00$',
        terminalConfigFile,
        trustAnchorsDir,
      };
    },
  });
  await host.core.cardReader.monitor.waitForReader(5000);
  screen = connectScreen(host.origin, { callTimeoutMs: 15_000 });
  await waitOpen(screen);
  screen.on('identification.changed', (state) => seen.push(state));
}, 120_000);

afterEach(async () => {
  if (!host) return;
  await removeCard(host.core.cardReader.monitor, client);
  client = undefined;
  await expect.poll(() => host.core.identification.state()).toEqual({ state: 'idle' });
  seen.length = 0;
});

afterAll(async () => {
  screen?.close();
  if (host) await removeCard(host.core.cardReader.monitor, client).catch(() => undefined);
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
  release();
});

async function insert(persona: Persona, faults = {}): Promise<void> {
  ({ client } = await insertCard(host.core.cardReader.monitor, persona.card, faults));
  await expect.poll(() => seen.at(-1)).toEqual({ state: 'pin_required' });
}

describe('DNIe identification session through pcscd and the screen API', () => {
  it('identifies with the right PIN; the screen gets the given name only', async () => {
    await insert(adult);
    const result = await screen.call('identification.submitPin', { pin: DEFAULT_PIN });
    expect(result).toEqual({ state: 'identified', givenName: 'María' });
    expect(seen.map((s) => s.state)).toEqual(['pin_required', 'verifying', 'identified']);
    expect(JSON.stringify(seen)).not.toContain('99999002Q');
    expect(host.core.identification.identity()).toMatchObject({ givenName: 'MARÍA', dniNumber: '99999002Q' });
    expect(await screen.call('identification.get', {})).toEqual(result);
  });

  it('for a session service, signs the challenge the session gives and keeps certificate and signature', async () => {
    const central = new Uint8Array(32).fill(0x42);
    host.core.identification.setChallengeSource(async () => central);
    try {
      await insert(adult);
      expect(await screen.call('identification.submitPin', { pin: DEFAULT_PIN })).toMatchObject({
        state: 'identified',
      });
      const credential = host.core.identification.credential();
      expect(credential?.challenge).toEqual(central);
      const certificate = parseCertificate(credential!.certificateDer);
      expect(certificate.citizen.dniNumber).toBe('99999002Q');
      expect(verifyChallengeSignature(certificate, central, credential!.signature)).toBe(true);
    } finally {
      host.core.identification.setChallengeSource(undefined);
    }
  });

  it('says a wrong PIN with the tries left, then accepts the right one', async () => {
    await insert(adult);
    const wrong = await screen.call('identification.submitPin', { pin: 'EQUIVOCADO1' });
    expect(wrong).toMatchObject({ state: 'pin_wrong' });
    expect(wrong.state === 'pin_wrong' && wrong.triesLeft).toBeGreaterThan(0);
    expect(host.core.identification.identity()).toBeUndefined();
    expect(await screen.call('identification.submitPin', { pin: DEFAULT_PIN })).toMatchObject({
      state: 'identified',
    });
  });

  it('says the PIN is blocked', async () => {
    await insert(blocked);
    expect(await screen.call('identification.submitPin', { pin: DEFAULT_PIN })).toEqual({
      state: 'pin_blocked',
    });
    expect(host.core.identification.identity()).toBeUndefined();
  });

  it('refuses a certificate not signed by the configured CA (same names, other keys)', async () => {
    // The simulator's test PKIs all use the same CA names: the path is built by name and the
    // issuer's signature does not verify with the trusted key.
    await insert(foreign);
    expect(await screen.call('identification.submitPin', { pin: DEFAULT_PIN })).toEqual({
      state: 'card_error',
      reason: 'certificado_no_valido',
    });
    expect(host.core.identification.identity()).toBeUndefined();
    expect(host.logs.some((line) => line.detail === 'path: bad_signature')).toBe(true);
  });

  it('wipes the session when the card is pulled while the PIN is being typed', async () => {
    await insert(adult);
    await removeCard(host.core.cardReader.monitor, client);
    client = undefined;
    await expect.poll(() => seen.at(-1)).toEqual({ state: 'idle' });
    // A PIN sent after the card left runs nothing.
    expect(await screen.call('identification.submitPin', { pin: DEFAULT_PIN })).toEqual({ state: 'idle' });
  });

  it('ends idle, with no identity, when the card is pulled during the check', async () => {
    // VERIFY is INS 20: the card vanishes instead of answering it.
    await insert(adult, { removeOnCommand: { ins: 0x20 } });
    const result = await screen.call('identification.submitPin', { pin: DEFAULT_PIN });
    expect(['idle', 'card_error']).toContain(result.state);
    if (result.state === 'card_error') expect(result.reason).toBe('tarjeta_retirada');
    await expect.poll(() => host.core.identification.state()).toEqual({ state: 'idle' });
    expect(host.core.identification.identity()).toBeUndefined();
  });

  it('never wrote the PIN or the DNI number to the log', () => {
    const text = JSON.stringify(host.logs);
    expect(text).not.toContain(DEFAULT_PIN);
    expect(text).not.toContain('EQUIVOCADO1');
    expect(text).not.toContain('99999002Q');
  });
});
