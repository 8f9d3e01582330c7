import type { ReciboMessages } from './types.ts';

const ELSEWHERE =
  "You can pay it on the town council's website (sede electrónica), at a collaborating bank or at the tax collection office.";

export const reciboEn: ReciboMessages = {
  start: 'Pay a bill',
  startHelp: 'Pay a municipal bill (recibo) by card and take your receipt.',
  entryTitle: 'Scan the barcode or type it in',
  entryHelp:
    'Hold the barcode of the bill under the scanner. If it does not read, type the details exactly as printed on the bill.',
  byFields: 'Bill details',
  byBarcode: 'All the digits of the barcode',
  fields: {
    emisora: 'Issuer (emisora, 6 digits)',
    referencia: 'Reference (12 digits)',
    identificacion: 'Identification (7 or 10 digits)',
    importe: 'Amount in euros',
    barcode: 'Number printed under the barcode',
  },
  keypadLabel: 'Number keypad',
  deleteKey: 'Delete',
  check: 'Continue',
  checking: 'Checking the bill…',
  shownTitle: 'Your bill',
  labels: {
    concepto: 'Concept',
    emisora: 'Issuer',
    referencia: 'Reference',
    identificacion: 'Identification',
    importe: 'Amount',
    fechaLimite: 'Pay by',
  },
  concepto: (tributo, ejercicio) => `Tax ${tributo}, year ${ejercicio}`,
  pay: (amount) => `Pay ${amount} by card`,
  payingTitle: 'Card payment',
  payingHelp: 'Follow the instructions on the card terminal. Do not remove your card until it tells you to.',
  terminalSays: 'The terminal says (in Spanish):',
  prompts: {
    present_card: 'Tap or insert your card in the card terminal.',
    enter_pin: 'Enter your card PIN on the card terminal.',
    remove_card: 'Remove your card.',
    wait: 'Please wait.',
    choose: 'Choose an option on the card terminal.',
    problem: 'The card terminal reports a problem.',
    info: 'Message from the card terminal.',
  },
  approvedTitle: 'Payment made',
  csvLabel: 'Verification code (CSV)',
  printed: 'Receipt printed. Take it from the printer tray.',
  notPrinted: (url) =>
    `The payment is made, but the receipt could not be printed. Write down this code: with it you can get the receipt at ${url} or at the town council's tax collection office.`,
  declinedTitle: 'Payment not made',
  declined: `Nothing has been charged. You can try another card. ${ELSEWHERE}`,
  reversed: 'The payment has been cancelled and nothing will be charged.',
  unknownTitle: 'We cannot confirm the payment',
  unknown:
    'Do not pay this bill again. The town council will check whether it was charged: if it was, the payment is valid. Keep the bill and, if you need to, ask at the tax collection office.',
  entryErrorTitle: 'Check the bill details',
  refusedTitle: 'This bill cannot be paid here',
  reasons: {
    codigo_no_valido: 'The barcode is not valid. Scan the bill again or type its details.',
    recibo_no_admitido: `This kind of bill cannot be paid at the kiosk. ${ELSEWHERE}`,
    datos_no_validos: 'Some detail is not valid. Check what you typed.',
    control_no_coincide:
      'The control digits of the reference do not match. Check the reference, the identification and the amount.',
    emisora_no_admitida: 'This issuer is not accepted in this municipality. This bill cannot be paid here.',
    fuera_de_plazo: 'This bill is past its due date. Ask the town council how to pay it.',
    importe_cero: 'The amount of this bill is zero: there is nothing to pay.',
    ya_pagado: 'This bill is already paid. There is no need to pay it again.',
    pendiente_de_revision:
      'A payment of this bill is waiting to be checked. Do not pay it again: ask at the tax collection office.',
    pago_anterior_pendiente: `The kiosk is checking an earlier payment and cannot take payments now. Try again in a few minutes. ${ELSEWHERE}`,
    sin_conexion_importe: `The kiosk has no connection to the town council and without it cannot take bills of this amount. ${ELSEWHERE}`,
    sin_conexion_numero_pagos: `The kiosk has no connection to the town council and has already taken all the payments it may take without it. ${ELSEWHERE}`,
    sin_conexion_lista_pagados: `The kiosk has no connection to the town council and cannot check whether this bill is already paid. ${ELSEWHERE}`,
    cajero_ocupado: `The kiosk cannot take payments right now. Try again in a few minutes. ${ELSEWHERE}`,
    recibo_no_consultado: 'The kiosk no longer has the details of this bill. Scan it or type it again.',
  },
  callFailed:
    'The connection to the kiosk was lost. If you were paying, do not pay again: check the result at the tax collection office.',
  tryAgain: 'Correct the details',
  otherRecibo: 'Pay another bill',
  finish: 'Finish',
  cancel: 'Cancel',
};
