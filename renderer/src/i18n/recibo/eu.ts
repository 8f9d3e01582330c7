import type { ReciboMessages } from './types.ts';

const ELSEWHERE =
  'Udalaren egoitza elektronikoan, erakunde laguntzaile batean edo zerga-bilketako bulegoan ordain dezakezu.';

export const reciboEu: ReciboMessages = {
  start: 'Ordainagiri bat ordaindu',
  startHelp: 'Ordaindu udal-ordainagiri bat txartelaz eta eraman ordainketa-frogagiria.',
  entryTitle: 'Eskaneatu barra-kodea edo idatzi',
  entryHelp:
    'Pasatu ordainagiriaren barra-kodea irakurgailutik. Irakurtzen ez bada, idatzi datuak ordainagirian agertzen diren bezala.',
  byFields: 'Ordainagiriaren datuak',
  byBarcode: 'Barra-kodearen zenbaki osoa',
  fields: {
    emisora: 'Igorlea (6 zifra)',
    referencia: 'Erreferentzia (12 zifra)',
    identificacion: 'Identifikazioa (7 edo 10 zifra)',
    importe: 'Zenbatekoa eurotan',
    barcode: 'Barra-kodearen azpian agertzen den zenbakia',
  },
  keypadLabel: 'Zenbaki-teklatua',
  deleteKey: 'Ezabatu',
  check: 'Jarraitu',
  checking: 'Ordainagiria egiaztatzen…',
  shownTitle: 'Zure ordainagiria',
  labels: {
    concepto: 'Kontzeptua',
    emisora: 'Igorlea',
    referencia: 'Erreferentzia',
    identificacion: 'Identifikazioa',
    importe: 'Zenbatekoa',
    fechaLimite: 'Ordaintzeko azken eguna',
  },
  concepto: (tributo, ejercicio) => `${tributo} zerga, ${ejercicio}. ekitaldia`,
  pay: (amount) => `Ordaindu ${amount} txartelaz`,
  payingTitle: 'Txartelaz ordaintzea',
  payingHelp: 'Jarraitu ordainketa-terminalaren argibideei. Ez atera txartela hark esan arte.',
  terminalSays: 'Terminalak dio (gaztelaniaz):',
  prompts: {
    present_card: 'Hurbildu edo sartu txartela ordainketa-terminalean.',
    enter_pin: 'Idatzi txartelaren PINa ordainketa-terminalean.',
    remove_card: 'Atera txartela.',
    wait: 'Itxaron, mesedez.',
    choose: 'Aukeratu aukera bat ordainketa-terminalean.',
    problem: 'Ordainketa-terminalak arazo bat adierazten du.',
    info: 'Ordainketa-terminalaren mezua.',
  },
  approvedTitle: 'Ordainketa eginda',
  csvLabel: 'Egiaztatze-kode segurua (CSV)',
  printed: 'Ordainketa-frogagiria inprimatuta. Jaso inprimagailuaren erretiluan.',
  notPrinted: (url) =>
    `Ordainketa eginda dago, baina ezin izan da ordainketa-frogagiria inprimatu. Idatzi kode hau: horrekin frogagiria lor dezakezu hemen: ${url}, edo udaleko zerga-bilketako bulegoan.`,
  declinedTitle: 'Ez da ordainketa egin',
  declined: `Ez zaizu ezer kobratu. Beste txartel batekin saia zaitezke. ${ELSEWHERE}`,
  reversed: 'Ordainketa baliogabetu da eta ez zaizu ezer kobratuko.',
  unknownTitle: 'Ezin dugu ordainketa berretsi',
  unknown:
    'Ez ordaindu ordainagiri hau berriro. Udalak egiaztatuko du kobratu den: kobratu bazen, ordainketa baliozkoa da. Gorde ordainagiria eta, behar izanez gero, galdetu zerga-bilketako bulegoan.',
  entryErrorTitle: 'Berrikusi ordainagiriaren datuak',
  refusedTitle: 'Ordainagiri hau ezin da hemen ordaindu',
  reasons: {
    codigo_no_valido:
      'Barra-kodea ez da baliozkoa. Pasatu berriro ordainagiria irakurgailutik edo idatzi datuak eskuz.',
    recibo_no_admitido: `Ordainagiri mota hau ezin da kutxazainean ordaindu. ${ELSEWHERE}`,
    datos_no_validos: 'Daturen bat ez da baliozkoa. Berrikusi idatzi duzuna.',
    control_no_coincide:
      'Erreferentziaren kontrol-digituak ez datoz bat. Berrikusi erreferentzia, identifikazioa eta zenbatekoa.',
    emisora_no_admitida:
      'Igorle hau ez da onartzen udalerri honetan. Ordainagiri hau ezin da hemen ordaindu.',
    fuera_de_plazo: 'Ordainagiriaren epea amaitu da. Galdetu udalean nola ordaindu.',
    importe_cero: 'Ordainagiriaren zenbatekoa zero da: ez dago ezer ordaintzeko.',
    ya_pagado: 'Ordainagiri hau ordainduta dago jada. Ez da berriro ordaindu behar.',
    pendiente_de_revision:
      'Ordainagiri honen ordainketa bat berrikusteko zain dago. Ez ordaindu berriro: galdetu zerga-bilketako bulegoan.',
    pago_anterior_pendiente: `Kutxazaina aurreko ordainketa bat egiaztatzen ari da eta orain ezin du kobratu. Saiatu berriro minutu batzuk barru. ${ELSEWHERE}`,
    sin_conexion_importe: `Kutxazainak ez du udalarekin konexiorik, eta hura gabe ezin ditu zenbateko honetako ordainagiriak kobratu. ${ELSEWHERE}`,
    sin_conexion_numero_pagos: `Kutxazainak ez du udalarekin konexiorik, eta hura gabe kobra ditzakeen ordainagiri guztiak kobratu ditu jada. ${ELSEWHERE}`,
    sin_conexion_lista_pagados: `Kutxazainak ez du udalarekin konexiorik, eta ezin du egiaztatu ordainagiri hau ordainduta dagoen. ${ELSEWHERE}`,
    cajero_ocupado: `Kutxazainak ezin du une honetan kobratu. Saiatu berriro minutu batzuk barru. ${ELSEWHERE}`,
    recibo_no_consultado: 'Kutxazainak ez ditu ordainagiri honen datuak. Eskaneatu edo idatzi berriro.',
  },
  callFailed:
    'Kutxazainarekiko komunikazioa galdu da. Ordaintzen ari bazinen, ez ordaindu berriro: egiaztatu emaitza zerga-bilketako bulegoan.',
  tryAgain: 'Zuzendu datuak',
  otherRecibo: 'Beste ordainagiri bat ordaindu',
  finish: 'Amaitu',
  cancel: 'Utzi',
};
