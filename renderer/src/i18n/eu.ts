import type { Messages } from './messages.ts';

export const eu: Messages = {
  languageName: 'Euskara',
  welcomeTitle: 'Ongi etorri',
  servicesPending:
    'Laster hemen eskatu ahal izango duzu erroldatze-agiria eta udal-ordainagiriak ordaindu. Zerbitzu horiek ez daude oraindik aktibo.',
  chooseLanguage: 'Hizkuntza',
  devicesTitle: 'Gailuen egoera',
  connecting: 'Kutxazainarekin konektatzen… Itxaron une batez.',
  card: {
    dnie: 'NAN elektronikoa sartu duzu.',
    dnieNextStep:
      'PIN bidezko identifikazioa kutxazain honen hurrengo bertsio batean etorriko da. NAN elektronikoa atera dezakezu.',
    dnieUnusable:
      'NAN elektroniko honen txipa ezin da erabili. Berritu ezazu NANa egiten duten bulego batean eta atera ezazu irakurgailutik.',
    other: 'Txartel hau ez da NAN elektronikoa. Atera ezazu eta sartu zure NAN elektronikoa.',
  },
  devices: {
    cardReader: 'NAN elektronikoaren irakurgailua',
    printer: 'Inprimagailua',
    paymentTerminal: 'Txartelez ordaintzeko terminala',
    scanner: 'Barra-kodeen irakurgailua',
    central: 'Udalarekiko konexioa',
  },
  deviceStates: {
    ready: 'Prest',
    starting: 'Abiarazten',
    driver_pending: 'Bertsio honek ez du kontrolatzailerik',
    not_configured: 'Instalatu gabe',
    disconnected: 'Konexiorik gabe',
    reader_absent: 'Ez da irakurgailua aurkitu',
    card_present: 'Txartela sartuta',
    paper_near_end: 'Paper gutxi geratzen da',
    paper_out: 'Paperik gabe',
    cover_open: 'Tapa irekita',
    cutter_error: 'Ebakigailuaren akatsa',
    busy: 'Lanpetuta',
    offline: 'Lineaz kanpo',
    fault: 'Matxura',
  },
};
