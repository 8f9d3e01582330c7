/**
 * Typed errors of the DNIe driver. None of them ever carries the PIN, the holder's name or DNI number:
 * `detail` names commands, status words and lengths only.
 */
import { KioskError } from '../common/kiosk-error.ts';

/** A BER-TLV structure that cannot be decoded (ISO 7816-4 §5.4). */
export class TlvFormatError extends KioskError {
  readonly code = 'dnie.tlv_malformed';

  constructor(detail: string) {
    super('La tarjeta ha enviado datos que no se entienden.', detail);
  }
}

/** A secure-messaging response whose data objects are missing or malformed (CWA 14890-1 §8). */
export class SmFormatError extends KioskError {
  readonly code = 'dnie.sm_malformed';

  constructor(detail: string) {
    super('La comunicación segura con la tarjeta ha fallado.', detail);
  }
}

/** A secure-messaging response whose MAC does not verify: the channel is no longer trusted. */
export class SmMacError extends KioskError {
  readonly code = 'dnie.sm_bad_mac';

  constructor(detail: string) {
    super('La comunicación segura con la tarjeta ha fallado.', detail);
  }
}

export const DNIE_FAILURES = {
  not_a_dnie: 'La tarjeta no es un DNI electrónico.',
  burnt: 'El DNI electrónico está inutilizado. Renuévelo en una oficina de expedición.',
  unsupported_version: 'Esta versión del DNI electrónico no se admite en este cajero.',
  card_not_genuine: 'No se ha podido comprobar que la tarjeta sea un DNI electrónico auténtico.',
  channel_refused: 'La tarjeta no ha aceptado la conexión segura del cajero.',
  channel_lost: 'Se ha perdido la comunicación segura con la tarjeta.',
  card_error: 'La tarjeta ha respondido con un error.',
  certificate_unreadable: 'No se ha podido leer el certificado del DNI electrónico.',
  signature_failed: 'La tarjeta no ha podido firmar.',
  pin_format: 'El PIN debe tener entre 4 y 16 caracteres.',
  pin_not_verified: 'Falta comprobar el PIN.',
} as const;

export type DnieFailure = keyof typeof DNIE_FAILURES;

/** A failure of a DNIe operation (not of the PC/SC transport, which raises PcscError). */
export class DnieError extends KioskError {
  readonly code: `dnie.${DnieFailure}`;
  readonly failure: DnieFailure;
  /** The card's status word, when one caused the failure. */
  readonly sw: number | undefined;

  constructor(failure: DnieFailure, detail: string, sw?: number, options?: { cause?: unknown }) {
    super(DNIE_FAILURES[failure], detail, options);
    this.failure = failure;
    this.code = `dnie.${failure}`;
    this.sw = sw;
  }
}

/** The terminal configuration (CVCs, keys, references) is missing or unusable. */
export class TerminalConfigError extends KioskError {
  readonly code = 'dnie.config_invalid';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('La configuración del lector de DNI electrónico no es válida.', detail, options);
  }
}
