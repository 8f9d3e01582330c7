/**
 * A recibo scanned on the simulated serial scanner reaches core through a real pseudo-terminal, and
 * core/recibos reads it: the path a citizen's recibo takes from the scanner window to the screen.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReciboBarcode } from '../../../core/recibos/index.ts';
import { SAMPLE_RECIBO_BARCODES, SimulatedSerialScanner } from '../../../simulators/scanner/index.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';

let dir: string;
let kioskPath: string;
let scanner: SimulatedSerialScanner;
let host: TestHost;

const nextScan = (h: TestHost) =>
  new Promise<string>((resolve) => {
    const off = h.core.scanner.onScan((text) => {
      off();
      resolve(text);
    });
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-scanner-'));
  kioskPath = path.join(dir, 'scanner');
  scanner = await SimulatedSerialScanner.start({ kioskPath, terminator: 'cr' });
  host = await startTestHost({
    change: (config) => {
      config.devices.scanner = { type: 'serial', path: kioskPath, baudRate: 9600 };
    },
  });
  await host.core.scanner.open();
});

afterAll(async () => {
  await host?.stop();
  await scanner?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('recibo scanner at the wire', () => {
  it('reports the scanner ready, and hands a scanned recibo to core intact', async () => {
    expect(host.core.devices.get('scanner')).toMatchObject({ health: 'ok', code: 'ready', detail: 'serial' });
    const scanned = nextScan(host);
    await scanner.scan(SAMPLE_RECIBO_BARCODES.m2_madrid);
    const text = await scanned;
    expect(text).toBe(SAMPLE_RECIBO_BARCODES.m2_madrid);
    expect(parseReciboBarcode(text)).toMatchObject({ emisora: '280793', importeCents: 12345 });
  });

  it('never logs what was scanned', async () => {
    const scanned = nextScan(host);
    await scanner.scan(SAMPLE_RECIBO_BARCODES.m2_madrid);
    await scanned;
    const logged = JSON.stringify(host.logs);
    expect(logged).toContain('barcode scanned');
    expect(logged).not.toContain(SAMPLE_RECIBO_BARCODES.m2_madrid);
  });

  it('reports the scanner gone when it is unplugged, and ready again when it comes back', async () => {
    await scanner.stop();
    for (let i = 0; i < 50 && host.core.devices.get('scanner').code !== 'disconnected'; i++) await sleep(100);
    expect(host.core.devices.get('scanner')).toMatchObject({ health: 'error', code: 'disconnected' });
    expect(existsSync(kioskPath)).toBe(false);
    scanner = await SimulatedSerialScanner.start({ kioskPath, terminator: 'cr' });
    await host.core.scanner.open();
    expect(host.core.devices.get('scanner')).toMatchObject({ health: 'ok', code: 'ready' });
    const scanned = nextScan(host);
    await scanner.scan(SAMPLE_RECIBO_BARCODES.m2_madrid);
    expect(await scanned).toBe(SAMPLE_RECIBO_BARCODES.m2_madrid);
  });
});
