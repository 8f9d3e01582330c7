import type { ReciboMessages } from './types.ts';

const ELSEWHERE =
  "Podeu pagar-lo a la seu electrònica de l'ajuntament, en una entitat col·laboradora o a l'oficina de recaptació.";

export const reciboCa: ReciboMessages = {
  start: 'Pagar un rebut',
  startHelp: 'Pagueu amb targeta un rebut municipal i emporteu-vos-en el justificant.',
  entryTitle: 'Escanegeu el codi de barres o escriviu-lo',
  entryHelp:
    'Passeu el codi de barres del rebut pel lector. Si no es llegeix, escriviu les dades tal com apareixen al rebut.',
  byFields: 'Dades del rebut',
  byBarcode: 'Número complet del codi de barres',
  fields: {
    emisora: 'Emissora (6 xifres)',
    referencia: 'Referència (12 xifres)',
    identificacion: 'Identificació (7 o 10 xifres)',
    importe: 'Import en euros',
    barcode: 'Número que apareix sota el codi de barres',
  },
  keypadLabel: 'Teclat numèric',
  deleteKey: 'Esborrar',
  check: 'Continuar',
  checking: 'Comprovant el rebut…',
  shownTitle: 'El vostre rebut',
  labels: {
    concepto: 'Concepte',
    emisora: 'Emissora',
    referencia: 'Referència',
    identificacion: 'Identificació',
    importe: 'Import',
    fechaLimite: 'Data límit de pagament',
  },
  concepto: (tributo, ejercicio) => `Tribut ${tributo}, exercici ${ejercicio}`,
  pay: (amount) => `Pagar ${amount} amb targeta`,
  payingTitle: 'Pagament amb targeta',
  payingHelp:
    'Seguiu les instruccions del terminal de pagament. No retireu la targeta fins que us ho indiqui.',
  terminalSays: 'El terminal indica:',
  prompts: {
    present_card: 'Acosteu o inseriu la targeta al terminal de pagament.',
    enter_pin: 'Escriviu el PIN de la targeta al terminal de pagament.',
    remove_card: 'Retireu la targeta.',
    wait: 'Espereu, si us plau.',
    choose: 'Trieu una opció al terminal de pagament.',
    problem: 'El terminal de pagament indica un problema.',
    info: 'Missatge del terminal de pagament.',
  },
  approvedTitle: 'Pagament fet',
  csvLabel: 'Codi segur de verificació (CSV)',
  printed: 'Justificant imprès. Recolliu-lo a la safata de la impressora.',
  notPrinted: (url) =>
    `El pagament s'ha fet, però no s'ha pogut imprimir el justificant. Anoteu aquest codi: amb ell podeu obtenir el justificant a ${url} o a l'oficina de recaptació de l'ajuntament.`,
  declinedTitle: "No s'ha fet el pagament",
  declined: `No se us ha cobrat res. Podeu provar-ho amb una altra targeta. ${ELSEWHERE}`,
  reversed: "El pagament s'ha anul·lat i no se us cobrarà res.",
  unknownTitle: 'No podem confirmar el pagament',
  unknown:
    "No torneu a pagar aquest rebut. L'ajuntament comprovarà si s'ha cobrat: si es va cobrar, el pagament és vàlid. Guardeu el rebut i, si cal, pregunteu a l'oficina de recaptació.",
  entryErrorTitle: 'Reviseu les dades del rebut',
  refusedTitle: 'Aquest rebut no es pot pagar aquí',
  reasons: {
    codigo_no_valido:
      'Codi de barres no vàlid. Torneu a passar el rebut pel lector o escriviu-ne les dades a mà.',
    recibo_no_admitido: `Aquest tipus de rebut no es pot pagar al caixer. ${ELSEWHERE}`,
    datos_no_validos: 'Alguna dada no és vàlida. Reviseu el que heu escrit.',
    control_no_coincide:
      "Els dígits de control de la referència no coincideixen. Reviseu la referència, la identificació i l'import.",
    emisora_no_admitida: 'Emissora no admesa en aquest municipi. Aquest rebut no es pot pagar aquí.',
    fuera_de_plazo: "Rebut fora de termini. Consulteu a l'ajuntament com pagar-lo.",
    importe_cero: "L'import del rebut és zero: no hi ha res a pagar.",
    ya_pagado: 'Aquest rebut ja està pagat. No cal tornar a pagar-lo.',
    pendiente_de_revision:
      "Hi ha un pagament d'aquest rebut pendent de revisió. No el pagueu una altra vegada: pregunteu a l'oficina de recaptació.",
    pago_anterior_pendiente: `El caixer està comprovant un pagament anterior i ara no pot cobrar. Proveu-ho d'aquí a uns minuts. ${ELSEWHERE}`,
    sin_conexion_importe: `El caixer no té connexió amb l'ajuntament i sense ella no pot cobrar rebuts d'aquest import. ${ELSEWHERE}`,
    sin_conexion_numero_pagos: `El caixer no té connexió amb l'ajuntament i ja ha cobrat tots els rebuts que pot cobrar sense ella. ${ELSEWHERE}`,
    sin_conexion_lista_pagados: `El caixer no té connexió amb l'ajuntament i no pot comprovar si aquest rebut ja està pagat. ${ELSEWHERE}`,
    cajero_ocupado: `El caixer no pot cobrar en aquest moment. Proveu-ho d'aquí a uns minuts. ${ELSEWHERE}`,
    recibo_no_consultado: "El caixer ja no té les dades d'aquest rebut. Torneu a escanejar-lo o escriure'l.",
  },
  callFailed:
    "S'ha perdut la comunicació amb el caixer. Si estàveu pagant, no torneu a pagar: comproveu el resultat a l'oficina de recaptació.",
  tryAgain: 'Corregir les dades',
  otherRecibo: 'Pagar un altre rebut',
  finish: 'Acabar',
  cancel: 'Cancel·lar',
};
