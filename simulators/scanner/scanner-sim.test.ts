import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_RECIBO_BARCODES } from './barcodes.ts';
import { SimulatedSerialScanner } from './scanner-sim.ts';

// Wire tests: the simulator writes on its end of a socat pty pair, the test reads the kiosk's end.
const hasSocat = spawnSync('socat', ['-V']).status === 0;

let dir: string;
let sim: SimulatedSerialScanner | undefined;
let kiosk: SerialPort | undefined;

function openKioskEnd(path: string): Promise<{ port: SerialPort; received: () => string }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  let bytes = '';
  port.on('data', (chunk: Buffer) => {
    bytes += chunk.toString('latin1');
  });
  return new Promise((resolve, reject) =>
    port.open((e) => (e ? reject(e) : resolve({ port, received: () => bytes }))),
  );
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the simulator');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanner-sim-test-'));
});

afterEach(async () => {
  const port = kiosk;
  if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  kiosk = undefined;
  await sim?.stop();
  sim = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSocat)('SimulatedSerialScanner over a socat pty pair', () => {
  it('writes each scan as one line on the kiosk end, chunked or not', async () => {
    sim = await SimulatedSerialScanner.start({ kioskPath: join(dir, 'scanner'), aimIdentifier: ']C1' });
    const end = await openKioskEnd(sim.kioskPath);
    kiosk = end.port;
    await sim.scan(SAMPLE_RECIBO_BARCODES.m2_madrid);
    await sim.scan(SAMPLE_RECIBO_BARCODES.m1_madrid, { chunkSize: 5, chunkDelayMs: 2 });
    const expected = `]C1${SAMPLE_RECIBO_BARCODES.m2_madrid}\r]C1${SAMPLE_RECIBO_BARCODES.m1_madrid}\r`;
    await waitFor(() => end.received().length >= expected.length);
    expect(end.received()).toBe(expected);
  });

  it('writes raw bytes as they are', async () => {
    sim = await SimulatedSerialScanner.start({ kioskPath: join(dir, 'scanner') });
    const end = await openKioskEnd(sim.kioskPath);
    kiosk = end.port;
    await sim.writeRaw(Uint8Array.of(0x00, 0xff, 0x0a));
    await waitFor(() => end.received().length >= 3);
    expect(end.received()).toBe('\u0000\u00ff\n');
  });

  it('stop removes the kiosk link and stops socat', async () => {
    sim = await SimulatedSerialScanner.start({ kioskPath: join(dir, 'scanner') });
    expect(existsSync(join(dir, 'scanner'))).toBe(true);
    await sim.stop();
    await sim.stop();
    sim = undefined;
    expect(existsSync(join(dir, 'scanner'))).toBe(false);
  });
});

describe.skipIf(!hasSocat)('scanner simulator CLI', () => {
  it('scans --scan at start and each stdin line, and cleans up on SIGTERM', async () => {
    const link = join(dir, 'kiosk-scanner');
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'main.ts'),
        '--pty',
        link,
        '--scan',
        'm1_madrid',
        '--delay',
        '300',
        '--terminator',
        'crlf',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    try {
      await waitFor(() => out.includes('listening pty'), 10_000);
      const end = await openKioskEnd(link);
      kiosk = end.port;
      // The --scan line goes out --delay ms after the pty exists, once the kiosk has its end open.
      const first = `${SAMPLE_RECIBO_BARCODES.m1_madrid}\r\n`;
      await waitFor(() => end.received() === first);
      child.stdin.write(`${SAMPLE_RECIBO_BARCODES.m2_small}\nnot-a-barcode\nm2_barcelona\n`);
      const rest = `${SAMPLE_RECIBO_BARCODES.m2_small}\r\n${SAMPLE_RECIBO_BARCODES.m2_barcelona}\r\n`;
      await waitFor(() => end.received().length >= first.length + rest.length);
      expect(end.received()).toBe(first + rest);
      await waitFor(() => out.includes(`scanned ${SAMPLE_RECIBO_BARCODES.m2_small}`));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(link)).toBe(false);
  });

  it('refuses a --scan that is not a GS1 digit string before creating the pty', async () => {
    const link = join(dir, 'kiosk-scanner');
    const result = spawnSync(
      process.execPath,
      [join(import.meta.dirname, 'main.ts'), '--pty', link, '--scan', '12x'],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('scanner_sim.bad_argument');
    expect(existsSync(link)).toBe(false);
  });
});
