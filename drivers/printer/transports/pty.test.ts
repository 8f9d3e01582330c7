import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../codepage.ts';
import { block } from '../document.ts';
import { Printer } from '../printer.ts';
import { HEALTHY_STATUS } from '../status.ts';
import { FakePrinterBrain } from '../testing/fake-printer.ts';
import { openSerialTransport } from './serial.ts';
import type { PrinterTransport } from './transport.ts';
import { openUsbLpTransport } from './usb-lp.ts';

// Wire tests over a pair of pseudo-terminals made by socat: the driver opens one end, a fake
// printer (through serialport) answers on the other.
const hasSocat = spawnSync('socat', ['-V']).status === 0;

let dir: string;
let socat: ChildProcess;
let fakeSide: SerialPort;
let brain: FakePrinterBrain;
let transport: PrinterTransport | undefined;

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for socat');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  if (!hasSocat) return;
  dir = mkdtempSync(join(tmpdir(), 'printer-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  await waitFor(() => existsSync(a) && existsSync(b), 5000);
  brain = new FakePrinterBrain();
  fakeSide = new SerialPort({ path: b, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => fakeSide.open((e) => (e ? reject(e) : resolve())));
  fakeSide.on('data', (chunk: Buffer) => {
    const reply = brain.receive(chunk);
    if (reply.length > 0) fakeSide.write(Buffer.from(reply));
  });
});

afterEach(async () => {
  if (!hasSocat) return;
  await transport?.close();
  transport = undefined;
  if (fakeSide.isOpen) await new Promise<void>((resolve) => fakeSide.close(() => resolve()));
  const exited = new Promise((resolve) => socat.once('exit', resolve));
  socat.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });
});

const options = { paperWidthMm: 80, codePage: CODE_PAGES.wpc1252, statusTimeoutMs: 300 } as const;
const doc = {
  blocks: [block.text('Justificante de pago'), block.keyValue('Importe', '12,50 €'), block.cut()],
};

describe.skipIf(!hasSocat)('transports over a socat pty pair', () => {
  it('USB printer device file: status and print', async () => {
    transport = await openUsbLpTransport({ path: join(dir, 'A') });
    const printer = new Printer(transport, options);
    expect(await printer.status()).toEqual(HEALTHY_STATUS);
    expect(await printer.print(doc)).toMatchObject({ delivered: true });
  });

  it('USB printer device file: a read times out with what arrived', async () => {
    transport = await openUsbLpTransport({ path: join(dir, 'A') });
    const started = Date.now();
    expect((await transport.read(1, 150)).length).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('serial port: status and a paper-out in the middle of a print', async () => {
    transport = await openSerialTransport({ path: join(dir, 'A'), baudRate: 115200 });
    const printer = new Printer(transport, { ...options, completionTimeoutMs: 300 });
    expect(await printer.status()).toEqual(HEALTHY_STATUS);
    brain.paperLeft = 5;
    expect(await printer.print(doc)).toMatchObject({ delivered: false, bytesSent: true });
  });

  it('refuses a device that does not exist with a transport error', async () => {
    await expect(openUsbLpTransport({ path: join(dir, 'missing') })).rejects.toMatchObject({
      code: 'printer.transport',
    });
    await expect(openSerialTransport({ path: join(dir, 'missing'), baudRate: 9600 })).rejects.toMatchObject({
      code: 'printer.transport',
    });
  });
});
