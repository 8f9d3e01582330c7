/**
 * The ZVT simulator as a child process on a free TCP port, for benchmarks: its CPU stays out of the
 * kiosk's `process.cpuUsage()`.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';

const root = path.resolve(import.meta.dirname, '../..');

export interface ZvtSimulatorProcess {
  readonly port: number;
  stop(): void;
}

export async function startZvtSimulatorProcess(): Promise<ZvtSimulatorProcess> {
  const child: ChildProcessByStdio<null, Readable, null> = spawn(
    process.execPath,
    [path.join(root, 'simulators/payment/main.ts'), '--tcp', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = () => {
    child.kill('SIGTERM');
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 10_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const m = /listening on tcp [\d.]+:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
    });
    return { port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
