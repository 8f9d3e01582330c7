import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterEmulator } from './server.ts';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;
const CUT = [GS, 0x56, 66, 0];

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

type ByteSource = {
  on(event: 'data', cb: (b: Buffer) => void): unknown;
  off(event: 'data', cb: (b: Buffer) => void): unknown;
};

/** Collects exactly `n` bytes from a stream, or fails after `timeoutMs`. */
function readBytes(source: ByteSource, n: number, timeoutMs = 2000): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const got: number[] = [];
    const onData = (b: Buffer): void => {
      got.push(...b);
      if (got.length >= n) {
        clearTimeout(timer);
        source.off('data', onData);
        resolve(got.slice(0, n));
      }
    };
    const timer = setTimeout(() => {
      source.off('data', onData);
      reject(new Error(`timeout: got ${got.length} of ${n} bytes`));
    }, timeoutMs);
    source.on('data', onData);
  });
}

/** Resolves with the bytes that arrive within `ms` (to prove that nothing arrives). */
function bytesWithin(source: ByteSource, ms: number): Promise<number[]> {
  return new Promise((resolve) => {
    const got: number[] = [];
    const onData = (b: Buffer): void => {
      got.push(...b);
    };
    source.on('data', onData);
    setTimeout(() => {
      source.off('data', onData);
      resolve(got);
    }, ms);
  });
}

function socatRunning(link: string): boolean {
  // /proc holds every process's command line; look for the socat that owns our link.
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('socat') && cmd.includes(link)) return true;
    } catch {
      // process ended while we looked
    }
  }
  return false;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const RECEIPT = [
  [ESC, 0x40, ESC, 0x74, 19],
  [ESC, 0x61, 1, ESC, 0x45, 1, ...ascii('AYUNTAMIENTO'), ESC, 0x45, 0, LF],
  [
    ESC,
    0x61,
    0,
    0x41,
    0xa4,
    0x6f,
    0x20,
    0x32,
    0x30,
    0x32,
    0x36,
    0x3a,
    0x20,
    0x31,
    0x32,
    0x2c,
    0x35,
    0x30,
    0x20,
    0xd5,
    LF,
  ],
  [ESC, 0x64, 2, ...CUT],
].flat();

describe('wire: TCP', () => {
  async function startTcp() {
    const out = mkdtempSync(join(tmpdir(), 'printer-emu-'));
    const emulator = new PrinterEmulator({ tcpPort: 0, outDir: out });
    const listening = await emulator.start();
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    cleanups.push(() => emulator.stop());
    const socket: Socket = connect(listening.tcp!.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    cleanups.push(() => {
      socket.destroy();
    });
    return { emulator, socket, out };
  }

  it('prints a receipt, saves its PNG and answers DLE EOT after it', async () => {
    const { emulator, socket, out } = await startTcp();
    const next = emulator.nextDocument();
    socket.write(Uint8Array.from([...RECEIPT, DLE, 0x04, 1]));
    expect(await readBytes(socket, 1)).toEqual([0x12]);
    const doc = await next;
    // ESC d 2 after the last LF adds two blank lines.
    expect(doc.text).toBe('AYUNTAMIENTO\nAño 2026: 12,50 €\n\n');
    expect(doc.complete).toBe(true);
    expect(doc.pngPath).not.toBeNull();
    expect(existsSync(doc.pngPath!)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['receipt-0001.png', 'receipt-0001.txt']);
    expect(emulator.lastDocumentPng()?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('reports paper out and keeps the interrupted receipt as incomplete', async () => {
    const { emulator, socket } = await startTcp();
    socket.write(Uint8Array.from([...ascii('primera linea'), LF]));
    // Wait for the first line to be taken in before the paper runs out.
    socket.write(Uint8Array.of(DLE, 0x04, 1));
    expect(await readBytes(socket, 1)).toEqual([0x12]);
    emulator.setState('paper-out');
    socket.write(Uint8Array.of(DLE, 0x04, 1, DLE, 0x04, 2, DLE, 0x04, 4));
    expect(await readBytes(socket, 3)).toEqual([0x1a, 0x32, 0x7e]);
    const next = emulator.nextDocument();
    socket.write(Uint8Array.from([...ascii('segunda linea'), LF, ...CUT]));
    const doc = await next;
    expect([doc.complete, doc.interruptedBy, doc.text]).toEqual([false, 'paper_out', 'primera linea']);
    emulator.setState('online');
    socket.write(Uint8Array.of(DLE, 0x04, 4));
    expect(await readBytes(socket, 1)).toEqual([0x12]);
  });

  it('answers DLE EOT at once in the middle of a QR store whose data has not all arrived', async () => {
    const { emulator, socket } = await startTcp();
    const data = ascii('https://example.es/csv/ABC');
    const k = data.length + 3;
    socket.write(
      Uint8Array.from([GS, 0x28, 0x6b, k, 0, 0x31, 0x50, 0x30, ...data.slice(0, 5), DLE, 0x04, 3]),
    );
    expect(await readBytes(socket, 1)).toEqual([0x12]);
    // The request bytes count as symbol data, so three fewer data bytes complete the store.
    const next = emulator.nextDocument();
    socket.write(Uint8Array.from([...data.slice(8), GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, LF, ...CUT]));
    const doc = await next;
    expect(doc.blocks[0]?.kind).toBe('qr');
  });

  it('does not answer at all while off', async () => {
    const { emulator, socket } = await startTcp();
    emulator.setState('off');
    const silence = bytesWithin(socket, 300);
    socket.write(Uint8Array.of(DLE, 0x04, 1));
    expect(await silence).toEqual([]);
  });
});

describe('wire: pseudo-terminal', () => {
  it('prints and answers status over a socat pty opened with serialport, then cleans up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printer-pty-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = join(dir, 'printer-link');
    const emulator = new PrinterEmulator({ tcpPort: null, ptyLink: link });
    const listening = await emulator.start();
    cleanups.push(() => emulator.stop());
    expect(listening.pty?.kioskPath).toBe(link);
    expect(listening.tcp).toBeNull();

    const kiosk = new SerialPort({ path: link, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => kiosk.open((err) => (err ? reject(err) : resolve())));
    cleanups.push(
      () => new Promise<void>((resolve) => (kiosk.isOpen ? kiosk.close(() => resolve()) : resolve())),
    );

    const next = emulator.nextDocument();
    kiosk.write(Buffer.from([...RECEIPT, DLE, 0x04, 4]));
    expect(await readBytes(kiosk, 1)).toEqual([0x12]);
    expect((await next).text).toContain('Año 2026: 12,50 €');

    emulator.setState({ paperOut: true });
    kiosk.write(Buffer.from([DLE, 0x04, 4, GS, 0x72, 1]));
    expect(await readBytes(kiosk, 2)).toEqual([0x7e, 0x0f]);

    await new Promise<void>((resolve) => kiosk.close(() => resolve()));
    await emulator.stop();
    expect(existsSync(link)).toBe(false);
    expect(socatRunning(link)).toBe(false);
  });
});
