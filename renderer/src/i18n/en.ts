import type { Messages } from './messages.ts';
import { idleEn } from './idle/en.ts';
import { reciboEn } from './recibo/en.ts';
import { sessionEn } from './session/en.ts';
import { accessEn } from './access/en.ts';

export const en: Messages = {
  languageName: 'English',
  devicesTitle: 'Device status',
  connecting: 'Connecting to the kiosk… Please wait a moment.',
  card: {
    dnie: 'Your DNIe is in the reader.',
    dnieNextStep: 'Please wait a moment.',
    dnieUnusable:
      'The chip of this DNIe cannot be used. Renew it at a DNI office and take it out of the reader.',
    other: 'This card is not a DNIe. Take it out and insert your DNIe.',
  },
  identification: {
    pinTitle: 'Enter your PIN',
    pinHelp:
      'Type the PIN of your DNIe on the on-screen keypad. It has 8 to 16 letters and numbers. Cover the keypad with your hand so that nobody can see it.',
    pinCount: (count) =>
      count === 0
        ? 'No characters entered'
        : count === 1
          ? '1 character entered'
          : `${count} characters entered`,
    keypadLabel: 'PIN keypad',
    showDigits: 'Numbers',
    showLetters: 'Letters',
    upperCase: 'Capitals',
    deleteKey: 'Delete',
    confirm: 'OK',
    cancel: 'Cancel',
    verifying: 'Checking your PIN… Do not take out your DNIe.',
    greeting: (givenName) => `Hello, ${givenName}`,
    greetingNoName: 'Hello',
    identifiedNext: 'You are identified with your DNIe. When you finish, remember to take it out.',
    pinWrongTitle: 'The PIN is not correct',
    pinWrong: (triesLeft) =>
      triesLeft === 1
        ? 'You have 1 try left. If you get it wrong again, the PIN will be blocked.'
        : `You have ${triesLeft} tries left.`,
    blockedTitle: 'Your PIN is blocked',
    blockedNext:
      'It was blocked after several wrong tries. To unblock it, go to a DNI office (oficina de expedición del DNI): at the DNIe update point (Punto de Actualización del DNIe) you can do it with your fingerprint. Take out your DNIe.',
    errorTitle: 'Your DNIe could not be checked',
    reasons: {
      tarjeta_no_dnie: 'This card is not a DNIe.',
      dnie_inutilizado: 'The chip of this DNIe cannot be used. Renew it at a DNI office.',
      tarjeta_retirada: 'The card was taken out before the end.',
      comunicacion_fallida: 'Communication with the DNIe failed. Take it out and insert it again.',
      tarjeta_no_autentica: 'The card could not be confirmed as a genuine DNIe.',
      certificado_caducado: 'The certificate of your DNIe has expired. Renew it at a DNI office.',
      certificado_revocado: 'The certificate of your DNIe has been revoked. Go to a DNI office.',
      emisor_no_reconocido: 'This kiosk does not recognise who issued the card’s certificate.',
      certificado_no_valido: 'The certificate of your DNIe is not valid.',
      lector_no_configurado:
        'This kiosk cannot identify people with a DNIe right now. Sorry for the inconvenience.',
      error_interno: 'Something went wrong in the kiosk. Take out your DNIe and try again.',
    },
    removeCard: 'Take out your DNIe.',
    cancelled: 'You have cancelled the identification.',
  },
  idle: idleEn,
  recibo: reciboEn,
  session: sessionEn,
  access: accessEn,
  devices: {
    cardReader: 'DNIe card reader',
    printer: 'Printer',
    paymentTerminal: 'Card payment terminal',
    scanner: 'Barcode scanner',
    central: 'Connection to the town hall',
  },
  deviceStates: {
    ready: 'Ready',
    starting: 'Starting',
    driver_pending: 'No driver in this version',
    not_configured: 'Not installed',
    disconnected: 'Not connected',
    reader_absent: 'Reader not found',
    card_present: 'Card inserted',
    paper_near_end: 'Paper running low',
    paper_out: 'Out of paper',
    cover_open: 'Cover open',
    cutter_error: 'Cutter fault',
    busy: 'Busy',
    offline: 'Offline',
    fault: 'Fault',
  },
};
