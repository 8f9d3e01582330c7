import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScannerTransportError } from './errors.ts';
import type { ScannerEvents } from './scanner.ts';
import { openSerialScanner, type SerialScanner } from './serial-scanner.ts';

// Wire tests over a real pseudo-terminal pair made by socat: the scanner driver opens A, the test
// writes what a serial scanner would on B.
const hasSocat = spawnSync('socat', ['-V']).status === 0;
const RECIBO = '905212807932500001234461100255334000123450'; // spanish-formats.md §1.7

let dir: string;
let socat: ChildProcess | undefined;
let socatExited: Promise<void>;
let wire: SerialPort | undefined;
let scanner: SerialScanner | undefined;

function startSocat(a: string, b: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    socatExited = new Promise((done) => child.once('exit', () => done()));
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`socat not ready after 5 s: ${log}`));
    }, 5000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      // socat -d -d logs this once both ptys and their links exist.
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve(child);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function openWire(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  return new Promise((resolve, reject) => port.open((e) => (e ? reject(e) : resolve(port))));
}

function write(port: SerialPort, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    port.write(Buffer.from(text, 'latin1'), (e) => (e ? reject(e) : port.drain(() => resolve()))),
  );
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the scanner');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  if (!hasSocat) return;
  dir = mkdtempSync(join(tmpdir(), 'scanner-pty-'));
  socat = await startSocat(join(dir, 'A'), join(dir, 'B'));
  wire = await openWire(join(dir, 'B'));
});

afterEach(async () => {
  if (!hasSocat) return;
  await scanner?.close();
  scanner = undefined;
  const port = wire;
  if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  wire = undefined;
  if (socat !== undefined && socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
  await socatExited;
  socat = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSocat)('SerialScanner over a socat pty pair', () => {
  it('delivers the lines a serial scanner writes, however the bytes arrive', async () => {
    scanner = await openSerialScanner({ path: join(dir, 'A'), prefix: '\u0002' });
    const scans: ScannerEvents['scan'][] = [];
    scanner.on('scan', (text, symbology) => scans.push([text, symbology]));
    expect(scanner.state).toBe('ready');
    const port = wire as SerialPort;
    await write(port, `\u0002]C1${RECIBO.slice(0, 7)}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await write(port, `${RECIBO.slice(7)}\r`);
    await write(port, '\n12345678\n');
    await waitFor(() => scans.length === 2);
    expect(scans).toEqual([
      [RECIBO, ']C1'],
      ['12345678', undefined],
    ]);
  });

  it('reports a line longer than maxLength as an error and goes on', async () => {
    scanner = await openSerialScanner({ path: join(dir, 'A'), maxLength: 48 });
    const seen: string[] = [];
    scanner.on('scan', (text) => seen.push(text));
    scanner.on('error', (error) => seen.push(error.code));
    await write(wire as SerialPort, `${'1'.repeat(60)}\r\n${RECIBO}\r\n`);
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual(['scanner.scan_too_long', RECIBO]);
  });

  it('goes to disconnected when the other end of the line disappears', async () => {
    scanner = await openSerialScanner({ path: join(dir, 'A'), presenceCheckMs: 50 });
    const states: string[] = [];
    scanner.on('state', (state) => states.push(state));
    const errors: string[] = [];
    scanner.on('error', (error) => errors.push(error.code));
    socat?.kill('SIGTERM');
    await socatExited;
    await waitFor(() => states.includes('disconnected'));
    expect(scanner.state).toBe('disconnected');
    expect(errors).toEqual(['scanner.transport']);
  });

  it('refuses a port that does not exist with a transport error', async () => {
    await expect(openSerialScanner({ path: join(dir, 'missing') })).rejects.toBeInstanceOf(
      ScannerTransportError,
    );
  });
});
