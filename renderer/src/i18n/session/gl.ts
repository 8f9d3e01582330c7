import type { SessionMessages } from './types.ts';

export const sessionGl: SessionMessages = {
  language: { title: 'Escolla o seu idioma', help: 'Toque o idioma no que quere usar o caixeiro.' },
  service: {
    title: 'Que quere facer?',
    help: 'Escolla unha opción.',
    volante: {
      name: 'Volante de empadroamento',
      help: 'Imprima un volante co seu domicilio no padrón. Necesita o seu DNIe e o seu PIN.',
    },
    recibo: {
      name: 'Pagar un recibo',
      help: 'Pague con tarxeta un recibo municipal que teña en papel.',
    },
    recibosPendientes: {
      name: 'Os meus recibos pendentes',
      help: 'Vexa os recibos que ten sen pagar e págueos con tarxeta. Necesita o seu DNIe e o seu PIN.',
    },
    unavailable: 'Non dispoñible agora neste caixeiro.',
  },
  volanteKind: {
    title: 'Que volante necesita?',
    help: 'Escolla unha opción.',
    individual: { name: 'Individual', help: 'Só vostede.' },
    colectivo: { name: 'Colectivo', help: 'Vostede e todas as persoas empadroadas no seu domicilio.' },
  },
  identification: {
    title: 'Insira o seu DNIe',
    help: 'Poña o seu DNIe no lector, co chip cara a dentro. Despois pedirémoslle o PIN.',
  },
  working: {
    consulting: 'Consultando co Concello…',
    issuing: 'Preparando o seu volante…',
    printing: 'Imprimindo…',
    help: 'Agarde un momento. Non retire o seu DNIe.',
  },
  preview: {
    title: 'Comprobe o seu volante',
    help: 'Isto é o que se imprimirá. Se está ben, prema «Imprimir».',
    kinds: { individual: 'Volante individual', colectivo: 'Volante colectivo' },
    municipio: 'Concello',
    domicilio: 'Domicilio',
    personas: 'Persoas',
    nombre: 'Nome',
    documento: 'Documento',
    fechaNacimiento: 'Data de nacemento',
    fechaAlta: 'Neste domicilio desde o',
    sinDato: 'Non consta',
    validez: (m) => `Válido durante ${m} ${m === 1 ? 'mes' : 'meses'} desde hoxe.`,
    confirm: 'Imprimir',
  },
  done: {
    title: 'O seu volante está listo',
    csvLabel: 'Código seguro de verificación (CSV)',
    printed: 'Recólleo na bandexa da impresora.',
    notPrinted: 'Non se puido imprimir. Anote este código: con el pode obter o volante na sede electrónica.',
    validUntil: (date) => `Válido ata o ${date}.`,
    verify: (url) => `Calquera persoa pode comprobalo en ${url} con este código.`,
    another: 'Facer outro trámite',
  },
  pending: {
    title: 'Os seus recibos pendentes',
    help: 'Marque os recibos que quere pagar e prema «Pagar».',
    none: 'Non ten recibos pendentes de pagamento neste concello.',
    noneHere: 'Ningún dos seus recibos pendentes se pode pagar neste caixeiro: xunto a cada un di por que.',
    alreadyPaid: 'Xa pagado',
    paidNow: 'Pagado agora',
    notPaid: 'Non pagado',
    total: (amount) => `Total: ${amount}`,
    pay: (count, amount) =>
      count === 1 ? `Pagar 1 recibo (${amount})` : `Pagar ${count} recibos (${amount})`,
    paying: (position, count) => `Pagando o recibo ${position} de ${count}`,
    doneTitle: 'Pagamento rematado',
    stopped: 'Un recibo non se pagou, e non cobramos os seguintes. Pode tentalo outra vez.',
    selectLabel: 'Pagar este recibo',
  },
  failed: {
    title: 'Non se pode continuar',
    reasons: {
      sin_conexion:
        'Agora non hai conexión co Concello: pode pagar un recibo co seu código, ou volver máis tarde.',
      persona_no_empadronada:
        'Non consta que estea empadroado neste concello. Consulte na oficina do padrón do Concello.',
      colectivo_no_permitido:
        'O volante colectivo só o pode pedir unha persoa maior de idade. Pode pedir o individual.',
      certificado_rechazado:
        'O Concello non aceptou o certificado do seu DNIe. Compróbeo nunha oficina de expedición do DNI.',
      servicio_no_disponible: 'Este servizo non está dispoñible agora. Ténteo máis tarde.',
      tiempo_agotado: 'Pasou demasiado tempo. Comece outra vez.',
      impresora_no_disponible:
        'A impresora non funciona agora e non podemos imprimir o seu volante. Ténteo máis tarde ou noutro caixeiro.',
      no_impreso:
        'O seu volante emitiuse pero non se puido imprimir. Co código que lle demos pode obtelo na sede electrónica.',
      error_interno: 'Produciuse un erro no caixeiro. Ténteo de novo.',
    },
    payRecibo: 'Pagar un recibo',
    otherService: 'Volver ao inicio',
    helpInPerson: 'Se precisa axuda en persoa:',
  },
  goodbye: {
    title: 'Grazas por usar o caixeiro',
    takeCard: 'Non esqueza retirar o seu DNIe.',
    thanks: 'Os seus datos borráronse da pantalla.',
  },
  back: 'Volver',
  finish: 'Rematar',
};
