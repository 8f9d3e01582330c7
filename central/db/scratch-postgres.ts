/**
 * Throw-away PostgreSQL databases for tests and benchmarks: a uniquely named database on the local
 * server, dropped afterwards. The server is `CENTRAL_TEST_POSTGRES_URL` or the Debian cluster on
 * 127.0.0.1:5432 (user postgres, trust auth); when it does not answer, one attempt is made to start
 * the cluster with `pg_ctlcluster`. When there is still no server, callers skip, loudly.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing whatever connections are left. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  return process.env.CENTRAL_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
}

async function tryConnect(url: string): Promise<pg.Client | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => {});
    return undefined;
  }
}

let startAttempted = false;

/** A connected admin client, or undefined when no server answers even after trying to start one. */
async function adminClient(): Promise<pg.Client | undefined> {
  const url = serverUrl();
  const first = await tryConnect(url);
  if (first !== undefined || startAttempted || process.env.CENTRAL_TEST_POSTGRES_URL !== undefined)
    return first;
  startAttempted = true;
  const started = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'start'], {
    timeout: 30_000,
    stdio: 'ignore',
  });
  if (started.error !== undefined || started.status !== 0) return undefined;
  return tryConnect(url);
}

/** Prints the banner that says PostgreSQL tests did not run, so a green run cannot hide it. */
export function warnPostgresMissing(what: string): void {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! PostgreSQL not reachable at ${serverUrl().replace(/\/\/[^@]*@/, '//…@')}: SKIPPING ${what}.\n` +
      `!! Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start\n${line}\n`,
  );
}

/** Creates `cajero_<purpose>_<pid>_<random>`; undefined (after the banner) when there is no server. */
export async function createScratchDatabase(purpose: string): Promise<ScratchDatabase | undefined> {
  const admin = await adminClient();
  if (admin === undefined) {
    warnPostgresMissing(`${purpose} against PostgreSQL`);
    return undefined;
  }
  const name = `cajero_${purpose
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    // Identifiers cannot be parameters; the name is built from [a-z0-9_] only.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(serverUrl());
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    name,
    async drop(): Promise<void> {
      const client = await tryConnect(serverUrl());
      if (client === undefined) return;
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether a server answers (starting the cluster once if needed). */
export async function postgresReachable(): Promise<boolean> {
  const admin = await adminClient();
  if (admin === undefined) return false;
  await admin.end();
  return true;
}
