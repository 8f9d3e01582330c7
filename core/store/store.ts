/**
 * The kiosk's SQLite store: the only place that opens `<dataDir>/kiosk.sqlite`.
 *
 * Durability: WAL journal with `synchronous=FULL`, so a commit that returned survives a power cut (WAL +
 * NORMAL may lose the last commits on power loss, which a money ledger cannot accept). One writer: the
 * running core (or `kioskctl payments recover` while the core is stopped); every write transaction is
 * `BEGIN IMMEDIATE`, so a second writer waits up to `busy_timeout` instead of failing half-way.
 * Readers (kioskctl list/show) open read-only and never block the writer (WAL).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { checkKnown, loadMigrations, migrate } from './migrations.ts';

export const STORE_FILE = 'kiosk.sqlite';

export interface OpenStoreOptions {
  readonly dataDir: string;
  /** Read-only: no migration, no writes (kioskctl list/show). */
  readonly readOnly?: boolean;
  readonly now?: () => Date;
  /** How long a writer waits for another one before failing; default 5 s. */
  readonly busyTimeoutMs?: number;
}

export interface KioskStore {
  readonly db: Database.Database;
  readonly file: string;
  readonly readOnly: boolean;
  /** Runs `fn` in one `BEGIN IMMEDIATE` transaction: all of it is committed (durably) or none. */
  write<T>(fn: () => T): T;
  close(): void;
}

export function storeFile(dataDir: string): string {
  return path.join(dataDir, STORE_FILE);
}

export function openKioskStore(options: OpenStoreOptions): KioskStore {
  const file = storeFile(options.dataDir);
  const readOnly = options.readOnly ?? false;
  if (readOnly && !existsSync(file)) throw new StoreError('store.not_initialised', `no ${file}`);
  let db: Database.Database;
  try {
    if (!readOnly) mkdirSync(options.dataDir, { recursive: true });
    db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
  } catch (e) {
    throw new StoreError('store.open_failed', `${file}: ${String(e)}`, { cause: e });
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
    db.pragma('foreign_keys = ON');
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db, loadMigrations(), options.now ?? (() => new Date()));
    } else {
      checkKnown(db, loadMigrations());
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    db,
    file,
    readOnly,
    write<T>(fn: () => T): T {
      if (readOnly) throw new StoreError('store.read_only', `write on read-only ${file}`);
      return db.transaction(fn).immediate();
    },
    close: () => db.close(),
  };
}
