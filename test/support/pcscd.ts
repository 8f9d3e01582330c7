/**
 * pcscd for wire tests, on Debian 12 as root without systemd: `pcscd` (daemon mode) started if no pcscd
 * answers, then we wait until the vpcd reader ("Virtual PCD 00 00", /etc/reader.conf.d/vpcd, TCP 35963)
 * is listed. The vpcd slot and its fixed port are one per machine, so every test file that puts a
 * virtual card in it holds a cross-process lock (`usePcscdReader`) for its whole run: vitest's two
 * workers take turns instead of fighting over the slot. pcscd is left running afterwards, like a system
 * service; `restartPcscd` is for the fault test and only acts on the pid pcscd itself wrote.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

export const VPCD_READER = /^Virtual PCD 00 00$/;
export const VPCD_PORT = 35963;
const PID_FILE = '/run/pcscd/pcscd.pid';
const LOCK_DIR = '/tmp/cajero-pcscd-vpcd.lock';

interface RawContext {
  on(
    event: 'reader',
    listener: (reader: { name: string; close(): void; on(e: string, l: () => void): void }) => void,
  ): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  close(): void;
}

function binding(): () => RawContext {
  return createRequire(import.meta.url)('pcsclite') as () => RawContext;
}

/** Names of the readers pcscd lists now, or undefined when pcscd does not answer. */
export async function listReaders(waitMs = 300): Promise<string[] | undefined> {
  let context: RawContext;
  try {
    context = binding()();
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const readers: Array<{ close(): void }> = [];
  context.on('error', () => undefined);
  context.on('reader', (reader) => {
    reader.on('error', () => undefined);
    readers.push(reader);
    names.push(reader.name);
  });
  await sleep(waitMs);
  for (const reader of readers) reader.close();
  context.close();
  return names;
}

export function pcscdPid(): number | undefined {
  try {
    // pcscd writes the pid followed by a newline and a NUL byte.
    const pid = Number.parseInt(readFileSync(PID_FILE, 'utf8'), 10);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    // A daemon whose parent has not reaped it lingers as a zombie: it answers kill 0 but is gone.
    return alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function startDaemon(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    // Without --foreground pcscd forks and the parent exits at once; the daemon outlives the test.
    const child = spawn('pcscd', [], { stdio: 'ignore' });
    child.once('error', (error) => reject(new Error(`cannot run pcscd: ${error.message}`)));
    child.once('exit', () => resolve());
  });
}

/** Makes sure pcscd runs and lists the vpcd reader; throws with a clear message otherwise. */
export async function ensurePcscd(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let started = false;
  for (;;) {
    const names = await listReaders(150);
    if (names?.some((name) => VPCD_READER.test(name))) return;
    if (names === undefined && !started && pcscdPid() === undefined) {
      started = true;
      await startDaemon();
    }
    if (Date.now() > deadline) {
      throw new Error(
        names === undefined
          ? 'pcscd does not answer (start it with `pcscd`; is pcscd installed?)'
          : `pcscd runs but lists no vpcd reader (readers: ${names.join(', ') || 'none'}); is vsmartcard-vpcd installed and /etc/reader.conf.d/vpcd present?`,
      );
    }
    await sleep(100);
  }
}

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Stops pcscd (the pid from its own pid file). pcscd deletes the pid file at once on SIGTERM but can take
 * seconds to exit (its vpcd threads finish first), so we watch the process itself and SIGKILL after
 * `graceMs`.
 */
export async function stopPcscd(graceMs = 3000): Promise<void> {
  const pid = pcscdPid();
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      await sleep(100);
      if (alive(pid)) throw new Error(`pcscd (pid ${pid}) survived SIGKILL`);
      break;
    }
    await sleep(50);
  }
}

export async function restartPcscd(): Promise<void> {
  await stopPcscd();
  await ensurePcscd();
}

function lockOwnerAlive(): boolean {
  try {
    const owner = Number(readFileSync(`${LOCK_DIR}/owner`, 'utf8').split(' ')[0]);
    process.kill(owner, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the machine-wide vpcd lock (waiting up to `waitMs`), then ensures pcscd. Call the returned
 * release in afterAll. A lock left by a dead process is taken over.
 */
export async function usePcscdReader(waitMs = 50_000): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  // pid for the staleness check, a random token so only this holder (not another thread) releases it.
  const token = `${process.pid} ${randomUUID()}`;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(`${LOCK_DIR}/owner`, token);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock whose owner file is not written yet is young; give it a moment before judging it stale.
      await sleep(100);
      if (!lockOwnerAlive()) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`the vpcd reader lock ${LOCK_DIR} stayed taken for ${waitMs} ms`);
    }
  }
  const release = (): void => {
    try {
      if (readFileSync(`${LOCK_DIR}/owner`, 'utf8') === token)
        rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      // Already gone.
    }
  };
  try {
    await ensurePcscd();
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
