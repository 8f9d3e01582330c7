import type { SessionMessages } from './types.ts';

export const sessionCa: SessionMessages = {
  language: { title: 'Trieu la llengua', help: 'Toqueu la llengua en què voleu fer servir el caixer.' },
  service: {
    title: 'Què voleu fer?',
    help: 'Trieu una opció.',
    volante: {
      name: "Volant d'empadronament",
      help: 'Imprimiu un volant amb el vostre domicili al padró. Necessiteu el DNIe i el PIN.',
    },
    recibo: {
      name: 'Pagar un rebut',
      help: 'Pagueu amb targeta un rebut municipal que tingueu en paper.',
    },
    recibosPendientes: {
      name: 'Els meus rebuts pendents',
      help: 'Vegeu els rebuts que teniu per pagar i pagueu-los amb targeta. Necessiteu el DNIe i el PIN.',
    },
    unavailable: 'Ara no està disponible en aquest caixer.',
  },
  volanteKind: {
    title: 'Quin volant necessiteu?',
    help: 'Trieu una opció.',
    individual: { name: 'Individual', help: 'Només vós.' },
    colectivo: { name: 'Col·lectiu', help: 'Vós i totes les persones empadronades al vostre domicili.' },
  },
  identification: {
    title: 'Inseriu el DNIe',
    help: 'Poseu el DNIe al lector, amb el xip cap endins. Després us demanarem el PIN.',
  },
  working: {
    consulting: "S'està consultant l'Ajuntament…",
    issuing: "S'està preparant el vostre volant…",
    printing: "S'està imprimint…",
    help: 'Espereu un moment. No retireu el DNIe.',
  },
  preview: {
    title: 'Comproveu el volant',
    help: "Això és el que s'imprimirà. Si és correcte, premeu «Imprimeix».",
    kinds: { individual: 'Volant individual', colectivo: 'Volant col·lectiu' },
    municipio: 'Municipi',
    domicilio: 'Domicili',
    personas: 'Persones',
    nombre: 'Nom',
    documento: 'Document',
    fechaNacimiento: 'Data de naixement',
    fechaAlta: 'En aquest domicili des del',
    sinDato: 'No hi consta',
    validez: (m) => `Vàlid durant ${m} ${m === 1 ? 'mes' : 'mesos'} a partir d'avui.`,
    confirm: 'Imprimeix',
  },
  done: {
    title: 'El vostre volant és a punt',
    csvLabel: 'Codi segur de verificació (CSV)',
    printed: 'Recolliu-lo a la safata de la impressora.',
    notPrinted:
      "No s'ha pogut imprimir. Apunteu aquest codi: amb ell podeu obtenir el volant a la seu electrònica.",
    validUntil: (date) => `Vàlid fins al ${date}.`,
    verify: (url) => `Qualsevol persona el pot comprovar a ${url} amb aquest codi.`,
    another: 'Fer un altre tràmit',
  },
  pending: {
    title: 'Els vostres rebuts pendents',
    help: 'Marqueu els rebuts que voleu pagar i premeu «Pagar».',
    none: 'No teniu cap rebut pendent de pagament en aquest municipi.',
    noneHere:
      'Cap dels vostres rebuts pendents no es pot pagar en aquest caixer: al costat de cadascun diu per què.',
    alreadyPaid: 'Ja pagat',
    paidNow: 'Pagat ara',
    notPaid: 'No pagat',
    total: (amount) => `Total: ${amount}`,
    pay: (count, amount) => (count === 1 ? `Pagar 1 rebut (${amount})` : `Pagar ${count} rebuts (${amount})`),
    paying: (position, count) => `S'està pagant el rebut ${position} de ${count}`,
    doneTitle: 'Pagament acabat',
    stopped: "Un rebut no s'ha pagat, i no hem cobrat els següents. Podeu tornar-ho a provar.",
    selectLabel: 'Pagar aquest rebut',
  },
  failed: {
    title: 'No es pot continuar',
    reasons: {
      sin_conexion:
        "Ara no hi ha connexió amb l'Ajuntament: podeu pagar un rebut amb el seu codi, o tornar més tard.",
      persona_no_empadronada:
        "No consta que estigueu empadronat en aquest municipi. Consulteu-ho a l'oficina del padró de l'Ajuntament.",
      colectivo_no_permitido:
        "El volant col·lectiu només el pot demanar una persona major d'edat. Podeu demanar l'individual.",
      certificado_rechazado:
        "L'Ajuntament no ha acceptat el certificat del vostre DNIe. Comproveu-lo en una oficina d'expedició del DNI.",
      servicio_no_disponible: 'Aquest servei ara no està disponible. Torneu-ho a provar més tard.',
      tiempo_agotado: 'Ha passat massa temps. Torneu a començar.',
      impresora_no_disponible:
        'La impressora ara no funciona i no podem imprimir el vostre volant. Torneu-ho a provar més tard o en un altre caixer.',
      no_impreso:
        "El vostre volant s'ha emès però no s'ha pogut imprimir. Amb el codi que us hem donat el podeu obtenir a la seu electrònica.",
      error_interno: "S'ha produït un error al caixer. Torneu-ho a provar.",
    },
    payRecibo: 'Pagar un rebut',
    otherService: "Tornar a l'inici",
    helpInPerson: 'Si necessiteu ajuda en persona:',
  },
  goodbye: {
    title: 'Gràcies per fer servir el caixer',
    takeCard: 'No us oblideu de retirar el DNIe.',
    thanks: "Les vostres dades s'han esborrat de la pantalla.",
  },
  back: 'Enrere',
  finish: 'Acabar',
};
