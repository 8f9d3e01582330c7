/** Why an exchange with central did not work: typed, with a Spanish sentence for the technician's screen. */
import { KioskError } from '../../drivers/common/kiosk-error.ts';

export type SyncErrorCode =
  /** No connection, timeout, TLS failure, or central answered 5xx: try again later. */
  | 'sync.unreachable'
  /** 403: central does not accept this kiosk's certificate (revoked, unknown, not the enrolled one). */
  | 'sync.kiosk_refused'
  /** Central refused what the kiosk sent (4xx other than 403): retrying the same will not help. */
  | 'sync.request_refused'
  /** Central answered something that is not its protocol. */
  | 'sync.bad_answer'
  /** The kiosk's certificate, key or CA file cannot be read. */
  | 'sync.credentials_missing';

export const SYNC_ERROR_MESSAGES: Record<SyncErrorCode, string> = {
  'sync.unreachable': 'No hay conexión con la central del ayuntamiento.',
  'sync.kiosk_refused': 'La central no acepta este cajero (certificado revocado o no dado de alta).',
  'sync.request_refused': 'La central rechaza los datos que envía el cajero.',
  'sync.bad_answer': 'La central ha respondido algo que el cajero no entiende.',
  'sync.credentials_missing': 'Faltan los certificados del cajero para hablar con la central.',
};

export class SyncError extends KioskError {
  readonly code: SyncErrorCode;
  /** HTTP status, when central answered. */
  readonly status: number | undefined;

  constructor(code: SyncErrorCode, detail: string, options: { status?: number; cause?: unknown } = {}) {
    super(SYNC_ERROR_MESSAGES[code], detail, { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}
