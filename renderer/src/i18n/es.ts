import type { Messages } from './messages.ts';
import { idleEs } from './idle/es.ts';
import { reciboEs } from './recibo/es.ts';
import { sessionEs } from './session/es.ts';
import { accessEs } from './access/es.ts';

export const es: Messages = {
  languageName: 'Español',
  devicesTitle: 'Estado de los dispositivos',
  connecting: 'Conectando con el cajero… Espere un momento.',
  card: {
    dnie: 'Ha insertado su DNIe.',
    dnieNextStep: 'Espere un momento.',
    dnieUnusable:
      'El chip de este DNIe no se puede usar. Renuévelo en una oficina de expedición del DNI y retírelo del lector.',
    other: 'Esta tarjeta no es un DNIe. Retírela e inserte su DNIe.',
  },
  identification: {
    pinTitle: 'Introduzca su PIN',
    pinHelp:
      'Escriba el PIN de su DNIe con el teclado de la pantalla. Tiene entre 8 y 16 letras y números. Tape el teclado con la mano para que nadie lo vea.',
    pinCount: (count) =>
      count === 0
        ? 'Ningún carácter escrito'
        : count === 1
          ? '1 carácter escrito'
          : `${count} caracteres escritos`,
    keypadLabel: 'Teclado del PIN',
    showDigits: 'Números',
    showLetters: 'Letras',
    upperCase: 'Mayúsculas',
    deleteKey: 'Borrar',
    confirm: 'Aceptar',
    cancel: 'Cancelar',
    verifying: 'Comprobando su PIN… No retire el DNIe.',
    greeting: (givenName) => `Hola, ${givenName}`,
    greetingNoName: 'Hola',
    identifiedNext: 'Se ha identificado con su DNIe. Al terminar, no olvide retirarlo.',
    pinWrongTitle: 'El PIN no es correcto',
    pinWrong: (triesLeft) =>
      triesLeft === 1
        ? 'Le queda 1 intento. Si se equivoca otra vez, el PIN se bloqueará.'
        : `Le quedan ${triesLeft} intentos.`,
    blockedTitle: 'Su PIN está bloqueado',
    blockedNext:
      'Se ha bloqueado tras varios intentos fallidos. Para desbloquearlo, acuda a una oficina de expedición del DNI: en el Punto de Actualización del DNIe puede hacerlo con su huella dactilar. Retire su DNIe.',
    errorTitle: 'No se ha podido comprobar su DNIe',
    reasons: {
      tarjeta_no_dnie: 'Esta tarjeta no es un DNIe.',
      dnie_inutilizado:
        'El chip de este DNIe no se puede usar. Renuévelo en una oficina de expedición del DNI.',
      tarjeta_retirada: 'Se ha retirado la tarjeta antes de terminar.',
      comunicacion_fallida: 'Ha fallado la comunicación con el DNIe. Retírelo y vuelva a insertarlo.',
      tarjeta_no_autentica: 'No se ha podido comprobar que la tarjeta sea un DNIe auténtico.',
      certificado_caducado:
        'El certificado de su DNIe ha caducado. Renuévelo en una oficina de expedición del DNI.',
      certificado_revocado:
        'El certificado de su DNIe está revocado. Acuda a una oficina de expedición del DNI.',
      emisor_no_reconocido: 'Este cajero no reconoce quién ha emitido el certificado de la tarjeta.',
      certificado_no_valido: 'El certificado de su DNIe no es válido.',
      lector_no_configurado: 'Este cajero no puede identificar con DNIe ahora mismo. Disculpe las molestias.',
      error_interno: 'Se ha producido un error en el cajero. Retire su DNIe e inténtelo de nuevo.',
    },
    removeCard: 'Retire su DNIe.',
    cancelled: 'Ha cancelado la identificación.',
  },
  idle: idleEs,
  recibo: reciboEs,
  session: sessionEs,
  access: accessEs,
  devices: {
    cardReader: 'Lector de DNIe',
    printer: 'Impresora',
    paymentTerminal: 'Terminal de pago con tarjeta',
    scanner: 'Lector de códigos de barras',
    central: 'Conexión con el ayuntamiento',
  },
  deviceStates: {
    ready: 'Preparado',
    starting: 'Arrancando',
    driver_pending: 'Sin controlador en esta versión',
    not_configured: 'No instalado',
    disconnected: 'Sin conexión',
    reader_absent: 'No se encuentra el lector',
    card_present: 'Tarjeta insertada',
    paper_near_end: 'Queda poco papel',
    paper_out: 'Sin papel',
    cover_open: 'Tapa abierta',
    cutter_error: 'Fallo de la cuchilla',
    busy: 'Ocupado',
    offline: 'Fuera de línea',
    fault: 'Avería',
  },
};
