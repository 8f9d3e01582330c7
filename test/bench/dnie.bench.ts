/**
 * DNIe benchmark (issue 4): one full identification (read the authentication certificate, chip serial
 * and component certificates, PIN channel, VERIFY, user channel, MSE + PSO CDS) through the real pcscd
 * and vpcd, with the virtual DNIe in its own process (so its RSA work is not counted as ours).
 * Reports APDUs on the wire (GET RESPONSEs and 6Cxx re-sends included), bytes each way, host CPU
 * (process.cpuUsage of this process: driver, crypto, pcsclite threads) and wall time, with the card's
 * latency at 0 and at 30 ms per APDU. Targets: host CPU ≤ 50 ms; the fewest APDUs the card allows.
 * Plain Node program: `node test/bench/dnie.bench.ts`; it reports, it never fails on a figure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DnieSession, type DnieTransport, identify, loadTerminalConfig } from '../../drivers/dnie/index.ts';
import { exchangeT0, ReaderMonitor } from '../../drivers/pcsc/index.ts';
import { usePcscdReader as lockVpcdReader, VPCD_PORT, VPCD_READER } from '../support/pcscd.ts';

const PIN = 'PRUEBA2026';
const RUNS = 3;
const TARGET_CPU_MS = 50;
const LATENCIES = [0, 30];

interface Figures {
  apdus: number;
  bytesOut: number;
  bytesIn: number;
  cpuMs: number;
  wallMs: number;
}

const root = new URL('../../', import.meta.url).pathname;

async function startCard(latencyMs: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'simulators/dnie/main.ts'),
      '--port',
      String(VPCD_PORT),
      '--persona',
      'adult',
      '--latency-ms',
      String(latencyMs),
      '--write-terminal-config',
      dir,
      '--quiet',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the virtual DNIe did not start in 20 s')), 20_000);
    lines.on('line', (line) => {
      if (line.startsWith('card inserted')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the virtual DNIe exited with ${code}`)));
  });
  return child;
}

async function stopCard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function measure(monitor: ReaderMonitor, dir: string): Promise<Figures> {
  const terminal = await loadTerminalConfig(join(dir, 'terminal.json'));
  const card = monitor.cards()[0] ?? (await new Promise((resolve) => monitor.once('card-inserted', resolve)));
  const reader = (card as { reader: string }).reader;
  const connection = await monitor.connect(reader);
  const figures: Figures = { apdus: 0, bytesOut: 0, bytesIn: 0, cpuMs: 0, wallMs: 0 };
  // The same T=0 rules as CardConnection.transmit, with a count of every raw exchange.
  const transport: DnieTransport = {
    atr: connection.atr,
    transmit: (command) =>
      exchangeT0(
        command,
        async (bytes) => {
          figures.apdus++;
          figures.bytesOut += bytes.length;
          const answer = await connection.transmitRaw(bytes);
          figures.bytesIn += answer.length;
          return answer;
        },
        { dropCase4Le: connection.protocol === 'T0' },
      ),
  };
  const pin = new TextEncoder().encode(PIN);
  const challenge = new Uint8Array(randomBytes(32));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await identify(new DnieSession(transport, { terminal }), pin, challenge);
  figures.wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  figures.cpuMs = (used.user + used.system) / 1000;
  await connection.close('reset');
  if (result.status !== 'identified') throw new Error(`identification ended ${result.status}`);
  return figures;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const release = await lockVpcdReader();
  const monitor = new ReaderMonitor({ readerPattern: VPCD_READER, retryMs: 150, transmitTimeoutMs: 5000 });
  monitor.start();
  const rows: Array<{ latencyMs: number } & Figures> = [];
  try {
    await monitor.waitForReader(5000);
    for (const latencyMs of LATENCIES) {
      const dir = await mkdtemp(join(tmpdir(), 'cajero-dnie-bench-'));
      const child = await startCard(latencyMs, dir);
      try {
        const runs: Figures[] = [];
        // One warm-up run (JIT, first pcscd connection), then RUNS measured ones.
        for (let i = 0; i <= RUNS; i++) {
          const figures = await measure(monitor, dir);
          if (i > 0) runs.push(figures);
        }
        rows.push({
          latencyMs,
          apdus: runs[0]!.apdus,
          bytesOut: runs[0]!.bytesOut,
          bytesIn: runs[0]!.bytesIn,
          cpuMs: median(runs.map((r) => r.cpuMs)),
          wallMs: median(runs.map((r) => r.wallMs)),
        });
      } finally {
        await stopCard(child);
        await new Promise((resolve) => setTimeout(resolve, 600));
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await monitor.stop();
    release();
  }
  console.log(
    'DNIe: one full identification through pcscd + vpcd (virtual DNIe 3.0, two CWA-14890 channels)',
  );
  console.log(
    `median of ${RUNS} runs after one warm-up; target host CPU ≤ ${TARGET_CPU_MS} ms, fewest APDUs the card allows`,
  );
  console.log('latency/APDU   APDUs   bytes out   bytes in   host CPU ms   wall ms');
  for (const row of rows) {
    console.log(
      `${`${row.latencyMs} ms`.padStart(12)}   ${String(row.apdus).padStart(5)}   ${String(row.bytesOut).padStart(9)}   ${String(row.bytesIn).padStart(8)}   ${row.cpuMs.toFixed(1).padStart(11)}   ${row.wallMs.toFixed(0).padStart(7)}`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.cpuMs));
  console.log(
    `host CPU target ${TARGET_CPU_MS} ms: ${worst <= TARGET_CPU_MS ? 'met' : 'NOT met'} (worst ${worst.toFixed(1)} ms)`,
  );
  console.log('APDU estimate for a real DNIe 3.0 (dnie.md §8): 50–65, about 35 with caching by IDESP');
}

await main();
