/**
 * Numbered SQL migrations (`migrations/0001_name.sql`, …): all pending ones run in one transaction with
 * their `schema_migrations` rows, so a failure leaves the database as it was. A database that has a
 * migration this code does not know, or whose applied migration text changed, is refused: running
 * older code on a newer schema is how data gets damaged quietly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';
import { CentralDbError } from './db-error.ts';

export interface Migration {
  /** 1, 2, 3… from the file name's four digits. */
  readonly version: number;
  /** The rest of the file name, without `.sql`. */
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the SQL text, hex: detects an applied migration edited afterwards. */
  readonly checksum: string;
}

export interface MigrationReport {
  /** Versions this run applied, in order. */
  readonly applied: readonly number[];
  /** Versions found already applied. */
  readonly alreadyApplied: readonly number[];
}

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

const FILE_NAME = /^([0-9]{4})_([a-z0-9_]+)\.sql$/;

/**
 * Any 64-bit number agreed by every central process: `pg_advisory_xact_lock` on it makes two processes
 * starting together migrate one after the other instead of both creating the same tables.
 */
const MIGRATION_LOCK_KEY = 7_226_017_001;

export function migrationFromText(fileName: string, sql: string): Migration {
  const match = FILE_NAME.exec(fileName);
  if (match === null) {
    throw new CentralDbError('central_db.migration_invalid', `${fileName}: expected NNNN_name.sql`);
  }
  return {
    version: Number(match[1]),
    name: match[2]!,
    sql,
    checksum: createHash('sha256').update(sql, 'utf8').digest('hex'),
  };
}

/** The migrations in `dir`, ordered; versions must run 1, 2, 3… without gaps or repeats. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql'));
  const migrations = files
    .map((name) => migrationFromText(name, readFileSync(path.join(dir, name), 'utf8')))
    .sort((a, b) => a.version - b.version);
  checkSequence(migrations);
  return migrations;
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new CentralDbError(
        'central_db.migration_invalid',
        `migration ${migration.version} (${migration.name}) found where ${index + 1} was expected`,
      );
    }
  });
}

/** Applies the pending migrations. Throws `CentralDbError`; on any error nothing is applied. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationReport> {
  checkSequence(migrations);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.execScript(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY CHECK (version > 0),
        name text NOT NULL,
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of rows) {
      const migration = known.get(row.version);
      if (migration === undefined) {
        throw new CentralDbError(
          'central_db.migration_unknown',
          `database has migration ${row.version} (${row.name}); this code knows up to ${migrations.length}`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw new CentralDbError(
          'central_db.migration_modified',
          `migration ${row.version} (${row.name}) differs from the text applied (checksum)`,
        );
      }
    }
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      try {
        await tx.execScript(migration.sql);
      } catch (error) {
        throw new CentralDbError(
          'central_db.migration_failed',
          `migration ${migration.version} (${migration.name}): ${error instanceof CentralDbError ? error.detail : String(error)}`,
          error instanceof CentralDbError ? error : {},
          { cause: error },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration.version);
    }
    return { applied, alreadyApplied: [...done] };
  });
}
