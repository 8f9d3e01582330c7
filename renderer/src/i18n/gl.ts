import type { Messages } from './messages.ts';

export const gl: Messages = {
  languageName: 'Galego',
  welcomeTitle: 'Dámoslle a benvida',
  servicesPending:
    'Axiña poderá pedir aquí o seu volante de empadroamento e pagar os seus recibos municipais. Estes servizos aínda non están activos.',
  chooseLanguage: 'Idioma',
  devicesTitle: 'Estado dos dispositivos',
  connecting: 'Conectando co caixeiro… Agarde un momento.',
  card: {
    dnie: 'Inseriu o seu DNIe.',
    dnieNextStep:
      'A identificación con PIN chegará nunha próxima versión deste caixeiro. Pode retirar o seu DNIe.',
    dnieUnusable:
      'O chip deste DNIe non se pode usar. Renóveo nunha oficina de expedición do DNI e retíreo do lector.',
    other: 'Esta tarxeta non é un DNIe. Retírea e insira o seu DNIe.',
  },
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
