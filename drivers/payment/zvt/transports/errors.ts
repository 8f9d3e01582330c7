import { KioskError } from '../../../common/kiosk-error.ts';

/**
 * Why a ZVT transport could not move bytes. Decoding problems are {@link ZvtDecodeError}s; these are about
 * the channel itself, so the caller can tell "never reached the terminal" (connect refused, port missing:
 * nothing started) from "lost it on the way" (the outcome of a running command is unknown).
 */
export type ZvtTransportErrorCode =
  /** TCP: nothing listens at host:port (ECONNREFUSED, EHOSTUNREACH, ...). */
  | 'zvt.connect_refused'
  /** TCP: the connection attempt did not finish in time. */
  | 'zvt.connect_timeout'
  /** The channel closed or failed after it was open. */
  | 'zvt.connection_lost'
  /** Serial: the terminal did not ACK a frame within T3, on every attempt (docs/zvt.md §2.1). */
  | 'zvt.timeout'
  /** Serial: the terminal NAKed every attempt of a frame (docs/zvt.md §2.1). */
  | 'zvt.nak_limit'
  /** The serial port or HID device could not be opened. */
  | 'zvt.device_unavailable'
  /** The link was closed by us (kiosk shutdown). */
  | 'zvt.link_closed';

const MESSAGES: Record<ZvtTransportErrorCode, string> = {
  'zvt.connect_refused': 'No se puede conectar con el terminal de pago.',
  'zvt.connect_timeout': 'El terminal de pago no responde a la conexión.',
  'zvt.connection_lost': 'Se ha perdido la conexión con el terminal de pago.',
  'zvt.timeout': 'El terminal de pago no ha confirmado la recepción de un mensaje.',
  'zvt.nak_limit': 'El terminal de pago ha rechazado repetidamente un mensaje.',
  'zvt.device_unavailable': 'El terminal de pago no está conectado a este equipo.',
  'zvt.link_closed': 'La conexión con el terminal de pago está cerrada.',
};

export class ZvtTransportError extends KioskError {
  readonly code: ZvtTransportErrorCode;

  constructor(code: ZvtTransportErrorCode, detail: string, options?: { cause?: unknown }) {
    super(MESSAGES[code], detail, options);
    this.code = code;
  }
}
