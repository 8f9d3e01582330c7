/**
 * One of the repository's programs (`node <script> …`) as a child process of a test, exactly as
 * `./cajero start` runs its companions: started, waited for until its output says it is ready, and
 * stopped by the signal the program handles. Its output is kept so a failure can show it.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPOSITORY = path.resolve(import.meta.dirname, '..', '..');

export interface ChildProgram {
  readonly name: string;
  readonly pid: number;
  /** Everything it wrote on stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output from now on (or already there). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** A line on its standard input (the printer emulator takes state names there). */
  writeLine(line: string): void;
  readonly exited: boolean;
  /** The exit code once exited (null when a signal ended it). */
  readonly exitCode: number | null;
  /** Sends `signal`, waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Children still running, stopped if the test process exits without stopping them (a crash, a kill). */
const running = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();
process.once('exit', () => {
  // SIGTERM, not SIGKILL: `cajero start` then stops the companions it started in turn.
  for (const child of running) child.kill('SIGTERM');
});

export function startProgram(
  name: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): ChildProgram {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    [path.join(REPOSITORY, script), ...args],
    { cwd: REPOSITORY, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  running.add(child);
  let output = '';
  const listeners = new Set<() => void>();
  const take = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    // Long runs would keep every APDU line; the tail is what a failure needs.
    if (output.length > 400_000) output = output.slice(-200_000);
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  child.stdin.on('error', () => undefined);
  let exited = false;
  let exitCode: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      exited = true;
      exitCode = code;
      for (const listener of [...listeners]) listener();
      resolve();
    }),
  );
  return {
    name,
    pid: child.pid ?? -1,
    output: () => output,
    get exited() {
      return exited;
    },
    get exitCode() {
      return exitCode;
    },
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            done();
            resolve(match);
          } else if (exited) {
            done();
            reject(new Error(`${name} exited before printing ${pattern}:\n${output.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name} did not print ${pattern} in ${timeoutMs} ms:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    writeLine(line) {
      child.stdin.write(`${line}\n`);
    },
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (exited) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Runs a program to completion; throws with its output when it fails. */
export async function runProgram(
  script: string,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<string> {
  const program = startProgram(script, script, args);
  const deadline = Date.now() + timeoutMs;
  while (!program.exited) {
    if (Date.now() > deadline) {
      await program.stop('SIGKILL');
      throw new Error(`node ${script} ${args.join(' ')} took more than ${timeoutMs} ms`);
    }
    await sleep(50);
  }
  if (program.exitCode !== 0) {
    throw new Error(
      `node ${script} ${args.join(' ')} exited with ${program.exitCode}:\n${program.output().slice(-3000)}`,
    );
  }
  return program.output();
}

/** Whether something accepts TCP connections at 127.0.0.1:port now. */
export function tcpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
