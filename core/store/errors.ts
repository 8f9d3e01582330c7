/** Typed failures of the kiosk's SQLite store. */
import { KioskError } from '../../drivers/common/kiosk-error.ts';

export type StoreErrorCode =
  | 'store.open_failed'
  | 'store.unknown_migration'
  | 'store.migration_failed'
  | 'store.not_initialised'
  | 'store.read_only';

const MESSAGES: Record<StoreErrorCode, string> = {
  'store.open_failed': 'No se puede abrir el registro de pagos del cajero.',
  'store.unknown_migration':
    'El registro de pagos es de una versión más nueva del programa; no se toca hasta actualizar el cajero.',
  'store.migration_failed': 'No se ha podido preparar el registro de pagos del cajero.',
  'store.not_initialised': 'El registro de pagos del cajero todavía no existe.',
  'store.read_only': 'El registro de pagos está abierto solo para consulta.',
};

export class StoreError extends KioskError {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, detail: string, options?: { cause?: unknown }) {
    super(MESSAGES[code], detail, options);
    this.code = code;
  }
}
