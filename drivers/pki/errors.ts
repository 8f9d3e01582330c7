/**
 * Typed errors of the PKI layer. Messages are for the person at the kiosk (Spanish); `detail` is for
 * the technician and never carries a name or a DNI number (kiosk-error.ts).
 */
import { KioskError } from '../common/kiosk-error.ts';

/** The bytes are not an X.509 certificate we can read (bad PEM, bad DER, trailing bytes, bad extension). */
export class CertificateFormatError extends KioskError {
  readonly code = 'pki.certificate_malformed';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('No se ha podido leer el certificado.', detail, options);
  }
}

/** A signature algorithm or key we do not verify (for example SHA-1 when not allowed, or DSA). */
export class UnsupportedAlgorithmError extends KioskError {
  readonly code = 'pki.unsupported_algorithm';

  constructor(detail: string) {
    super('El certificado usa un algoritmo no admitido.', detail);
  }
}

/** Reasons an OCSP response is refused (RFC 6960 §3.2 lists the checks a client must make). */
export const OCSP_FAILURES = {
  malformed: 'La respuesta del servicio de validación no es válida.',
  unsuccessful: 'El servicio de validación no ha podido responder.',
  bad_signature: 'La respuesta del servicio de validación no está firmada correctamente.',
  unauthorized_responder: 'La respuesta del servicio de validación procede de un emisor no reconocido.',
  cert_id_mismatch: 'La respuesta del servicio de validación no corresponde a este certificado.',
  stale: 'La respuesta del servicio de validación está caducada.',
  not_yet_valid: 'La respuesta del servicio de validación todavía no es válida.',
  nonce_mismatch: 'La respuesta del servicio de validación no corresponde a esta consulta.',
} as const;

export type OcspFailure = keyof typeof OCSP_FAILURES;

export class OcspResponseError extends KioskError {
  readonly code: `pki.ocsp_${OcspFailure}`;
  readonly failure: OcspFailure;

  constructor(failure: OcspFailure, detail: string, options?: { cause?: unknown }) {
    super(OCSP_FAILURES[failure], detail, options);
    this.failure = failure;
    this.code = `pki.ocsp_${failure}`;
  }
}

/** An OCSP request (built or received) that cannot be encoded or decoded. */
export class OcspRequestError extends KioskError {
  readonly code = 'pki.ocsp_request_malformed';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('No se ha podido preparar la consulta al servicio de validación.', detail, options);
  }
}

/** A hash handed to the DigestInfo builder that has the wrong length. */
export class DigestLengthError extends KioskError {
  readonly code = 'pki.digest_length';

  constructor(detail: string) {
    super('No se ha podido preparar la firma.', detail);
  }
}
