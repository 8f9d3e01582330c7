/**
 * ZVT result codes (BMP 27, `06 1E`, `84 xx`): docs/zvt.md §5, spec PA00P015 ch. 10 "Error messages"
 * (cross-checked with EVerest constants.rs and kotlin-zvt ZvtConstants.kt). Texts are Spanish for the
 * person at the kiosk; the screen may still translate by code.
 */

export const RESULT_SUCCESS = 0x00;
/** `6C`: the PT stopped the command because of a timeout or the abort key / our `06 B0`. */
export const RESULT_ABORTED = 0x6c;

const TEXTS: ReadonlyMap<number, string> = new Map([
  [0x00, 'Operación aceptada'],
  [0x64, 'No se puede leer la tarjeta'],
  [0x65, 'Faltan datos de la tarjeta'],
  [0x66, 'Error al procesar la operación'],
  [0x67, 'Operación no permitida con esta tarjeta de débito'],
  [0x68, 'Operación no permitida con esta tarjeta de crédito'],
  [0x6a, 'El registro de operaciones del terminal está lleno'],
  [0x6b, 'Función desactivada: el terminal no está registrado'],
  [0x6c, 'Operación cancelada por tiempo agotado o a petición'],
  [0x6e, 'Tarjeta bloqueada'],
  [0x6f, 'Moneda incorrecta'],
  [0x71, 'Saldo insuficiente'],
  [0x72, 'Error del chip de la tarjeta'],
  [0x73, 'Datos de la tarjeta incorrectos'],
  [0x74, 'Claves de cifrado del terminal agotadas'],
  [0x75, 'Texto no auténtico'],
  [0x76, 'Tarjeta no admitida en la lista blanca'],
  [0x77, 'No es posible hacer el cierre del día'],
  [0x78, 'Tarjeta caducada'],
  [0x79, 'La tarjeta todavía no es válida'],
  [0x7a, 'Tarjeta desconocida'],
  [0x7b, 'No es posible usar la banda magnética'],
  [0x7c, 'No es posible usar la banda magnética'],
  [0x7d, 'Error de comunicación'],
  [0x7e, 'No es posible usar la banda magnética'],
  [0x83, 'Función no disponible'],
  [0x85, 'Falta una clave en el terminal'],
  [0x89, 'Teclado del PIN averiado'],
  [0x9a, 'Error del protocolo ZVT'],
  [0x9b, 'Fallo de comunicación con el banco'],
  [0x9c, 'Espere, por favor'],
  [0xa0, 'El receptor no está preparado'],
  [0xa1, 'El banco no responde'],
  [0xa3, 'Sin conexión con el banco'],
  [0xa4, 'No es posible enviar a GeldKarte'],
  [0xa5, 'Operación no permitida por seguridad (PCI-DSS)'],
  [0xb1, 'Memoria del terminal llena'],
  [0xb2, 'Diario del comercio lleno'],
  [0xb4, 'La operación ya estaba anulada'],
  [0xb5, 'No es posible anular la operación'],
  [0xb7, 'Preautorización incorrecta'],
  [0xb8, 'Error en la preautorización'],
  [0xbf, 'Tensión de alimentación demasiado baja'],
  [0xc0, 'Cerradura del lector de tarjetas averiada'],
  [0xc1, 'Tarjeta de comercio bloqueada'],
  [0xc2, 'El terminal necesita un diagnóstico'],
  [0xc3, 'Importe máximo superado'],
  [0xc4, 'Perfil de tarjeta no válido'],
  [0xc5, 'Medio de pago no admitido'],
  [0xc6, 'Moneda no admitida'],
  [0xc8, 'Importe demasiado pequeño'],
  [0xc9, 'Importe máximo por operación demasiado pequeño'],
  [0xcb, 'Solo se admiten euros'],
  [0xcc, 'La impresora no está preparada'],
  [0xcd, 'No es posible la retirada de efectivo'],
  [0xd2, 'No permitido con tarjetas de servicio'],
  [0xdc, 'Tarjeta insertada'],
  [0xdd, 'Error al expulsar la tarjeta'],
  [0xde, 'Error al insertar la tarjeta'],
  [0xe0, 'Mantenimiento remoto en curso'],
  [0xe2, 'Lector de tarjetas averiado'],
  [0xe3, 'Obturador del lector cerrado'],
  [0xe4, 'Hay que activar el terminal'],
  [0xe7, 'Grupo de artículos no encontrado'],
  [0xe8, 'No hay tabla de grupos de artículos'],
  [0xe9, 'Código de restricción no permitido'],
  [0xea, 'Código de tarjeta no permitido'],
  [0xeb, 'Algoritmo de PIN desconocido'],
  [0xec, 'No es posible procesar el PIN'],
  [0xed, 'Teclado del PIN averiado'],
  [0xf0, 'Hay un cierre del día pendiente'],
  [0xf1, 'Error fuera de línea de la tarjeta de débito'],
  [0xf5, 'Error del terminal de autoservicio'],
  [0xf6, 'Datos del terminal de autoservicio no disponibles'],
  [0xfa, 'Error al transmitir operaciones fuera de línea'],
  [0xfb, 'Registro de operaciones dañado'],
  [0xfc, 'Dispositivo ausente o averiado'],
  [0xfd, 'Velocidad de transmisión no admitida'],
  [0xfe, 'Registro desconocido'],
  [0xff, 'Error del sistema del terminal'],
]);

export interface ResultCodeInfo {
  readonly code: number;
  /** Spanish text for the person at the kiosk. */
  readonly text: string;
  /** `01`–`63` come from the card issuer / host and pass through the PT unchanged. */
  readonly fromHost: boolean;
}

export function describeResultCode(code: number): ResultCodeInfo {
  const fromHost = code >= 0x01 && code <= 0x63;
  const text =
    TEXTS.get(code) ??
    (fromHost
      ? `Operación denegada por el banco (código ${code})`
      : `Error del terminal de pago (código ${code.toString(16).toUpperCase().padStart(2, '0')})`);
  return { code, text, fromHost };
}

/** Every code with its own text (for catalogues and tests). */
export const KNOWN_RESULT_CODES: readonly number[] = [...TEXTS.keys()];
