/**
 * The reference central as a program a test runs itself (`node central/main.ts serve`), on a scratch
 * PostgreSQL database (PGlite in a folder when no PostgreSQL answers, as on a fresh CI machine), prepared with the same steps `planEmbeddedCentral` runs for the demo (padrón
 * seed, kiosk CA, the kiosk enrolled), plus, for volantes, the municipality's demo seal and the DNIe
 * anchors and OCSP responder of the virtual DNIe's run. Stopping it (SIGTERM) is "central down";
 * `start()` again on the same database is "central back".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite } from '../../central/db/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../central/db/scratch-postgres.ts';
import { type ChildProgram, runProgram, startProgram, tcpAnswers } from './child-program.ts';
import { freePortPair } from './device-programs.ts';

export interface CentralOptions {
  readonly dir: string;
  readonly kioskId: string;
  readonly ineCode: string;
  /** The town's name (the seed writes "Ayuntamiento de …"). */
  readonly town: string;
  readonly people?: number;
  /** DNIe citizen access: the virtual DNIe's anchors, personas file and OCSP responder. */
  readonly citizen?: { readonly anchorsDir: string; readonly personasFile: string; readonly ocspUrl: string };
}

export interface CentralProgram {
  readonly publicUrl: string;
  readonly verificationUrl: string;
  /** What a kiosk configuration with `central.mode = remote` needs. */
  readonly remote: {
    readonly mode: 'remote';
    readonly url: string;
    readonly caFile: string;
    readonly clientCertificateFile: string;
    readonly clientKeyFile: string;
    readonly requestTimeoutSeconds: number;
  };
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGTERM, as an operator stops it. */
  stop(): Promise<void>;
  /** `GET /v1/verify/:csv` on the public listener. */
  verify(csv: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /**
   * A query on central's database (the wire truth behind its answers). On PGlite, which one process
   * holds at a time, central is stopped for the query and started again.
   */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops it and drops the database. */
  dispose(): Promise<void>;
}

export async function prepareCentral(options: CentralOptions): Promise<CentralProgram> {
  const database: ScratchDatabase | undefined = await createScratchDatabase('e2e');
  const pgliteDir = path.join(options.dir, 'db');
  if (database === undefined) console.warn(`e2e: central runs on PGlite in ${pgliteDir} instead`);
  mkdirSync(options.dir, { recursive: true });
  const publicPort = await freePortPair();
  const kioskPort = publicPort + 1;
  const verificationUrl = `http://127.0.0.1:${publicPort}/verificar`;
  const configFile = path.join(options.dir, 'central.json');
  writeFileSync(
    configFile,
    `${JSON.stringify(
      {
        database: database === undefined ? { pgliteDir } : { url: database.url },
        kioskListener: { host: '127.0.0.1', port: kioskPort },
        publicListener: { host: '127.0.0.1', port: publicPort },
        pkiDir: 'pki',
        ...(options.citizen
          ? {
              citizenAccess: {
                anchorsDir: options.citizen.anchorsDir,
                ocspUrl: options.citizen.ocspUrl,
                ocspFailurePolicy: 'fail-closed',
              },
            }
          : {}),
      },
      null,
      2,
    )}\n`,
  );
  const credentials = path.join(options.dir, 'kiosk-credential');
  await runProgram('central/padron/seed-main.ts', [
    ...(database === undefined ? ['--pglite', pgliteDir] : ['--url', database.url]),
    '--people',
    String(options.people ?? 300),
    '--ine-code',
    options.ineCode,
    '--name',
    options.town,
    '--verification-url',
    verificationUrl,
    ...(options.citizen ? ['--personas', options.citizen.personasFile] : []),
  ]);
  await runProgram('central/main.ts', ['admin', 'init-ca', '--config', configFile]);
  await runProgram('central/main.ts', [
    'admin',
    'enrol',
    '--kiosk',
    options.kioskId,
    '--municipality',
    options.ineCode,
    '--config',
    configFile,
    '--out',
    credentials,
  ]);
  if (options.citizen) {
    await runProgram('central/main.ts', [
      'admin',
      'seal',
      '--municipality',
      options.ineCode,
      '--config',
      configFile,
    ]);
  }

  let program: ChildProgram | null = null;
  const pool = database === undefined ? null : new pg.Pool({ connectionString: database.url, max: 2 });
  const stop = async () => {
    await program?.stop('SIGTERM');
    program = null;
  };
  const publicUrl = `http://127.0.0.1:${publicPort}`;
  const start = async () => {
    if (program !== null && !program.exited) return;
    program = startProgram('central', 'central/main.ts', ['serve', '--config', configFile], {
      CENTRAL_LOG_LEVEL: 'warn',
    });
    const deadline = Date.now() + 60_000;
    while (!(await tcpAnswers(publicPort)) || !(await tcpAnswers(kioskPort))) {
      if (program.exited) throw new Error(`central exited at start:\n${program.output().slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`central not listening:\n${program.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    publicUrl,
    verificationUrl,
    remote: {
      mode: 'remote',
      url: `https://127.0.0.1:${kioskPort}`,
      caFile: path.join(options.dir, 'pki', 'ca.pem'),
      clientCertificateFile: path.join(credentials, `${options.kioskId}.pem`),
      clientKeyFile: path.join(credentials, `${options.kioskId}-key.pem`),
      requestTimeoutSeconds: 5,
    },
    get running() {
      return program !== null && !program.exited;
    },
    start,
    stop,
    async verify(csv) {
      const response = await fetch(`${publicUrl}/v1/verify/${encodeURIComponent(csv)}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      if (pool !== null) return (await pool.query<T>(sql, params)).rows;
      const wasRunning = program !== null && !program.exited;
      await stop();
      const db = await openPglite({ dataDir: pgliteDir });
      try {
        return (await db.query<T>(sql, params as never)).rows;
      } finally {
        await db.close();
        if (wasRunning) await start();
      }
    },
    async dispose() {
      await stop();
      await pool?.end();
      await database?.drop();
    },
  };
}
