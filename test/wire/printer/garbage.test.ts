/**
 * Garbage bytes from the printer (issue 5), at the wire: the printer end is a raw socket or the far
 * end of a socat pty pair that this test controls, so it can answer anything at all. The driver
 * must turn it into its typed errors (or ignore stale noise), send no document after a status it
 * cannot read, and never throw anything else.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  block,
  CODE_PAGES,
  HEALTHY_STATUS,
  openSerialTransport,
  openTcpTransport,
  Printer,
  PrinterOfflineError,
  PrinterStatusError,
  type PrinterTransport,
} from '../../../drivers/printer/index.ts';

const OPTIONS = { paperWidthMm: 80, codePage: CODE_PAGES.pc858, statusTimeoutMs: 150 } as const;
const DLE = 0x10;
const EOT = 0x04;

/** The printer end: sees what the kiosk sends, answers what the test says. */
interface Peer {
  readonly received: number[];
  scanned: number;
  /** Answer to DLE EOT n; empty = no answer. */
  answer: (n: number) => number[];
  write(bytes: number[]): void;
  close(): Promise<void>;
}

function handle(peer: Peer, chunk: Buffer, send: (bytes: Buffer) => void): void {
  peer.received.push(...chunk);
  // The kiosk sends DLE EOT n, GS r 1 and documents without 0x10/0x1d 0x72 in them here: a naive
  // scan of 3-byte commands is enough.
  const bytes = peer.received;
  while (peer.scanned + 2 < bytes.length) {
    const i = peer.scanned;
    if (bytes[i] === DLE && bytes[i + 1] === EOT) {
      const reply = peer.answer(bytes[i + 2] ?? 0);
      if (reply.length > 0) send(Buffer.from(reply));
      peer.scanned += 3;
    } else if (bytes[i] === 0x1d && bytes[i + 1] === 0x72) {
      send(Buffer.of(0x00)); // GS r 1: paper present
      peer.scanned += 3;
    } else {
      peer.scanned += 1;
    }
  }
}

async function tcpPeer(): Promise<{ peer: Peer; kiosk: PrinterTransport }> {
  const sockets: Socket[] = [];
  const peer: Peer = {
    received: [],
    scanned: 0,
    answer: () => [0x12],
    write: (bytes) => {
      for (const socket of sockets) socket.write(Buffer.from(bytes));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => handle(peer, chunk, (b) => socket.write(b)));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const kiosk = await openTcpTransport({ host: '127.0.0.1', port: address.port });
  // Wait until the server side has the socket, so `write` reaches the kiosk.
  const deadline = Date.now() + 2000;
  while (sockets.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return { peer, kiosk };
}

async function ptyPeer(): Promise<{ peer: Peer; kiosk: PrinterTransport }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'printer-garbage-'));
  const kioskEnd = path.join(dir, 'kiosk');
  const printerEnd = path.join(dir, 'printer');
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${printerEnd}`, `pty,raw,echo=0,link=${kioskEnd}`],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => socat.once('exit', resolve));
  const spawnFailed = new Promise<never>((_, reject) => socat.once('error', reject));
  const deadline = Date.now() + 5000;
  while (!(existsSync(kioskEnd) && existsSync(printerEnd))) {
    if (Date.now() > deadline) throw new Error('socat did not create the pty pair (is socat installed?)');
    await Promise.race([new Promise((r) => setTimeout(r, 20)), spawnFailed]);
  }
  const port = new SerialPort({ path: printerEnd, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const peer: Peer = {
    received: [],
    scanned: 0,
    answer: () => [0x12],
    write: (bytes) => port.write(Buffer.from(bytes)),
    close: async () => {
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      socat.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  port.on('data', (chunk: Buffer) => handle(peer, chunk, (b) => port.write(b)));
  const kiosk = await openSerialTransport({ path: kioskEnd, baudRate: 115200 });
  return { peer, kiosk };
}

const DOC = { blocks: [block.text('Justificante'), block.cut()] };

describe.each([
  ['tcp', tcpPeer],
  ['pty', ptyPeer],
] as const)('garbage from the printer over %s', (_, open) => {
  let peer: Peer;
  let kiosk: PrinterTransport;
  let printer: Printer;

  beforeEach(async () => {
    ({ peer, kiosk } = await open());
    printer = new Printer(kiosk, OPTIONS);
  });

  afterEach(async () => {
    await kiosk.close();
    await peer.close();
  });

  it('an answer that is not a status byte is a typed status error, and no document is sent', async () => {
    peer.answer = (n) => [[0xff, 0x00, 0x41, 0x80][n - 1] ?? 0xff];
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterStatusError);
    const sentBefore = peer.received.length;
    const result = await printer.print(DOC);
    expect(result).toMatchObject({
      delivered: false,
      bytesSent: false,
      error: { code: 'printer.status_invalid' },
    });
    // Only the four status requests went out: DLE EOT 1–4.
    expect(peer.received.slice(sentBefore)).toEqual([DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4]);
  });

  it('stale noise on the line before a request is dropped, and the status is read right', async () => {
    peer.write([0x00, 0xff, 0x1b, 0x40, 0x12, 0x7f, 0x80, 0x0a, 0x55, 0x10, 0x04, 0xaa]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await printer.status()).toEqual(HEALTHY_STATUS);
    expect(await printer.print(DOC)).toMatchObject({ delivered: true });
  });

  it('any answer at all gives a status or a typed error, nothing else (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 6 }), async (garbage) => {
        // The whole garbage comes back as the answer to the first request; the others get nothing.
        peer.answer = (n) => (n === 1 ? [...garbage] : []);
        try {
          await printer.status();
          // Only four valid DLE EOT bytes (0xx1xx10) can make a status.
          expect(garbage.length).toBeGreaterThanOrEqual(4);
          for (const byte of garbage.subarray(0, 4)) expect(byte & 0x93).toBe(0x12);
        } catch (error) {
          expect(error instanceof PrinterStatusError || error instanceof PrinterOfflineError).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  });
});
