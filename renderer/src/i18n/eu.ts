import type { Messages } from './messages.ts';
import { idleEu } from './idle/eu.ts';
import { reciboEu } from './recibo/eu.ts';
import { sessionEu } from './session/eu.ts';
import { accessEu } from './access/eu.ts';

export const eu: Messages = {
  languageName: 'Euskara',
  devicesTitle: 'Gailuen egoera',
  connecting: 'Kutxazainarekin konektatzen… Itxaron une batez.',
  card: {
    dnie: 'NAN elektronikoa sartu duzu.',
    dnieNextStep: 'Itxaron une batez.',
    dnieUnusable:
      'NAN elektroniko honen txipa ezin da erabili. Berritu ezazu NANa egiten duten bulego batean eta atera ezazu irakurgailutik.',
    other: 'Txartel hau ez da NAN elektronikoa. Atera ezazu eta sartu zure NAN elektronikoa.',
  },
  identification: {
    pinTitle: 'Idatzi zure PINa',
    pinHelp:
      'Idatzi zure NAN elektronikoaren PINa pantailako teklatuarekin. 8 eta 16 karaktere artean ditu, letrak eta zenbakiak. Estali teklatua eskuarekin, inork ikus ez dezan.',
    pinCount: (count) =>
      count === 0
        ? 'Ez da karaktererik idatzi'
        : count === 1
          ? 'Karaktere 1 idatzi da'
          : `${count} karaktere idatzi dira`,
    keypadLabel: 'PINaren teklatua',
    showDigits: 'Zenbakiak',
    showLetters: 'Letrak',
    upperCase: 'Maiuskulak',
    deleteKey: 'Ezabatu',
    confirm: 'Onartu',
    cancel: 'Utzi',
    verifying: 'Zure PINa egiaztatzen… Ez atera NAN elektronikoa.',
    greeting: (givenName) => `Kaixo, ${givenName}`,
    greetingNoName: 'Kaixo',
    identifiedNext: 'NAN elektronikoarekin identifikatu zara. Amaitzean, ez ahaztu ateratzea.',
    pinWrongTitle: 'PINa ez da zuzena',
    pinWrong: (triesLeft) =>
      triesLeft === 1
        ? 'Saiakera 1 geratzen zaizu. Berriro huts egiten baduzu, PINa blokeatu egingo da.'
        : `${triesLeft} saiakera geratzen zaizkizu.`,
    blockedTitle: 'Zure PINa blokeatuta dago',
    blockedNext:
      'Hainbat saiakera oker egin ondoren blokeatu da. Desblokeatzeko, joan NANa egiten duten bulego batera: NAN elektronikoa eguneratzeko gunean hatz-markarekin egin dezakezu. Atera zure NAN elektronikoa.',
    errorTitle: 'Ezin izan da zure NAN elektronikoa egiaztatu',
    reasons: {
      tarjeta_no_dnie: 'Txartel hau ez da NAN elektronikoa.',
      dnie_inutilizado:
        'NAN elektroniko honen txipa ezin da erabili. Berritu ezazu NANa egiten duten bulego batean.',
      tarjeta_retirada: 'Txartela amaitu aurretik atera da.',
      comunicacion_fallida:
        'NAN elektronikoarekiko komunikazioak huts egin du. Atera ezazu eta sartu berriro.',
      tarjeta_no_autentica: 'Ezin izan da egiaztatu txartela benetako NAN elektronikoa denik.',
      certificado_caducado:
        'Zure NAN elektronikoaren ziurtagiria iraungita dago. Berritu ezazu NANa egiten duten bulego batean.',
      certificado_revocado:
        'Zure NAN elektronikoaren ziurtagiria baliogabetuta dago. Joan NANa egiten duten bulego batera.',
      emisor_no_reconocido: 'Kutxazain honek ez du ezagutzen txartelaren ziurtagiria nork eman duen.',
      certificado_no_valido: 'Zure NAN elektronikoaren ziurtagiria ez da baliozkoa.',
      lector_no_configurado:
        'Kutxazain honek ezin du orain NAN elektronikoarekin identifikatu. Barkatu eragozpenak.',
      error_interno: 'Errore bat gertatu da kutxazainean. Atera zure NAN elektronikoa eta saiatu berriro.',
    },
    removeCard: 'Atera zure NAN elektronikoa.',
    cancelled: 'Identifikazioa bertan behera utzi duzu.',
  },
  idle: idleEu,
  recibo: reciboEu,
  session: sessionEu,
  access: accessEu,
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
