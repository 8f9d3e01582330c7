/**
 * The one way central code talks to its database, whichever engine is behind it: PostgreSQL through a
 * `pg` Pool in production, PGlite (PostgreSQL compiled to WebAssembly, in process) for demos and tests.
 * Both speak the same SQL, so the same migrations and queries run on both (DESIGN.md, "central/").
 *
 * Values come back the same from both adapters: `date` as `YYYY-MM-DD` text (a civil date has no time
 * zone, so it must not become a `Date` at local midnight), `bigint` as `number` (ids and counts stay far
 * below 2^53), `timestamptz` as `Date`, `jsonb` as parsed JSON, `numeric` as text.
 */

/** A scalar or a one-dimensional array, sent as a bound parameter, never spliced into the SQL text. */
export type SqlScalar = string | number | boolean | null | Date;
export type SqlParam = SqlScalar | readonly SqlScalar[] | Readonly<Record<string, unknown>>;

export interface QueryResult<Row> {
  readonly rows: Row[];
  /** Rows changed by INSERT/UPDATE/DELETE, or rows returned by SELECT. */
  readonly rowCount: number;
}

export interface Queryable {
  /**
   * One statement with `$1`, `$2`… placeholders. Throws `CentralDbError`. `prepareAs` names a
   * statement on a hot path: PostgreSQL parses and plans it once per connection, not on every call
   * (one name, one SQL text; PGlite, in process, ignores it).
   */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
    options?: { readonly prepareAs?: string },
  ): Promise<QueryResult<Row>>;
  /** A script of several statements and no parameters (migrations). Throws `CentralDbError`. */
  execScript(sql: string): Promise<void>;
}

export type DatabaseDialect = 'postgresql' | 'pglite';

export interface Database extends Queryable {
  readonly dialect: DatabaseDialect;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (and the
   * error rethrown). Use only `tx` inside; the outer handle may be another connection.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
