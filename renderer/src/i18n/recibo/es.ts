import type { ReciboMessages } from './types.ts';

const ELSEWHERE =
  'Puede pagarlo en la sede electrónica del ayuntamiento, en una entidad colaboradora o en la oficina de recaudación.';

export const reciboEs: ReciboMessages = {
  start: 'Pagar un recibo',
  startHelp: 'Pague con tarjeta un recibo municipal y llévese el justificante.',
  entryTitle: 'Escanee el código de barras o escríbalo',
  entryHelp:
    'Pase el código de barras del recibo por el lector. Si no se lee, escriba los datos tal como aparecen en el recibo.',
  byFields: 'Datos del recibo',
  byBarcode: 'Número completo del código de barras',
  fields: {
    emisora: 'Emisora (6 cifras)',
    referencia: 'Referencia (12 cifras)',
    identificacion: 'Identificación (7 o 10 cifras)',
    importe: 'Importe en euros',
    barcode: 'Número que aparece bajo el código de barras',
  },
  keypadLabel: 'Teclado numérico',
  deleteKey: 'Borrar',
  check: 'Continuar',
  checking: 'Comprobando el recibo…',
  shownTitle: 'Su recibo',
  labels: {
    concepto: 'Concepto',
    emisora: 'Emisora',
    referencia: 'Referencia',
    identificacion: 'Identificación',
    importe: 'Importe',
    fechaLimite: 'Fecha límite de pago',
  },
  concepto: (tributo, ejercicio) => `Tributo ${tributo}, ejercicio ${ejercicio}`,
  pay: (amount) => `Pagar ${amount} con tarjeta`,
  payingTitle: 'Pago con tarjeta',
  payingHelp: 'Siga las instrucciones del terminal de pago. No retire la tarjeta hasta que se lo indique.',
  terminalSays: 'El terminal indica:',
  prompts: {
    present_card: 'Acerque o inserte su tarjeta en el terminal de pago.',
    enter_pin: 'Escriba el PIN de su tarjeta en el terminal de pago.',
    remove_card: 'Retire su tarjeta.',
    wait: 'Espere, por favor.',
    choose: 'Elija una opción en el terminal de pago.',
    problem: 'El terminal de pago indica un problema.',
    info: 'Mensaje del terminal de pago.',
  },
  approvedTitle: 'Pago realizado',
  csvLabel: 'Código seguro de verificación (CSV)',
  printed: 'Justificante impreso. Recójalo en la bandeja de la impresora.',
  notPrinted: (url) =>
    `El pago está hecho, pero no se ha podido imprimir el justificante. Anote este código: con él puede obtener el justificante en ${url} o en la oficina de recaudación del ayuntamiento.`,
  declinedTitle: 'Pago no realizado',
  declined: `No se le ha cobrado nada. Puede intentarlo con otra tarjeta. ${ELSEWHERE}`,
  reversed: 'El pago se ha anulado y no se le cobrará nada.',
  unknownTitle: 'No podemos confirmar el pago',
  unknown:
    'No vuelva a pagar este recibo. El ayuntamiento comprobará si se ha cobrado: si se cobró, el pago es válido. Guarde el recibo y, si lo necesita, pregunte en la oficina de recaudación.',
  entryErrorTitle: 'Revise los datos del recibo',
  refusedTitle: 'Este recibo no se puede pagar aquí',
  reasons: {
    codigo_no_valido:
      'Código de barras no válido. Vuelva a pasar el recibo por el lector o escriba sus datos a mano.',
    recibo_no_admitido: `Este tipo de recibo no se puede pagar en el cajero. ${ELSEWHERE}`,
    datos_no_validos: 'Algún dato no es válido. Revise lo que ha escrito.',
    control_no_coincide:
      'Los dígitos de control de la referencia no coinciden. Revise la referencia, la identificación y el importe.',
    emisora_no_admitida: 'Emisora no admitida en este municipio. Este recibo no se puede pagar aquí.',
    fuera_de_plazo: 'Recibo fuera de plazo. Consulte en el ayuntamiento cómo pagarlo.',
    importe_cero: 'El importe del recibo es cero: no hay nada que pagar.',
    ya_pagado: 'Este recibo ya está pagado. No hace falta volver a pagarlo.',
    pendiente_de_revision:
      'Hay un pago de este recibo pendiente de revisión. No lo pague otra vez: pregunte en la oficina de recaudación.',
    pago_anterior_pendiente: `El cajero está comprobando un pago anterior y no puede cobrar ahora. Inténtelo en unos minutos. ${ELSEWHERE}`,
    sin_conexion_importe: `El cajero no tiene conexión con el ayuntamiento y sin ella no puede cobrar recibos de este importe. ${ELSEWHERE}`,
    sin_conexion_numero_pagos: `El cajero no tiene conexión con el ayuntamiento y ya ha cobrado todos los recibos que puede cobrar sin ella. ${ELSEWHERE}`,
    sin_conexion_lista_pagados: `El cajero no tiene conexión con el ayuntamiento y no puede comprobar si este recibo ya está pagado. ${ELSEWHERE}`,
    cajero_ocupado: `El cajero no puede cobrar en este momento. Inténtelo en unos minutos. ${ELSEWHERE}`,
    recibo_no_consultado: 'El cajero ya no tiene los datos de este recibo. Vuelva a escanearlo o escribirlo.',
  },
  callFailed:
    'Se ha perdido la comunicación con el cajero. Si estaba pagando, no vuelva a pagar: compruebe el resultado en la oficina de recaudación.',
  tryAgain: 'Corregir los datos',
  otherRecibo: 'Pagar otro recibo',
  finish: 'Terminar',
  cancel: 'Cancelar',
};
