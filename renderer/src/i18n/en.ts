import type { Messages } from './messages.ts';

export const en: Messages = {
  languageName: 'English',
  welcomeTitle: 'Welcome',
  servicesPending:
    'Soon you will be able to get your certificate of registration (volante de empadronamiento) and pay your municipal bills here. These services are not active yet.',
  chooseLanguage: 'Language',
  devicesTitle: 'Device status',
  connecting: 'Connecting to the kiosk… Please wait a moment.',
  card: {
    dnie: 'Your DNIe is in the reader.',
    dnieNextStep:
      'Identification with your PIN is coming in a later version of this kiosk. You can take your DNIe out.',
    dnieUnusable:
      'The chip of this DNIe cannot be used. Renew it at a DNI office and take it out of the reader.',
    other: 'This card is not a DNIe. Take it out and insert your DNIe.',
  },
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
