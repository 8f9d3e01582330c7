import type { Messages } from './messages.ts';

export const ca: Messages = {
  languageName: 'Català',
  welcomeTitle: 'Us donem la benvinguda',
  servicesPending:
    "Aviat podreu demanar aquí el volant d'empadronament i pagar els rebuts municipals. Aquests serveis encara no estan actius.",
  chooseLanguage: 'Idioma',
  devicesTitle: 'Estat dels dispositius',
  connecting: "S'està connectant amb el caixer… Espereu un moment.",
  card: {
    dnie: 'Heu inserit el DNIe.',
    dnieNextStep:
      "La identificació amb PIN arribarà en una versió propera d'aquest caixer. Podeu retirar el DNIe.",
    dnieUnusable:
      "El xip d'aquest DNIe no es pot fer servir. Renoveu-lo en una oficina d'expedició del DNI i retireu-lo del lector.",
    other: 'Aquesta targeta no és un DNIe. Retireu-la i inseriu el DNIe.',
  },
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
