import type { Messages } from './messages.ts';
import { idleCa } from './idle/ca.ts';
import { reciboCa } from './recibo/ca.ts';
import { sessionCa } from './session/ca.ts';
import { accessCa } from './access/ca.ts';

export const ca: Messages = {
  languageName: 'Català',
  devicesTitle: 'Estat dels dispositius',
  connecting: "S'està connectant amb el caixer… Espereu un moment.",
  card: {
    dnie: 'Heu inserit el DNIe.',
    dnieNextStep: 'Espereu un moment.',
    dnieUnusable:
      "El xip d'aquest DNIe no es pot fer servir. Renoveu-lo en una oficina d'expedició del DNI i retireu-lo del lector.",
    other: 'Aquesta targeta no és un DNIe. Retireu-la i inseriu el DNIe.',
  },
  identification: {
    pinTitle: 'Introduïu el PIN',
    pinHelp:
      'Escriviu el PIN del DNIe amb el teclat de la pantalla. Té entre 8 i 16 lletres i números. Tapeu el teclat amb la mà perquè ningú no el vegi.',
    pinCount: (count) =>
      count === 0 ? 'Cap caràcter escrit' : count === 1 ? '1 caràcter escrit' : `${count} caràcters escrits`,
    keypadLabel: 'Teclat del PIN',
    showDigits: 'Números',
    showLetters: 'Lletres',
    upperCase: 'Majúscules',
    deleteKey: 'Esborra',
    confirm: 'Accepta',
    cancel: 'Cancel·la',
    verifying: "S'està comprovant el PIN… No retireu el DNIe.",
    greeting: (givenName) => `Hola, ${givenName}`,
    greetingNoName: 'Hola',
    identifiedNext: 'Us heu identificat amb el DNIe. Quan acabeu, no us oblideu de retirar-lo.',
    pinWrongTitle: 'El PIN no és correcte',
    pinWrong: (triesLeft) =>
      triesLeft === 1
        ? 'Us queda 1 intent. Si us torneu a equivocar, el PIN es bloquejarà.'
        : `Us queden ${triesLeft} intents.`,
    blockedTitle: 'El PIN està bloquejat',
    blockedNext:
      "S'ha bloquejat després de diversos intents fallits. Per desbloquejar-lo, aneu a una oficina d'expedició del DNI: al Punt d'Actualització del DNIe ho podeu fer amb l'empremta digital. Retireu el DNIe.",
    errorTitle: "No s'ha pogut comprovar el DNIe",
    reasons: {
      tarjeta_no_dnie: 'Aquesta targeta no és un DNIe.',
      dnie_inutilizado:
        "El xip d'aquest DNIe no es pot fer servir. Renoveu-lo en una oficina d'expedició del DNI.",
      tarjeta_retirada: "S'ha retirat la targeta abans d'acabar.",
      comunicacion_fallida: 'Ha fallat la comunicació amb el DNIe. Retireu-lo i torneu-lo a inserir.',
      tarjeta_no_autentica: "No s'ha pogut comprovar que la targeta sigui un DNIe autèntic.",
      certificado_caducado:
        "El certificat del DNIe ha caducat. Renoveu-lo en una oficina d'expedició del DNI.",
      certificado_revocado: "El certificat del DNIe està revocat. Aneu a una oficina d'expedició del DNI.",
      emisor_no_reconocido: 'Aquest caixer no reconeix qui ha emès el certificat de la targeta.',
      certificado_no_valido: 'El certificat del DNIe no és vàlid.',
      lector_no_configurado: 'Aquest caixer ara no pot identificar amb DNIe. Disculpeu les molèsties.',
      error_interno: "S'ha produït un error al caixer. Retireu el DNIe i torneu-ho a provar.",
    },
    removeCard: 'Retireu el DNIe.',
    cancelled: 'Heu cancel·lat la identificació.',
  },
  idle: idleCa,
  recibo: reciboCa,
  session: sessionCa,
  access: accessCa,
  devices: {
    cardReader: 'Lector de DNIe',
    printer: 'Impressora',
    paymentTerminal: 'Terminal de pagament amb targeta',
    scanner: 'Lector de codis de barres',
    central: "Connexió amb l'ajuntament",
  },
  deviceStates: {
    ready: 'Preparat',
    starting: "S'està iniciant",
    driver_pending: 'Sense controlador en aquesta versió',
    not_configured: 'No instal·lat',
    disconnected: 'Sense connexió',
    reader_absent: 'No es troba el lector',
    card_present: 'Targeta inserida',
    paper_near_end: 'Queda poc paper',
    paper_out: 'Sense paper',
    cover_open: 'Tapa oberta',
    cutter_error: 'Error de la ganiveta',
    busy: 'Ocupat',
    offline: 'Fora de línia',
    fault: 'Avaria',
  },
};
