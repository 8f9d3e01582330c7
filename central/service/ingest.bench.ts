/**
 * Event ingest throughput into PostgreSQL through the real service (issue 8, "Benchmark"): `central
 * serve` runs as its own process on loopback; 1, 10 and 100 kiosks, each on its own mutual-TLS
 * connection, send batches of 100 events at once. Beside it, in the same run, a plain `COPY` (psql) of
 * the same number of rows into the same table; the ratio is printed. Targets printed beside:
 * ≥ 20 000 events/s and ≥ 0.3× COPY. Without a PostgreSQL server it says so and skips.
 *
 *   node central/service/ingest.bench.ts [eventsPerRun]     (default 30 000)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openPostgres } from '../db/pg-database.ts';
import { migrate } from '../db/migrations.ts';
import { createScratchDatabase } from '../db/scratch-postgres.ts';
import { ensureMunicipality } from '../padron/loader.ts';
import { enrolKiosk, initCa, readCa, readPkiFiles } from './admin.ts';
import type { IssuedCredential } from './kiosk-ca.ts';
import { type KioskClient, kioskClient } from './test-support.ts';

const BATCH = 100;
const KIOSK_COUNTS = [1, 10, 100] as const;
const TARGET_RATE = 20_000;
const TARGET_RATIO = 0.3;
const eventsPerRun = Number(process.argv[2] ?? 30_000);
const MAIN = path.join(import.meta.dirname, '..', 'main.ts');

function payload(i: number): Record<string, unknown> {
  return {
    screen: 'recibo',
    outcome: i % 7 === 0 ? 'cancelled' : 'ok',
    durationMs: 1_000 + (i % 5_000),
    language: 'es',
  };
}

function batchOf(kiosk: number, run: number, from: number): unknown {
  return {
    events: Array.from({ length: BATCH }, (_, j) => ({
      key: `r${run}-k${kiosk}-e${from + j}`,
      sequence: run * 1_000_000 + from + j + 1,
      type: 'session.ended',
      occurredAt: new Date(1_795_000_000_000 + from + j).toISOString(),
      payload: payload(from + j),
    })),
  };
}

async function startServer(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--config', configFile], {
    env: { ...process.env, CENTRAL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('central serve did not start in 30 s')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /kiosk API \(mutual TLS\) at (https:\/\/\S+)/.exec(seen);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`central serve exited with ${code}`)));
  });
  return { child, url };
}

async function runIngest(clients: readonly KioskClient[], run: number): Promise<number> {
  const perKiosk = Math.max(1, Math.round(eventsPerRun / clients.length / BATCH));
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, kiosk) => {
      for (let b = 0; b < perKiosk; b += 1) {
        const reply = await client.call('POST', '/v1/events', batchOf(kiosk, run, b * BATCH));
        if (reply.status !== 200 || reply.json.stored.length !== BATCH) {
          throw new Error(`kiosk ${kiosk}: ${reply.status} ${reply.text.slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  return (perKiosk * BATCH * clients.length) / seconds;
}

/** A plain COPY of `rows` rows of the same shape, through psql; rows/s from psql's own \timing. */
function copyRate(url: string, kioskId: string, rows: number): number {
  const lines: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const json = JSON.stringify(payload(i)).replaceAll('"', '""');
    lines.push(
      `${kioskId},copy-${i},${i + 1},session.ended,${new Date(1_795_000_000_000 + i).toISOString()},${new Date().toISOString()},"${json}"`,
    );
  }
  const result = spawnSync(
    'psql',
    [
      url,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      '\\timing on',
      '-c',
      'COPY kiosk_events (kiosk_id, idempotency_key, sequence, event_type, occurred_at, received_at, payload) FROM STDIN WITH (FORMAT csv)',
    ],
    { input: `${lines.join('\n')}\n`, encoding: 'utf8', timeout: 120_000 },
  );
  const match = /Time: ([0-9.]+) ms/.exec(result.stdout ?? '');
  if (result.status !== 0 || match === null) throw new Error(`psql COPY failed: ${result.stderr}`);
  return rows / (Number(match[1]) / 1_000);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const scratch = await createScratchDatabase('ingestbench');
  if (scratch === undefined) {
    console.log('ingest.bench: SKIPPED, no PostgreSQL server reachable (see the banner above).');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'central-ingest-bench-'));
  const db = openPostgres({ connectionString: scratch.url, maxConnections: 2 });
  let server: ChildProcess | undefined;
  const clients: KioskClient[] = [];
  try {
    await migrate(db);
    await ensureMunicipality(db, {
      ineCode: '47186',
      name: 'Villademo',
      verificationUrl: 'https://sede.example/verificar',
    });
    const pkiDir = path.join(dir, 'pki');
    await initCa(pkiDir, ['127.0.0.1'], new Date());
    const ca = await readCa(pkiDir);
    const credentials: IssuedCredential[] = [];
    for (let i = 0; i < Math.max(...KIOSK_COUNTS) + 1; i += 1) {
      credentials.push(
        await enrolKiosk(db, ca, {
          kioskId: `BENCH-${String(i).padStart(3, '0')}`,
          municipality: '47186',
          now: new Date(),
        }),
      );
    }
    const configFile = path.join(dir, 'central.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        database: { url: scratch.url },
        kioskListener: { host: '127.0.0.1', port: 0 },
        publicListener: { host: '127.0.0.1', port: 0 },
        pkiDir,
      }),
    );
    const started = await startServer(configFile);
    server = started.child;
    const caPem = readPkiFiles(pkiDir).caCertificatePem;

    // One kiosk is bound by latency, so the machine's load moves its figure most: print it with them.
    const load = () => loadavg()[0]!.toFixed(1);
    console.log(
      `event ingest into PostgreSQL, batches of ${BATCH}, ~${fmt(eventsPerRun)} events per run (load ${load()})`,
    );
    const results: { kiosks: number; rate: number }[] = [];
    for (const [run, kiosks] of KIOSK_COUNTS.entries()) {
      const runClients = credentials
        .slice(0, kiosks)
        .map((credential) => kioskClient(started.url, caPem, credential));
      clients.push(...runClients);
      // Handshakes before the clock starts: a kiosk keeps its connection open.
      await Promise.all(runClients.map((client) => client.call('GET', '/v1/paid-recibos?limit=1')));
      results.push({ kiosks, rate: await runIngest(runClients, run + 1) });
    }
    const copy = copyRate(scratch.url, 'BENCH-100', eventsPerRun);
    console.log(`plain COPY of ${fmt(eventsPerRun)} rows: ${fmt(copy)} rows/s (load ${load()})`);
    for (const { kiosks, rate } of results) {
      const ratio = rate / copy;
      console.log(
        `${String(kiosks).padStart(3)} kiosk(s): ${fmt(rate).padStart(7)} events/s  (target ≥ ${fmt(TARGET_RATE)}: ${rate >= TARGET_RATE ? 'met' : 'NOT met'})  ` +
          `${ratio.toFixed(2)}× COPY (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    for (const client of clients) client.close();
    if (server !== undefined) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await db.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
