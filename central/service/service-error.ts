import { KioskError } from '../../drivers/common/kiosk-error.ts';

/**
 * What central's HTTP service answers when it refuses a request, with the HTTP status each code gets.
 * Messages are Spanish for whoever reads them (a technician at the kiosk, a citizen on the page).
 */
export const CENTRAL_SERVICE_ERRORS = {
  'central.bad_request': { status: 400, message: 'La petición no tiene el formato esperado.' },
  'central.malformed_json': { status: 400, message: 'La petición no es un JSON válido.' },
  'central.body_too_large': { status: 413, message: 'La petición es demasiado grande.' },
  'central.unsupported_media_type': {
    status: 415,
    message: 'El tipo de contenido de la petición no está admitido.',
  },
  'central.not_found': { status: 404, message: 'No existe esa dirección en el registro central.' },
  'central.method_not_allowed': { status: 405, message: 'Ese método no está admitido aquí.' },
  'central.kiosk_certificate_missing': {
    status: 403,
    message: 'El quiosco no ha presentado un certificado de cliente válido.',
  },
  'central.kiosk_unknown': {
    status: 403,
    message: 'El quiosco no está dado de alta en el registro central.',
  },
  'central.kiosk_revoked': { status: 403, message: 'El quiosco está dado de baja en el registro central.' },
  'central.sequence_conflict': {
    status: 409,
    message: 'El número de orden de un evento ya se usó para otro evento del quiosco.',
  },
  'central.justificante_conflict': {
    status: 409,
    message: 'El CSV de un justificante ya está registrado para otro pago.',
  },
  'central.csv_invalid': {
    status: 400,
    message:
      'El código no es válido: escriba las letras y números del CSV tal como aparecen en el documento.',
  },
  'central.challenge_unknown': {
    status: 404,
    message: 'El reto de identificación no existe. Vuelva a empezar la identificación con el DNIe.',
  },
  'central.challenge_expired': {
    status: 409,
    message: 'El reto de identificación ha caducado. Vuelva a empezar la identificación con el DNIe.',
  },
  'central.challenge_used': {
    status: 409,
    message: 'El reto de identificación ya se usó. Vuelva a empezar la identificación con el DNIe.',
  },
  'central.challenge_foreign': {
    status: 403,
    message: 'El reto de identificación no corresponde a este quiosco o a este trámite.',
  },
  'central.grant_unknown': {
    status: 404,
    message: 'La autorización para expedir el volante no existe. Vuelva a identificarse con el DNIe.',
  },
  'central.grant_foreign': {
    status: 403,
    message: 'La autorización para expedir el volante no corresponde a este quiosco.',
  },
  'central.grant_used': {
    status: 409,
    message: 'La autorización para expedir el volante ya se usó. Vuelva a identificarse con el DNIe.',
  },
  'central.grant_expired': {
    status: 409,
    message: 'La autorización para expedir el volante ha caducado. Vuelva a identificarse con el DNIe.',
  },
  'central.grant_stale': {
    status: 409,
    message:
      'Los datos del padrón han cambiado desde que se mostró el volante. Vuelva a identificarse con el DNIe.',
  },
  'central.citizen_certificate_invalid': {
    status: 403,
    message: 'El certificado del DNIe no es válido para identificarse.',
  },
  'central.citizen_certificate_revoked': {
    status: 403,
    message: 'El certificado del DNIe está revocado.',
  },
  'central.revocation_unavailable': {
    status: 503,
    message: 'No se ha podido comprobar si el certificado del DNIe está vigente. Inténtelo más tarde.',
  },
  'central.citizen_signature_invalid': {
    status: 403,
    message: 'La firma hecha con el DNIe no es válida.',
  },
  'central.persona_unknown': {
    status: 404,
    message: 'No figura en el padrón de este municipio ninguna persona con ese DNI.',
  },
  'central.colectivo_not_allowed': {
    status: 403,
    message: 'El volante colectivo solo puede pedirlo una persona mayor de edad inscrita en el domicilio.',
  },
  'central.citizen_access_disabled': {
    status: 503,
    message: 'El registro central no tiene configurada la identificación con DNIe.',
  },
  'central.seal_unavailable': {
    status: 503,
    message: 'El municipio no tiene configurado su sello electrónico: no se pueden expedir volantes.',
  },
  'central.unavailable': { status: 503, message: 'El registro central no está disponible en este momento.' },
  'central.internal': { status: 500, message: 'El registro central no pudo completar la operación.' },
} as const;

export type CentralServiceErrorCode = keyof typeof CENTRAL_SERVICE_ERRORS;

export class CentralServiceError extends KioskError {
  readonly code: CentralServiceErrorCode;
  readonly status: number;

  constructor(code: CentralServiceErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(CENTRAL_SERVICE_ERRORS[code].message, detail, options);
    this.code = code;
    this.status = CENTRAL_SERVICE_ERRORS[code].status;
  }
}

/** The JSON body of every refusal: `{ "error": { "code", "message", "detail"? } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly detail?: string };
}
