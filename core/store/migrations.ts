/**
 * Numbered migrations: `migrations/NNNN_name.sql`, applied in order, each in its own transaction and
 * recorded in `schema_migrations`. A database that records a migration this program does not know was
 * written by a newer version: it is refused, never "repaired" (a ledger of money is not guessed at).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/u;

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** The migrations shipped with this program, in order. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? '',
      sql: readFileSync(new URL(file, dir), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  for (const [i, m] of migrations.entries()) {
    if (m.version !== i + 1) {
      throw new StoreError(
        'store.migration_failed',
        `migrations must be numbered 1..n; found ${m.version} at ${i + 1}`,
      );
    }
  }
  return migrations;
}

const RECORD_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

export function appliedVersions(db: Database.Database): Map<number, string> {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (exists === undefined) return new Map();
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.version, r.name]));
}

/** Refuses a database that records migrations this program does not have (or under another name). */
export function checkKnown(db: Database.Database, migrations: readonly Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m.name]));
  for (const [version, name] of appliedVersions(db)) {
    if (known.get(version) !== name) {
      throw new StoreError(
        'store.unknown_migration',
        `database has migration ${version} «${name}», this program knows ${[...known].map(([v, n]) => `${v} «${n}»`).join(', ')}`,
      );
    }
  }
}

/** Applies the migrations not yet recorded; returns the versions applied now. */
export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => Date): number[] {
  db.exec(RECORD_TABLE);
  checkKnown(db, migrations);
  const applied = appliedVersions(db);
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          now().toISOString(),
        );
      }).immediate();
    } catch (e) {
      throw new StoreError('store.migration_failed', `migration ${m.version} «${m.name}»: ${String(e)}`, {
        cause: e,
      });
    }
    done.push(m.version);
  }
  return done;
}
