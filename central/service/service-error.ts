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
