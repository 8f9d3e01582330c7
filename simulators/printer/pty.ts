/**
 * Thin I/O: a pseudo-terminal pair made by socat (escpos.md §8, serial transport). One link is opened
 * by the emulator, the other is handed to the kiosk as if it were /dev/ttyUSB0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { PrinterSimError } from './errors.ts';

export type PtyPair = {
  /** The end the emulator opens. */
  readonly emulatorPath: string;
  /** The end the kiosk opens. */
  readonly kioskPath: string;
  readonly pid: number | undefined;
  close(): Promise<void>;
};

/** Starts `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and waits until it relays data. */
export function startPtyPair(emulatorPath: string, kioskPath: string, timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${emulatorPath}`, `pty,raw,echo=0,link=${kioskPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    let settled = false;
    const fail = (detail: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(
        new PrinterSimError(
          'printer_sim.pty_failed',
          'No se pudo crear el puerto serie virtual de la impresora.',
          detail,
          cause === undefined ? undefined : { cause },
        ),
      );
    };
    const timer = setTimeout(
      () => fail(`socat not ready after ${timeoutMs} ms: ${stderr.trim()}`),
      timeoutMs,
    );
    child.on('error', (err) => fail(`cannot run socat: ${err.message}`, err));
    child.on('exit', (code, signal) =>
      fail(`socat exited early (code ${code}, signal ${signal}): ${stderr.trim()}`),
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      // socat logs this once both ptys exist and their links are in place.
      if (!settled && stderr.includes('starting data transfer loop')) {
        settled = true;
        clearTimeout(timer);
        resolve(makePair(child, emulatorPath, kioskPath));
      }
    });
  });
}

function makePair(child: ChildProcess, emulatorPath: string, kioskPath: string): PtyPair {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  // If this process dies without calling close(), do not leave socat behind.
  const onExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  return {
    emulatorPath,
    kioskPath,
    pid: child.pid,
    async close(): Promise<void> {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      // socat removes its links on a clean exit; make sure nothing stale stays for the next run.
      for (const p of [emulatorPath, kioskPath]) rmSync(p, { force: true });
    },
  };
}
