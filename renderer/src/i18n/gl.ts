import type { Messages } from './messages.ts';
import { idleGl } from './idle/gl.ts';
import { reciboGl } from './recibo/gl.ts';
import { sessionGl } from './session/gl.ts';
import { accessGl } from './access/gl.ts';

export const gl: Messages = {
  languageName: 'Galego',
  devicesTitle: 'Estado dos dispositivos',
  connecting: 'Conectando co caixeiro… Agarde un momento.',
  card: {
    dnie: 'Inseriu o seu DNIe.',
    dnieNextStep: 'Agarde un momento.',
    dnieUnusable:
      'O chip deste DNIe non se pode usar. Renóveo nunha oficina de expedición do DNI e retíreo do lector.',
    other: 'Esta tarxeta non é un DNIe. Retírea e insira o seu DNIe.',
  },
  identification: {
    pinTitle: 'Introduza o seu PIN',
    pinHelp:
      'Escriba o PIN do seu DNIe co teclado da pantalla. Ten entre 8 e 16 letras e números. Tape o teclado coa man para que ninguén o vexa.',
    pinCount: (count) =>
      count === 0
        ? 'Ningún carácter escrito'
        : count === 1
          ? '1 carácter escrito'
          : `${count} caracteres escritos`,
    keypadLabel: 'Teclado do PIN',
    showDigits: 'Números',
    showLetters: 'Letras',
    upperCase: 'Maiúsculas',
    deleteKey: 'Borrar',
    confirm: 'Aceptar',
    cancel: 'Cancelar',
    verifying: 'Comprobando o seu PIN… Non retire o DNIe.',
    greeting: (givenName) => `Ola, ${givenName}`,
    greetingNoName: 'Ola',
    identifiedNext: 'Identificouse co seu DNIe. Ao rematar, non esqueza retiralo.',
    pinWrongTitle: 'O PIN non é correcto',
    pinWrong: (triesLeft) =>
      triesLeft === 1
        ? 'Quédalle 1 intento. Se se equivoca outra vez, o PIN bloquearase.'
        : `Quédanlle ${triesLeft} intentos.`,
    blockedTitle: 'O seu PIN está bloqueado',
    blockedNext:
      'Bloqueouse despois de varios intentos fallidos. Para desbloquealo, acuda a unha oficina de expedición do DNI: no Punto de Actualización do DNIe pode facelo coa súa pegada dactilar. Retire o seu DNIe.',
    errorTitle: 'Non se puido comprobar o seu DNIe',
    reasons: {
      tarjeta_no_dnie: 'Esta tarxeta non é un DNIe.',
      dnie_inutilizado: 'O chip deste DNIe non se pode usar. Renóveo nunha oficina de expedición do DNI.',
      tarjeta_retirada: 'Retirouse a tarxeta antes de rematar.',
      comunicacion_fallida: 'Fallou a comunicación co DNIe. Retíreo e volva inserilo.',
      tarjeta_no_autentica: 'Non se puido comprobar que a tarxeta sexa un DNIe auténtico.',
      certificado_caducado: 'O certificado do seu DNIe caducou. Renóveo nunha oficina de expedición do DNI.',
      certificado_revocado:
        'O certificado do seu DNIe está revogado. Acuda a unha oficina de expedición do DNI.',
      emisor_no_reconocido: 'Este caixeiro non recoñece quen emitiu o certificado da tarxeta.',
      certificado_no_valido: 'O certificado do seu DNIe non é válido.',
      lector_no_configurado:
        'Este caixeiro non pode identificar con DNIe agora mesmo. Desculpe as molestias.',
      error_interno: 'Produciuse un erro no caixeiro. Retire o seu DNIe e ténteo de novo.',
    },
    removeCard: 'Retire o seu DNIe.',
    cancelled: 'Cancelou a identificación.',
  },
  idle: idleGl,
  recibo: reciboGl,
  session: sessionGl,
  access: accessGl,
  devices: {
    cardReader: 'Lector de DNIe',
    printer: 'Impresora',
    paymentTerminal: 'Terminal de pagamento con tarxeta',
    scanner: 'Lector de códigos de barras',
    central: 'Conexión co concello',
  },
  deviceStates: {
    ready: 'Preparado',
    starting: 'Iniciando',
    driver_pending: 'Sen controlador nesta versión',
    not_configured: 'Non instalado',
    disconnected: 'Sen conexión',
    reader_absent: 'Non se atopa o lector',
    card_present: 'Tarxeta inserida',
    paper_near_end: 'Queda pouco papel',
    paper_out: 'Sen papel',
    cover_open: 'Tapa aberta',
    cutter_error: 'Fallo da coitela',
    busy: 'Ocupado',
    offline: 'Fóra de liña',
    fault: 'Avaría',
  },
};
