/**
 * The two engines central's tests run against: PGlite always, the real PostgreSQL when a server is
 * reachable (otherwise skipped with a banner, see scratch-postgres.ts). For `*.test.ts` files only.
 */
import type { Database } from './database.ts';
import { CentralDbError } from './db-error.ts';
import { openPostgres } from './pg-database.ts';
import { openPglite } from './pglite-database.ts';
import { createScratchDatabase, postgresReachable, warnPostgresMissing } from './scratch-postgres.ts';

export interface OpenedDatabase {
  readonly db: Database;
  /** Closes the connection and, on PostgreSQL, drops the scratch database. */
  close(): Promise<void>;
}

export interface TestBackend {
  readonly name: 'pglite' | 'postgresql';
  readonly available: boolean;
  /** A new, empty database. */
  open(purpose: string): Promise<OpenedDatabase>;
}

export async function testBackends(what: string): Promise<TestBackend[]> {
  const reachable = await postgresReachable();
  if (!reachable) warnPostgresMissing(what);
  return [
    {
      name: 'pglite',
      available: true,
      async open() {
        const db = await openPglite();
        return { db, close: () => db.close() };
      },
    },
    {
      name: 'postgresql',
      available: reachable,
      async open(purpose) {
        const scratch = await createScratchDatabase(purpose);
        if (scratch === undefined)
          throw new CentralDbError('central_db.unavailable', `server gone before ${purpose}`);
        const db = openPostgres({ connectionString: scratch.url, maxConnections: 4 });
        return {
          db,
          async close() {
            await db.close();
            await scratch.drop();
          },
        };
      },
    },
  ];
}
