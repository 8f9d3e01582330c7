import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DnieError, SmMacError } from '../../drivers/dnie/index.ts';
import { PcscError, type ReaderMonitor } from '../../drivers/pcsc/index.ts';
import { createTestPki } from '../../drivers/pki/testing/index.ts';
import { createLogger } from '../log/logger.ts';
import { createDnieIdentifier, errorReason } from './dnie-identifier.ts';
import { loadTrustAnchors } from './trust-anchors.ts';

const silent = createLogger({
  destination: new Writable({ write: (_c, _e, done) => done() }),
  level: 'debug',
});

function monitorWith(cards: { reader: string; atr: Uint8Array }[]): ReaderMonitor {
  return {
    cards: () => cards,
    connect: () => Promise.reject(new PcscError('card_removed', 'test')),
  } as unknown as ReaderMonitor;
}

describe('DNIe identifier', () => {
  it('says the card is gone when none is in the reader, and zeroes nothing it did not get', async () => {
    const identify = createDnieIdentifier({
      monitor: monitorWith([]),
      terminalConfigFile: '/nonexistent/terminal.json',
      trustAnchorsDir: undefined,
      logger: silent,
      now: () => new Date(),
    });
    expect(await identify(new Uint8Array([0x31, 0x32, 0x33, 0x34]), new Uint8Array(32))).toMatchObject({
      status: 'card_error',
      reason: 'tarjeta_retirada',
    });
  });

  it('cannot identify without a terminal configuration', async () => {
    const identify = createDnieIdentifier({
      monitor: monitorWith([{ reader: 'r', atr: new Uint8Array(2) }]),
      terminalConfigFile: undefined,
      trustAnchorsDir: undefined,
      logger: silent,
      now: () => new Date(),
    });
    expect(await identify(new Uint8Array(8), new Uint8Array(32))).toMatchObject({
      status: 'card_error',
      reason: 'lector_no_configurado',
    });
  });

  it('zeroes the PIN when the terminal configuration cannot be read', async () => {
    const identify = createDnieIdentifier({
      monitor: monitorWith([{ reader: 'r', atr: new Uint8Array(2) }]),
      terminalConfigFile: '/nonexistent/terminal.json',
      trustAnchorsDir: undefined,
      logger: silent,
      now: () => new Date(),
    });
    const pin = new TextEncoder().encode('PRUEBA2026');
    expect(await identify(pin, new Uint8Array(32))).toMatchObject({
      status: 'card_error',
      reason: 'lector_no_configurado',
      detail: 'dnie.config_invalid',
    });
    expect([...pin].every((b) => b === 0)).toBe(true);
  });

  it('maps driver errors to the Spanish reason codes, with codes only as detail', () => {
    expect(errorReason(new PcscError('card_removed', 'x'))).toEqual({
      reason: 'tarjeta_retirada',
      detail: 'pcsc.card_removed',
    });
    expect(errorReason(new PcscError('timeout', 'x')).reason).toBe('comunicacion_fallida');
    expect(errorReason(new DnieError('card_not_genuine', 'x')).reason).toBe('tarjeta_no_autentica');
    expect(errorReason(new DnieError('burnt', 'x')).reason).toBe('dnie_inutilizado');
    expect(errorReason(new DnieError('channel_lost', 'x')).reason).toBe('comunicacion_fallida');
    expect(errorReason(new SmMacError('x'))).toEqual({
      reason: 'comunicacion_fallida',
      detail: 'dnie.sm_bad_mac',
    });
    expect(errorReason(new Error('PRUEBA2026'))).toEqual({ reason: 'error_interno', detail: 'unknown' });
  });
});

describe('trust anchors folder', () => {
  it('takes self-signed certificates as anchors and the rest as intermediates', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cajero-anchors-'));
    try {
      const pki = createTestPki(new Date());
      await writeFile(path.join(dir, 'root.der'), pki.root.der);
      await writeFile(path.join(dir, 'sub.der'), pki.intermediate.der);
      await writeFile(path.join(dir, 'README.txt'), 'not a certificate');
      const trust = await loadTrustAnchors(dir);
      expect(trust.anchors).toHaveLength(1);
      expect(trust.intermediates).toHaveLength(1);
      expect(trust.anchors[0]!.serialNumber).not.toBe(trust.intermediates![0]!.serialNumber);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
