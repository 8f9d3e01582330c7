import type { ReciboMessages } from './types.ts';

const ELSEWHERE =
  'Pode pagalo na sede electrónica do concello, nunha entidade colaboradora ou na oficina de recadación.';

export const reciboGl: ReciboMessages = {
  start: 'Pagar un recibo',
  startHelp: 'Pague cun cartón un recibo municipal e leve o xustificante.',
  entryTitle: 'Escanee o código de barras ou escríbao',
  entryHelp:
    'Pase o código de barras do recibo polo lector. Se non se le, escriba os datos tal e como aparecen no recibo.',
  byFields: 'Datos do recibo',
  byBarcode: 'Número completo do código de barras',
  fields: {
    emisora: 'Emisora (6 cifras)',
    referencia: 'Referencia (12 cifras)',
    identificacion: 'Identificación (7 ou 10 cifras)',
    importe: 'Importe en euros',
    barcode: 'Número que aparece baixo o código de barras',
  },
  keypadLabel: 'Teclado numérico',
  deleteKey: 'Borrar',
  check: 'Continuar',
  checking: 'Comprobando o recibo…',
  shownTitle: 'O seu recibo',
  labels: {
    concepto: 'Concepto',
    emisora: 'Emisora',
    referencia: 'Referencia',
    identificacion: 'Identificación',
    importe: 'Importe',
    fechaLimite: 'Data límite de pagamento',
  },
  concepto: (tributo, ejercicio) => `Tributo ${tributo}, exercicio ${ejercicio}`,
  pay: (amount) => `Pagar ${amount} con cartón`,
  payingTitle: 'Pagamento con cartón',
  payingHelp: 'Siga as instrucións do terminal de pagamento. Non retire o cartón ata que llo indique.',
  terminalSays: 'O terminal indica:',
  prompts: {
    present_card: 'Achegue ou insira o seu cartón no terminal de pagamento.',
    enter_pin: 'Escriba o PIN do seu cartón no terminal de pagamento.',
    remove_card: 'Retire o seu cartón.',
    wait: 'Agarde, por favor.',
    choose: 'Escolla unha opción no terminal de pagamento.',
    problem: 'O terminal de pagamento indica un problema.',
    info: 'Mensaxe do terminal de pagamento.',
  },
  approvedTitle: 'Pagamento feito',
  csvLabel: 'Código seguro de verificación (CSV)',
  printed: 'Xustificante impreso. Recólleo na bandexa da impresora.',
  notPrinted: (url) =>
    `O pagamento está feito, pero non se puido imprimir o xustificante. Anote este código: con el pode obter o xustificante en ${url} ou na oficina de recadación do concello.`,
  declinedTitle: 'Pagamento non realizado',
  declined: `Non se lle cobrou nada. Pode intentalo con outro cartón. ${ELSEWHERE}`,
  reversed: 'O pagamento anulouse e non se lle cobrará nada.',
  unknownTitle: 'Non podemos confirmar o pagamento',
  unknown:
    'Non volva pagar este recibo. O concello comprobará se se cobrou: se se cobrou, o pagamento é válido. Garde o recibo e, se o precisa, pregunte na oficina de recadación.',
  entryErrorTitle: 'Revise os datos do recibo',
  refusedTitle: 'Este recibo non se pode pagar aquí',
  reasons: {
    codigo_no_valido:
      'Código de barras non válido. Volva pasar o recibo polo lector ou escriba os seus datos á man.',
    recibo_no_admitido: `Este tipo de recibo non se pode pagar no caixeiro. ${ELSEWHERE}`,
    datos_no_validos: 'Algún dato non é válido. Revise o que escribiu.',
    control_no_coincide:
      'Os díxitos de control da referencia non coinciden. Revise a referencia, a identificación e o importe.',
    emisora_no_admitida: 'Emisora non admitida neste concello. Este recibo non se pode pagar aquí.',
    fuera_de_plazo: 'Recibo fóra de prazo. Consulte no concello como pagalo.',
    importe_cero: 'O importe do recibo é cero: non hai nada que pagar.',
    ya_pagado: 'Este recibo xa está pagado. Non cómpre volver pagalo.',
    pendiente_de_revision:
      'Hai un pagamento deste recibo pendente de revisión. Non o pague outra vez: pregunte na oficina de recadación.',
    pago_anterior_pendiente: `O caixeiro está a comprobar un pagamento anterior e agora non pode cobrar. Inténteo nuns minutos. ${ELSEWHERE}`,
    sin_conexion_importe: `O caixeiro non ten conexión co concello e sen ela non pode cobrar recibos deste importe. ${ELSEWHERE}`,
    sin_conexion_numero_pagos: `O caixeiro non ten conexión co concello e xa cobrou todos os recibos que pode cobrar sen ela. ${ELSEWHERE}`,
    sin_conexion_lista_pagados: `O caixeiro non ten conexión co concello e non pode comprobar se este recibo xa está pagado. ${ELSEWHERE}`,
    cajero_ocupado: `O caixeiro non pode cobrar neste momento. Inténteo nuns minutos. ${ELSEWHERE}`,
    recibo_no_consultado: 'O caixeiro xa non ten os datos deste recibo. Volva escanealo ou escribilo.',
  },
  callFailed:
    'Perdeuse a comunicación co caixeiro. Se estaba a pagar, non volva pagar: comprobe o resultado na oficina de recadación.',
  tryAgain: 'Corrixir os datos',
  otherRecibo: 'Pagar outro recibo',
  finish: 'Rematar',
  cancel: 'Cancelar',
};
