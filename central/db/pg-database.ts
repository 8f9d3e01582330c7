/** The `Database` on a real PostgreSQL server, through a `pg` connection pool. */
import pg from 'pg';
import type { Database, Queryable, QueryResult, SqlParam } from './database.ts';
import { toCentralDbError } from './db-error.ts';

/** PostgreSQL type OIDs (pg_type.dat) whose default `pg` parsing differs from PGlite's. */
const OID_INT8 = 20;
const OID_DATE = 1082;

/** `date` as text and `int8` as number, as PGlite returns them (see database.ts). */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === OID_DATE) return (value) => value;
  if (oid === OID_INT8) return (value) => Number(value);
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads cannot be called with a union format.
  return (pg.types.getTypeParser as any)(oid, format ?? 'text');
}

export interface PostgresOptions {
  /** `postgres://user@host:port/database` */
  readonly connectionString: string;
  /** Pool size; the default suits one central process. */
  readonly maxConnections?: number;
  /** Receives errors of idle pooled connections (server restart): without a listener they end the process. */
  readonly onIdleError?: (error: Error) => void;
}

function queryableOf(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row extends object>(
      sql: string,
      params: readonly SqlParam[] = [],
      options: { readonly prepareAs?: string } = {},
    ): Promise<QueryResult<Row>> {
      try {
        const values = params as unknown[];
        const name = options.prepareAs;
        const result = await (name === undefined
          ? client.query(sql, values)
          : client.query({ name, text: sql, values }));
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        throw toCentralDbError(error, 'query');
      }
    },
    async execScript(sql: string): Promise<void> {
      try {
        // Without parameters pg uses the simple query protocol, which takes several statements.
        await client.query(sql);
      } catch (error) {
        throw toCentralDbError(error, 'script');
      }
    },
  };
}

export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: { getTypeParser } as pg.CustomTypesConfig,
  });
  pool.on('error', options.onIdleError ?? (() => {}));
  const direct = queryableOf(pool);
  return {
    dialect: 'postgresql',
    query: direct.query,
    execScript: direct.execScript,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toCentralDbError(error, 'connect');
      }
      const tx = queryableOf(client);
      let broken: Error | undefined;
      try {
        await tx.execScript('BEGIN');
        const result = await work(tx);
        await tx.execScript('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot roll back must not go back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
