/**
 * Why a citizen call to central did not work, as a typed error carrying the session's failure reason
 * (the code the screen translates). Central's refusal codes map by `failureReasonOf` (pure, tested).
 */
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import type { SessionFailureReason } from '../api/contract.ts';

export type CitizenAccessErrorCode =
  /** No connection, TLS failure, no answer in time, credentials unreadable, 5xx without a code. */
  | 'citizen_access.unreachable'
  /** Central answered with a refusal code. */
  | 'citizen_access.refused'
  /** Central answered something that is not its protocol. */
  | 'citizen_access.bad_answer';

const MESSAGES: Record<CitizenAccessErrorCode, string> = {
  'citizen_access.unreachable': 'No hay conexión con la central del ayuntamiento.',
  'citizen_access.refused': 'La central del ayuntamiento no ha atendido la petición.',
  'citizen_access.bad_answer': 'La central ha respondido algo que el cajero no entiende.',
};

export class CitizenAccessError extends KioskError {
  readonly code: CitizenAccessErrorCode;
  /** What the session tells the citizen. */
  readonly reason: SessionFailureReason;
  /** Central's own code (`central.persona_unknown`), when it sent one. */
  readonly centralCode: string | undefined;

  constructor(
    code: CitizenAccessErrorCode,
    reason: SessionFailureReason,
    detail: string,
    options: { centralCode?: string; cause?: unknown } = {},
  ) {
    super(MESSAGES[code], detail, { cause: options.cause });
    this.code = code;
    this.reason = reason;
    this.centralCode = options.centralCode;
  }
}

const BY_CENTRAL_CODE: Readonly<Record<string, SessionFailureReason>> = {
  'central.challenge_expired': 'tiempo_agotado',
  'central.grant_expired': 'tiempo_agotado',
  // The padrón changed between preview and confirmation: the citizen starts again, as after a timeout.
  'central.grant_stale': 'tiempo_agotado',
  'central.citizen_certificate_invalid': 'certificado_rechazado',
  'central.citizen_certificate_revoked': 'certificado_rechazado',
  'central.citizen_signature_invalid': 'certificado_rechazado',
  'central.persona_unknown': 'persona_no_empadronada',
  'central.colectivo_not_allowed': 'colectivo_no_permitido',
  'central.revocation_unavailable': 'servicio_no_disponible',
  'central.seal_unavailable': 'servicio_no_disponible',
  'central.citizen_access_disabled': 'servicio_no_disponible',
  // This kiosk is not (or no longer) accepted: nothing the citizen can do here.
  'central.kiosk_certificate_missing': 'servicio_no_disponible',
  'central.kiosk_unknown': 'servicio_no_disponible',
  'central.kiosk_revoked': 'servicio_no_disponible',
};

/**
 * The failure reason for central's refusal. Unknown, used or foreign challenges and grants, and schema
 * refusals, are the kiosk's own mistakes: `error_interno`. A 5xx without a known code is central down.
 */
export function failureReasonOf(status: number, centralCode: string | undefined): SessionFailureReason {
  const known = centralCode === undefined ? undefined : BY_CENTRAL_CODE[centralCode];
  if (known !== undefined) return known;
  if (status >= 500) return 'sin_conexion';
  return 'error_interno';
}
