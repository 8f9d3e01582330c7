/** Typed failures of the audit chain. */
import { KioskError } from '../../drivers/common/kiosk-error.ts';

export type AuditErrorCode = 'audit.kind_unknown' | 'audit.data_refused' | 'audit.read_only';

const MESSAGES: Record<AuditErrorCode, string> = {
  'audit.kind_unknown': 'El registro de auditoría no admite este tipo de entrada.',
  'audit.data_refused':
    'El registro de auditoría no admite estos datos (solo los que necesita el ayuntamiento).',
  'audit.read_only': 'El registro de auditoría está abierto solo para consulta.',
};

export class AuditError extends KioskError {
  readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, detail: string, options?: { cause?: unknown }) {
    super(MESSAGES[code], detail, options);
    this.code = code;
  }
}
