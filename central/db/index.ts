export type {
  Database,
  DatabaseDialect,
  Queryable,
  QueryResult,
  SqlParam,
  SqlScalar,
} from './database.ts';
export {
  CENTRAL_DB_ERROR_MESSAGES,
  CentralDbError,
  type CentralDbErrorCode,
  toCentralDbError,
} from './db-error.ts';
export {
  loadMigrations,
  MIGRATIONS_DIR,
  type Migration,
  type MigrationReport,
  migrate,
  migrationFromText,
} from './migrations.ts';
export { openPostgres, type PostgresOptions } from './pg-database.ts';
export { openPglite, type PgliteOptions } from './pglite-database.ts';
