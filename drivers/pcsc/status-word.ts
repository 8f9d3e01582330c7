/**
 * Status words (ISO 7816-4 §5.6 and the DNIe list in dnie.md §2) with a Spanish sentence for the common
 * ones. The sentence is for the technician's screen and logs; the kiosk screen translates by error code.
 */
import { swHex } from './apdu.ts';

export const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  PIN_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  SM_OBJECTS_MISSING: 0x6987,
  SM_OBJECTS_INCORRECT: 0x6988,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  DATA_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  CHECKSUM_INVALID: 0x6688,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

const TEXTS: ReadonlyMap<number, string> = new Map([
  [SW.OK, 'Operación correcta.'],
  [SW.END_OF_FILE, 'Se ha llegado al final del fichero antes de leer todos los bytes pedidos.'],
  [SW.WRONG_LENGTH, 'Longitud incorrecta.'],
  [SW.SECURITY_NOT_SATISFIED, 'Falta el PIN o el canal seguro para esta operación.'],
  [SW.PIN_BLOCKED, 'El PIN está bloqueado.'],
  [SW.CONDITIONS_NOT_SATISFIED, 'La tarjeta no permite esta operación ahora.'],
  [SW.SM_OBJECTS_MISSING, 'Faltan datos del canal seguro; la tarjeta ha cerrado el canal.'],
  [SW.SM_OBJECTS_INCORRECT, 'Los datos del canal seguro son incorrectos.'],
  [SW.FILE_NOT_FOUND, 'Fichero no encontrado en la tarjeta.'],
  [SW.WRONG_P1P2, 'Parámetros P1-P2 incorrectos.'],
  [SW.DATA_NOT_FOUND, 'Dato referenciado no encontrado.'],
  [SW.WRONG_OFFSET, 'Desplazamiento fuera del fichero.'],
  [SW.INS_NOT_SUPPORTED, 'La tarjeta no admite esta instrucción.'],
  [SW.CLA_NOT_SUPPORTED, 'La tarjeta no admite esta clase de instrucción.'],
  [SW.CHECKSUM_INVALID, 'Código de comprobación criptográfica incorrecto.'],
  [SW.NO_PRECISE_DIAGNOSIS, 'Error interno de la tarjeta sin diagnóstico.'],
]);

/** A Spanish sentence for a status word; never throws. */
export function statusWordText(sw: number): string {
  const known = TEXTS.get(sw);
  if (known !== undefined) return known;
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return `PIN incorrecto; quedan ${sw2 & 0x0f} intentos.`;
  if (sw1 === 0x61) return `Hay ${sw2 === 0 ? 256 : sw2} bytes de respuesta pendientes.`;
  if (sw1 === 0x6c) return `Longitud esperada incorrecta; la tarjeta indica ${sw2 === 0 ? 256 : sw2} bytes.`;
  return `La tarjeta ha respondido con el código ${swHex(sw)}.`;
}

export function isSuccess(sw: number): boolean {
  return sw === SW.OK;
}
