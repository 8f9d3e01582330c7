import { KioskError } from '../../drivers/common/kiosk-error.ts';

export const CENTRAL_DB_ERROR_MESSAGES = {
  'central_db.unavailable': 'El registro central no está disponible en este momento.',
  'central_db.unique_violation': 'Ese dato ya está registrado.',
  'central_db.foreign_key_violation': 'El dato hace referencia a un registro que no existe.',
  'central_db.check_violation': 'El dato no cumple las reglas del registro.',
  'central_db.not_null_violation': 'Falta un dato obligatorio.',
  'central_db.invalid_value': 'Un dato no tiene un formato válido.',
  'central_db.query_failed': 'El registro central no pudo completar la operación.',
  'central_db.migration_unknown':
    'La base de datos tiene una versión más nueva que este programa. Actualice el programa antes de usarla.',
  'central_db.migration_modified':
    'Una migración ya aplicada ha cambiado desde que se aplicó. Revise la instalación.',
  'central_db.migration_invalid': 'Los archivos de migración de la base de datos no son correctos.',
  'central_db.migration_failed': 'No se pudo actualizar la estructura de la base de datos.',
} as const;

export type CentralDbErrorCode = keyof typeof CENTRAL_DB_ERROR_MESSAGES;

interface SqlFacts {
  /** SQLSTATE, five characters (PostgreSQL Appendix A). */
  readonly sqlState?: string | undefined;
  /** Name of the violated constraint, when PostgreSQL reports one. */
  readonly constraint?: string | undefined;
  readonly table?: string | undefined;
}

/**
 * A database failure. `detail` names SQLSTATE, constraint and table, never the values: PostgreSQL's
 * own `detail` ("Key (documento)=(12345678Z) already exists") holds personal data, so it is not copied.
 */
export class CentralDbError extends KioskError {
  readonly code: CentralDbErrorCode;
  readonly sqlState: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;

  constructor(
    code: CentralDbErrorCode,
    detail?: string,
    facts: SqlFacts = {},
    options?: { cause?: unknown },
  ) {
    super(CENTRAL_DB_ERROR_MESSAGES[code], detail, options);
    this.code = code;
    this.sqlState = facts.sqlState;
    this.constraint = facts.constraint;
    this.table = facts.table;
  }
}

/** SQLSTATE classes and codes we branch on (PostgreSQL docs, Appendix A "Error Codes"). */
const BY_SQLSTATE: Readonly<Record<string, CentralDbErrorCode>> = {
  '23505': 'central_db.unique_violation',
  '23503': 'central_db.foreign_key_violation',
  '23514': 'central_db.check_violation',
  '23502': 'central_db.not_null_violation',
};

function stringField(error: object, key: string): string | undefined {
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns what `pg` or PGlite threw into a `CentralDbError`. Both put SQLSTATE in `code` and the
 * constraint and table names in `constraint` and `table`; node's socket errors put `ECONNREFUSED`…
 * in `code`.
 */
export function toCentralDbError(error: unknown, during: string): CentralDbError {
  if (error instanceof CentralDbError) return error;
  if (typeof error !== 'object' || error === null) {
    return new CentralDbError(
      'central_db.query_failed',
      `${during}: non-error value thrown`,
      {},
      { cause: error },
    );
  }
  const code = stringField(error, 'code');
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    const facts = {
      sqlState: code,
      constraint: stringField(error, 'constraint'),
      table: stringField(error, 'table'),
    };
    const mapped =
      BY_SQLSTATE[code] ??
      (code.startsWith('22')
        ? 'central_db.invalid_value'
        : code.startsWith('08') || code === '57P01' || code === '57P03'
          ? 'central_db.unavailable'
          : 'central_db.query_failed');
    const where = [
      facts.constraint && `constraint ${facts.constraint}`,
      facts.table && `table ${facts.table}`,
    ]
      .filter(Boolean)
      .join(', ');
    // Only for failures of the statement itself (syntax, missing table…) is PostgreSQL's message kept:
    // it quotes SQL text. Data errors quote the offending value, and `detail` quotes keys: both left out.
    const message = mapped === 'central_db.query_failed' ? `: ${stringField(error, 'message') ?? ''}` : '';
    return new CentralDbError(
      mapped,
      `${during}: SQLSTATE ${code}${where ? ` (${where})` : ''}${message}`,
      facts,
      {
        cause: error,
      },
    );
  }
  if (code !== undefined && /^E[A-Z]+$/.test(code)) {
    return new CentralDbError('central_db.unavailable', `${during}: ${code}`, {}, { cause: error });
  }
  // Not String(error): an object without a prototype has no toString and would throw here.
  const text = stringField(error, 'message') ?? `thrown ${typeof error}`;
  return new CentralDbError('central_db.query_failed', `${during}: ${text}`, {}, { cause: error });
}
