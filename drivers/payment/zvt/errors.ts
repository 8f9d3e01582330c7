import { KioskError } from '../../common/kiosk-error.ts';

/**
 * Why a ZVT byte sequence could not be decoded. One code per distinct cause, so a transport can branch
 * (a CRC error is NAKed, a desynchronised TCP stream is reconnected, an unknown BMP is logged).
 */
export type ZvtDecodeErrorCode =
  | 'zvt.bcd_invalid'
  | 'zvt.apdu_truncated'
  | 'zvt.apdu_trailing_bytes'
  | 'zvt.apdu_unknown_class'
  | 'zvt.bmp_unknown'
  | 'zvt.bmp_truncated'
  | 'zvt.bmp_length_invalid'
  | 'zvt.tlv_invalid'
  | 'zvt.message_invalid'
  | 'zvt.hid_report_invalid'
  | 'zvt.hid_out_of_order'
  | 'zvt.hid_truncated'
  | 'zvt.serial_framing'
  | 'zvt.crc_mismatch';

/** Spanish sentence per code, for the person at the kiosk (the screen may still translate by `code`). */
const DECODE_MESSAGES: Record<ZvtDecodeErrorCode, string> = {
  'zvt.bcd_invalid': 'El terminal de pago ha enviado un número con un formato no válido.',
  'zvt.apdu_truncated': 'El mensaje del terminal de pago está incompleto.',
  'zvt.apdu_trailing_bytes': 'El mensaje del terminal de pago tiene datos de más.',
  'zvt.apdu_unknown_class': 'El terminal de pago ha enviado datos que no se entienden.',
  'zvt.bmp_unknown': 'El terminal de pago ha enviado un campo desconocido.',
  'zvt.bmp_truncated': 'Un campo del mensaje del terminal de pago está incompleto.',
  'zvt.bmp_length_invalid': 'Un campo del mensaje del terminal de pago tiene una longitud no válida.',
  'zvt.tlv_invalid': 'El terminal de pago ha enviado un bloque de datos no válido.',
  'zvt.message_invalid': 'El terminal de pago ha enviado un mensaje no válido.',
  'zvt.hid_report_invalid': 'La conexión USB con el terminal de pago ha enviado un paquete no válido.',
  'zvt.hid_out_of_order': 'La conexión USB con el terminal de pago ha perdido un paquete.',
  'zvt.hid_truncated': 'La conexión USB con el terminal de pago ha enviado un paquete incompleto.',
  'zvt.serial_framing': 'La conexión serie con el terminal de pago ha recibido datos dañados.',
  'zvt.crc_mismatch': 'Un mensaje del terminal de pago ha llegado dañado; se pide de nuevo.',
};

/** Bytes from the payment terminal (or our own stored bytes) that do not follow the ZVT spec. */
export class ZvtDecodeError extends KioskError {
  readonly code: ZvtDecodeErrorCode;

  constructor(code: ZvtDecodeErrorCode, detail: string) {
    super(DECODE_MESSAGES[code], detail);
    this.code = code;
  }
}

/** A value we were asked to encode does not fit its ZVT field (a bug in the caller, not the terminal). */
export class ZvtEncodeError extends KioskError {
  readonly code = 'zvt.encode_invalid';

  constructor(detail: string) {
    super('No se ha podido preparar la orden para el terminal de pago.', detail);
  }
}

/** Hex for `detail` texts: never used on data that could hold personal data (PAN is masked by the PT). */
export function hex(bytes: Uint8Array, max = 32): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0').toUpperCase());
  return bytes.length > max ? `${shown.join(' ')} … (${bytes.length} B)` : shown.join(' ');
}
