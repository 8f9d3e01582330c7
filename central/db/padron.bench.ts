/**
 * Synthetic padrón generation and load rate (plain Node program: `node central/db/padron.bench.ts
 * [postgresPeople] [pglitePeople]`, defaults 100 000 and 10 000). Prints figures, never fails on them.
 * PostgreSQL gets a scratch database, dropped at the end; without a server that part is skipped with
 * a banner. The load includes migrations' indexes and constraints, as in production.
 */
import {
  ensureMunicipality,
  generatePadron,
  loadPadron,
  type PadronOptions,
  seededRandom,
} from '../padron/index.ts';
import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openPostgres } from './pg-database.ts';
import { openPglite } from './pglite-database.ts';
import { createScratchDatabase } from './scratch-postgres.ts';

const postgresPeople = Number(process.argv[2] ?? 100_000);
const pglitePeople = Number(process.argv[3] ?? 10_000);
const SEED = 20261123;

function options(people: number): PadronOptions {
  return { municipality: { ineCode: '47186', name: 'Villademo' }, people, referenceDate: '2026-11-23' };
}

function rate(people: number, ms: number): string {
  return `${String(Math.round((people / ms) * 1000)).padStart(9)} people/s`;
}

function line(what: string, people: number, ms: number, extra = ''): void {
  console.log(
    `${what.padEnd(46)} ${String(people).padStart(8)} people ${(ms / 1000).toFixed(2).padStart(7)} s ${rate(people, ms)}${extra}`,
  );
}

function generateOnly(people: number): void {
  const start = performance.now();
  let households = 0;
  let recibos = 0;
  for (const household of generatePadron(seededRandom(SEED), options(people))) {
    households += 1;
    recibos += household.recibos.length;
  }
  line(
    'generate only (no database)',
    people,
    performance.now() - start,
    `  (${households} hogares, ${recibos} recibos)`,
  );
}

async function load(what: string, db: Database, people: number): Promise<void> {
  await migrate(db);
  await ensureMunicipality(db, {
    ineCode: '47186',
    name: 'Villademo',
    verificationUrl: 'https://sede.example/v',
  });
  const start = performance.now();
  const report = await loadPadron(db, '47186', generatePadron(seededRandom(SEED), options(people)));
  line(`generate + load into ${what}`, report.personas, performance.now() - start);
}

generateOnly(Math.max(postgresPeople, pglitePeople));

const scratch = await createScratchDatabase('bench');
if (scratch !== undefined) {
  const db = openPostgres({ connectionString: scratch.url, maxConnections: 2 });
  try {
    await load('PostgreSQL', db, postgresPeople);
    const { rows } = await db.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    console.log(`${''.padEnd(46)} database size ${rows[0]?.size}`);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

const lite = await openPglite();
try {
  await load('PGlite (in memory)', lite, pglitePeople);
} finally {
  await lite.close();
}
