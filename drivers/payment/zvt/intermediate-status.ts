/**
 * Intermediate status codes (`04 FF` byte 0): docs/zvt.md §3 (from Portalum
 * EnglishIntermediateStatusRepository.cs), with Spanish texts for the kiosk screen and a `prompt`
 * class the UI can use to pick an illustration without knowing ZVT.
 */

export type StatusPrompt =
  | 'present_card'
  | 'enter_pin'
  | 'remove_card'
  | 'wait'
  | 'choose'
  | 'problem'
  | 'info';

export interface StatusText {
  readonly text: string;
  readonly prompt: StatusPrompt;
}

const s = (text: string, prompt: StatusPrompt): StatusText => ({ text, prompt });

const BASE: ReadonlyMap<number, StatusText> = new Map([
  [0x00, s('Confirme el importe en el terminal', 'choose')],
  [0x01, s('Introduzca el PIN', 'enter_pin')],
  [0x02, s('Introduzca el PIN', 'enter_pin')],
  [0x03, s('Operación no aceptada', 'problem')],
  [0x04, s('Esperando respuesta del banco', 'wait')],
  [0x05, s('Enviando anulación automática', 'wait')],
  [0x06, s('Enviando operaciones pendientes', 'wait')],
  [0x07, s('Tarjeta no admitida', 'problem')],
  [0x08, s('Tarjeta desconocida', 'problem')],
  [0x09, s('Tarjeta caducada', 'problem')],
  [0x0a, s('Inserte o acerque la tarjeta', 'present_card')],
  [0x0b, s('Retire la tarjeta', 'remove_card')],
  [0x0c, s('No se puede leer la tarjeta', 'problem')],
  [0x0d, s('Error al procesar la operación', 'problem')],
  [0x0e, s('Espere, por favor', 'wait')],
  [0x0f, s('Iniciando el cierre automático del día', 'wait')],
  [0x10, s('Tarjeta no válida', 'problem')],
  [0x11, s('Consulta de saldo', 'info')],
  [0x12, s('Fallo del sistema', 'problem')],
  [0x13, s('Pago no posible', 'problem')],
  [0x14, s('Saldo insuficiente', 'problem')],
  [0x15, s('PIN incorrecto', 'problem')],
  [0x16, s('Límite insuficiente', 'problem')],
  [0x17, s('Espere, por favor', 'wait')],
  [0x18, s('Ha superado el número de intentos del PIN', 'problem')],
  [0x19, s('Datos de la tarjeta incorrectos', 'problem')],
  [0x1a, s('Modo de servicio', 'info')],
  [0x1b, s('Aprobado', 'info')],
  [0x1c, s('Aprobado, recoja el producto', 'info')],
  [0x1d, s('Operación denegada', 'problem')],
  [0x26, s('Introduzca el número de móvil', 'choose')],
  [0x27, s('Introduzca el número de móvil', 'choose')],
  [0x28, s('Elija la moneda', 'choose')],
  [0x29, s('Elija el idioma', 'choose')],
  [0x2a, s('Inserte la tarjeta para recargar', 'present_card')],
  [0x2b, s('Operación de emergencia', 'info')],
  [0x2c, s('Elija la aplicación de la tarjeta', 'choose')],
  [0x68, s('Tarjeta de cliente insertada', 'info')],
  [0x69, s('Elija la moneda de pago', 'choose')],
  [0xc7, s('Introduzca el kilometraje', 'choose')],
  [0xc8, s('Esperando al personal', 'wait')],
  [0xc9, s('Diagnóstico automático en curso', 'wait')],
  [0xca, s('Inicialización automática en curso', 'wait')],
  [0xcb, s('Diario del comercio lleno', 'problem')],
  [0xcc, s('Hace falta el PIN', 'enter_pin')],
  [0xd2, s('Conectando con el banco', 'wait')],
  [0xd3, s('Conectado con el banco', 'wait')],
  [0xe0, s('Elija la aplicación de la tarjeta', 'choose')],
  [0xe1, s('Elija el idioma', 'choose')],
  [0xe2, s('Use la tarjeta de limpieza', 'info')],
  [0xf1, s('Sin conexión', 'info')],
  [0xf2, s('En línea', 'info')],
  [0xf3, s('Operación sin conexión', 'info')],
]);

/** `FF`: no ZVT code, the text comes in TLV `24`/`07`. */
export const STATUS_TEXT_IN_TLV = 0xff;

const FALLBACK = s('Siga las indicaciones del terminal', 'info');

/** Spanish text for a status code; codes `41`–`5D` are `01`–`1D` plus "remove card". */
export function describeIntermediateStatus(code: number): StatusText {
  const direct = BASE.get(code);
  if (direct !== undefined) return direct;
  if (code >= 0x41 && code <= 0x5d) {
    const base = BASE.get(code - 0x40);
    if (base !== undefined) return s(`${base.text}. Retire la tarjeta`, 'remove_card');
  }
  return FALLBACK;
}
