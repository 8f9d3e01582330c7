/** The `Database` on PGlite: PostgreSQL in WebAssembly, in this process, in memory or in a folder. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, SqlParam } from './database.ts';
import { toCentralDbError } from './db-error.ts';

const OID_DATE = 1082;

export interface PgliteOptions {
  /** A folder to keep the database in; in memory when absent. */
  readonly dataDir?: string;
}

function queryableOf(target: PGlite | Transaction): Queryable {
  return {
    async query<Row extends object>(
      sql: string,
      params: readonly SqlParam[] = [],
    ): Promise<QueryResult<Row>> {
      try {
        const result = await target.query<Row>(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        throw toCentralDbError(error, 'query');
      }
    },
    async execScript(sql: string): Promise<void> {
      try {
        await target.exec(sql);
      } catch (error) {
        throw toCentralDbError(error, 'script');
      }
    },
  };
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  let db: PGlite;
  try {
    // `date` stays text, as on the pg adapter; PGlite already returns int8 as number.
    db = await PGlite.create({ dataDir: options.dataDir, parsers: { [OID_DATE]: (value: string) => value } });
  } catch (error) {
    throw toCentralDbError(error, 'open PGlite');
  }
  const direct = queryableOf(db);
  return {
    dialect: 'pglite',
    query: direct.query,
    execScript: direct.execScript,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const fromWork = new WeakSet<object>();
      try {
        // PGlite runs BEGIN/COMMIT/ROLLBACK itself and queues other queries until the transaction ends.
        return await db.transaction(async (tx) => {
          try {
            return await work(queryableOf(tx));
          } catch (error) {
            if (typeof error === 'object' && error !== null) fromWork.add(error);
            throw error;
          }
        });
      } catch (error) {
        // The caller's own errors pass unchanged; BEGIN/COMMIT failures become CentralDbError.
        if (typeof error === 'object' && error !== null && fromWork.has(error)) throw error;
        throw toCentralDbError(error, 'transaction');
      }
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}
