import type { SessionMessages } from './types.ts';

export const sessionEn: SessionMessages = {
  language: { title: 'Choose your language', help: 'Touch the language you want to use the kiosk in.' },
  service: {
    title: 'What would you like to do?',
    help: 'Choose one option.',
    volante: {
      name: 'Certificate of registration (volante de empadronamiento)',
      help: 'Print a certificate showing your address in the local register. You need your DNIe and its PIN.',
    },
    recibo: {
      name: 'Pay a bill',
      help: 'Pay a council bill (recibo) you have on paper, by card.',
    },
    recibosPendientes: {
      name: 'My unpaid bills',
      help: 'See the council bills you have not paid yet and pay them by card. You need your DNIe and its PIN.',
    },
    unavailable: 'Not available at this kiosk right now.',
  },
  volanteKind: {
    title: 'Which certificate do you need?',
    help: 'Choose one option.',
    individual: { name: 'Just me', help: 'Only you.' },
    colectivo: { name: 'My household', help: 'You and everyone registered at your address.' },
  },
  identification: {
    title: 'Insert your DNIe',
    help: 'Put your DNIe in the reader, chip first. Then we will ask for your PIN.',
  },
  working: {
    consulting: 'Checking with the council…',
    issuing: 'Preparing your certificate…',
    printing: 'Printing…',
    help: 'Please wait. Do not remove your DNIe.',
  },
  preview: {
    title: 'Check your certificate',
    help: 'This is what will be printed. If it is right, press “Print”.',
    kinds: { individual: 'Individual certificate', colectivo: 'Household certificate' },
    municipio: 'Municipality',
    domicilio: 'Address',
    personas: 'People',
    nombre: 'Name',
    documento: 'ID document',
    fechaNacimiento: 'Date of birth',
    fechaAlta: 'At this address since',
    sinDato: 'Not recorded',
    validez: (m) => `Valid for ${m} ${m === 1 ? 'month' : 'months'} from today.`,
    confirm: 'Print',
  },
  done: {
    title: 'Your certificate is ready',
    csvLabel: 'Secure verification code (CSV)',
    printed: 'Take it from the printer tray.',
    notPrinted:
      'It could not be printed. Write down this code: with it you can get the certificate on the council’s website.',
    validUntil: (date) => `Valid until ${date}.`,
    verify: (url) => `Anyone can check it at ${url} with this code.`,
    another: 'Do something else',
  },
  pending: {
    title: 'Your unpaid bills',
    help: 'Tick the bills you want to pay and press “Pay”.',
    none: 'You have no unpaid bills in this municipality.',
    noneHere: 'None of your unpaid bills can be paid at this kiosk: the reason is shown beside each one.',
    alreadyPaid: 'Already paid',
    paidNow: 'Paid now',
    notPaid: 'Not paid',
    total: (amount) => `Total: ${amount}`,
    pay: (count, amount) => (count === 1 ? `Pay 1 bill (${amount})` : `Pay ${count} bills (${amount})`),
    paying: (position, count) => `Paying bill ${position} of ${count}`,
    doneTitle: 'Payment finished',
    stopped: 'One bill was not paid, so we did not charge the ones after it. You can try again.',
    selectLabel: 'Pay this bill',
  },
  failed: {
    title: 'We cannot go on',
    reasons: {
      sin_conexion:
        'There is no connection with the council right now: you can pay a bill with its code, or come back later.',
      persona_no_empadronada:
        'You do not appear in this municipality’s register. Ask at the council’s register office (padrón).',
      colectivo_no_permitido:
        'Only an adult can ask for a household certificate. You can ask for an individual one.',
      certificado_rechazado:
        'The council did not accept your DNIe certificate. Have it checked at a DNI issuing office.',
      servicio_no_disponible: 'This service is not available right now. Please try again later.',
      tiempo_agotado: 'Too much time has passed. Please start again.',
      impresora_no_disponible:
        'The printer is not working right now, so we cannot print your certificate. Try again later or at another kiosk.',
      no_impreso:
        'Your certificate was issued but could not be printed. With the code we gave you, you can get it on the council’s website.',
      error_interno: 'Something went wrong in the kiosk. Please try again.',
    },
    payRecibo: 'Pay a bill',
    otherService: 'Back to the start',
    helpInPerson: 'If you need help in person:',
  },
  goodbye: {
    title: 'Thank you for using the kiosk',
    takeCard: 'Do not forget to take your DNIe.',
    thanks: 'Your details have been cleared from the screen.',
  },
  back: 'Back',
  finish: 'Finish',
};
