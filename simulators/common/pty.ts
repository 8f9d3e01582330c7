/**
 * Thin I/O shared by the serial simulators: a pseudo-terminal pair made by
 * `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`. The simulator opens one end; the other is
 * handed to the kiosk as if it were a serial device (/dev/ttyUSB0, /dev/ttyACM0).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface PtyPair {
  /** The end the simulator opens. */
  readonly simulatorPath: string;
  /** The end the kiosk opens. */
  readonly kioskPath: string;
  readonly pid: number | undefined;
  /** Stops socat (waiting for it to exit) and removes the links; idempotent. */
  close(): Promise<void>;
}

/** Each simulator reports a failure with its own typed error. */
export type PtyFailure = (detail: string, cause?: unknown) => Error;

export function startPtyPair(
  simulatorPath: string,
  kioskPath: string,
  failure: PtyFailure,
  timeoutMs = 5000,
): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${simulatorPath}`, `pty,raw,echo=0,link=${kioskPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    let settled = false;
    const fail = (detail: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(failure(detail, cause));
    };
    const timer = setTimeout(() => fail(`socat not ready after ${timeoutMs} ms: ${log.trim()}`), timeoutMs);
    child.on('error', (error) => fail(`cannot run socat: ${error.message}`, error));
    child.on('exit', (code, signal) =>
      fail(`socat exited early (code ${code}, signal ${signal}): ${log.trim()}`),
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      // socat logs this once both ptys exist and their links are in place.
      if (!settled && log.includes('starting data transfer loop')) {
        settled = true;
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve(makePair(child, simulatorPath, kioskPath));
      }
    });
  });
}

function makePair(child: ChildProcess, simulatorPath: string, kioskPath: string): PtyPair {
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
    simulatorPath,
    kioskPath,
    pid: child.pid,
    async close(): Promise<void> {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      // socat removes its links on a clean exit; make sure nothing stale stays for the next run.
      for (const path of [simulatorPath, kioskPath]) rmSync(path, { force: true });
    },
  };
}
