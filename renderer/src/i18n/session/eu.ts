import type { SessionMessages } from './types.ts';

export const sessionEu: SessionMessages = {
  language: { title: 'Aukeratu hizkuntza', help: 'Ukitu kutxazaina erabiltzeko nahi duzun hizkuntza.' },
  service: {
    title: 'Zer egin nahi duzu?',
    help: 'Aukeratu aukera bat.',
    volante: {
      name: 'Erroldatze-agiria',
      help: 'Inprimatu zure helbidea erroldan agertzen den agiria. NAN elektronikoa eta PINa behar dituzu.',
    },
    recibo: {
      name: 'Ordainagiri bat ordaindu',
      help: 'Ordaindu txartelaz paperean duzun udal-ordainagiri bat.',
    },
    recibosPendientes: {
      name: 'Ordaintzeke ditudan ordainagiriak',
      help: 'Ikusi ordaintzeke dituzun ordainagiriak eta ordaindu txartelaz. NAN elektronikoa eta PINa behar dituzu.',
    },
    unavailable: 'Orain ez dago erabilgarri kutxazain honetan.',
  },
  volanteKind: {
    title: 'Zer agiri behar duzu?',
    help: 'Aukeratu aukera bat.',
    individual: { name: 'Norbanakoa', help: 'Zu bakarrik.' },
    colectivo: { name: 'Taldekoa', help: 'Zu eta zure helbidean erroldatuta dauden pertsona guztiak.' },
  },
  identification: {
    title: 'Sartu zure NAN elektronikoa',
    help: 'Jarri zure NAN elektronikoa irakurgailuan, txipa barrurantz. Gero PINa eskatuko dizugu.',
  },
  working: {
    consulting: 'Udalari kontsultatzen…',
    issuing: 'Zure agiria prestatzen…',
    printing: 'Inprimatzen…',
    help: 'Itxaron une batez. Ez atera NAN elektronikoa.',
  },
  preview: {
    title: 'Egiaztatu zure agiria',
    help: 'Hau da inprimatuko dena. Ondo badago, sakatu «Inprimatu».',
    kinds: { individual: 'Norbanako erroldatze-agiria', colectivo: 'Taldeko erroldatze-agiria' },
    municipio: 'Udalerria',
    domicilio: 'Helbidea',
    personas: 'Pertsonak',
    nombre: 'Izena',
    documento: 'Agiria',
    fechaNacimiento: 'Jaiotze-data',
    fechaAlta: 'Helbide honetan noiztik',
    sinDato: 'Ez dago jasota',
    validez: (m) => `${m} hilabetez balio du gaurtik aurrera.`,
    confirm: 'Inprimatu',
  },
  done: {
    title: 'Zure agiria prest dago',
    csvLabel: 'Egiaztatze-kode segurua (CSV)',
    printed: 'Jaso inprimagailuaren erretiluan.',
    notPrinted:
      'Ezin izan da inprimatu. Idatzi kode hau: horrekin agiria lor dezakezu egoitza elektronikoan.',
    validUntil: (date) => `${date} arte balio du.`,
    verify: (url) => `Edonork egiazta dezake ${url} helbidean kode honekin.`,
    another: 'Beste izapide bat egin',
  },
  pending: {
    title: 'Ordaintzeke dituzun ordainagiriak',
    help: 'Markatu ordaindu nahi dituzun ordainagiriak eta sakatu «Ordaindu».',
    none: 'Ez duzu ordainagiririk ordaintzeke udalerri honetan.',
    noneHere:
      'Zure ordainagiri guztietatik bat ere ezin da kutxazain honetan ordaindu: bakoitzaren ondoan dago zergatik.',
    alreadyPaid: 'Ordainduta jada',
    paidNow: 'Orain ordainduta',
    notPaid: 'Ordaindu gabe',
    total: (amount) => `Guztira: ${amount}`,
    pay: (count, amount) =>
      count === 1 ? `Ordainagiri 1 ordaindu (${amount})` : `${count} ordainagiri ordaindu (${amount})`,
    paying: (position, count) => `Ordainagiria ordaintzen (${position}/${count})`,
    doneTitle: 'Ordainketa amaituta',
    stopped: 'Ordainagiri bat ez da ordaindu, eta ez ditugu hurrengoak kobratu. Berriro saia zaitezke.',
    selectLabel: 'Ordainagiri hau ordaindu',
  },
  failed: {
    title: 'Ezin da jarraitu',
    reasons: {
      sin_conexion:
        'Orain ez dago Udalarekin konexiorik: ordainagiri bat ordain dezakezu bere kodearekin, edo itzuli geroago.',
      persona_no_empadronada:
        'Ez dago jasota udalerri honetan erroldatuta zaudenik. Galdetu Udaleko errolda-bulegoan.',
      colectivo_no_permitido:
        'Taldeko agiria adin nagusiko pertsona batek bakarrik eska dezake. Norbanakoa eska dezakezu.',
      certificado_rechazado:
        'Udalak ez du onartu zure NAN elektronikoaren ziurtagiria. Egiaztatu NANa egiten duten bulego batean.',
      servicio_no_disponible: 'Zerbitzu hau ez dago erabilgarri orain. Saiatu berriro geroago.',
      tiempo_agotado: 'Denbora gehiegi igaro da. Hasi berriro.',
      impresora_no_disponible:
        'Inprimagailuak ez du orain funtzionatzen eta ezin dugu zure agiria inprimatu. Saiatu berriro geroago edo beste kutxazain batean.',
      no_impreso:
        'Zure agiria egin da, baina ezin izan da inprimatu. Eman dizugun kodearekin egoitza elektronikoan lor dezakezu.',
      error_interno: 'Errore bat gertatu da kutxazainean. Saiatu berriro.',
    },
    payRecibo: 'Ordainagiri bat ordaindu',
    otherService: 'Itzuli hasierara',
    helpInPerson: 'Aurrez aurreko laguntza behar baduzu:',
  },
  goodbye: {
    title: 'Eskerrik asko kutxazaina erabiltzeagatik',
    takeCard: 'Ez ahaztu zure NAN elektronikoa ateratzea.',
    thanks: 'Zure datuak pantailatik ezabatu dira.',
  },
  back: 'Atzera',
  finish: 'Amaitu',
};
