import type { SessionMessages } from './types.ts';

export const sessionEs: SessionMessages = {
  language: { title: 'Elija su idioma', help: 'Toque el idioma en el que quiere usar el cajero.' },
  service: {
    title: '¿Qué quiere hacer?',
    help: 'Elija una opción.',
    volante: {
      name: 'Volante de empadronamiento',
      help: 'Imprima un volante con su domicilio en el padrón. Necesita su DNIe y su PIN.',
    },
    recibo: {
      name: 'Pagar un recibo',
      help: 'Pague con tarjeta un recibo municipal que tenga en papel.',
    },
    recibosPendientes: {
      name: 'Mis recibos pendientes',
      help: 'Vea los recibos que tiene sin pagar y páguelos con tarjeta. Necesita su DNIe y su PIN.',
    },
    unavailable: 'No disponible ahora en este cajero.',
  },
  volanteKind: {
    title: '¿Qué volante necesita?',
    help: 'Elija una opción.',
    individual: { name: 'Individual', help: 'Solo usted.' },
    colectivo: { name: 'Colectivo', help: 'Usted y todas las personas empadronadas en su domicilio.' },
  },
  identification: {
    title: 'Inserte su DNIe',
    help: 'Ponga su DNIe en el lector, con el chip hacia dentro. Después le pediremos el PIN.',
  },
  working: {
    consulting: 'Consultando al Ayuntamiento…',
    issuing: 'Preparando su volante…',
    printing: 'Imprimiendo…',
    help: 'Espere un momento. No retire su DNIe.',
  },
  preview: {
    title: 'Compruebe su volante',
    help: 'Esto es lo que se imprimirá. Si está bien, pulse «Imprimir».',
    kinds: { individual: 'Volante individual', colectivo: 'Volante colectivo' },
    municipio: 'Municipio',
    domicilio: 'Domicilio',
    personas: 'Personas',
    nombre: 'Nombre',
    documento: 'Documento',
    fechaNacimiento: 'Fecha de nacimiento',
    fechaAlta: 'En este domicilio desde',
    sinDato: 'No consta',
    validez: (m) => `Válido durante ${m} ${m === 1 ? 'mes' : 'meses'} desde hoy.`,
    confirm: 'Imprimir',
  },
  done: {
    title: 'Su volante está listo',
    csvLabel: 'Código seguro de verificación (CSV)',
    printed: 'Recójalo en la bandeja de la impresora.',
    notPrinted:
      'No se ha podido imprimir. Apunte este código: con él puede obtener el volante en la sede electrónica.',
    validUntil: (date) => `Válido hasta el ${date}.`,
    verify: (url) => `Cualquiera puede comprobarlo en ${url} con este código.`,
    another: 'Hacer otro trámite',
  },
  pending: {
    title: 'Sus recibos pendientes',
    help: 'Marque los recibos que quiere pagar y pulse «Pagar».',
    none: 'No tiene recibos pendientes de pago en este municipio.',
    noneHere:
      'Ninguno de sus recibos pendientes se puede pagar en este cajero: junto a cada uno dice por qué.',
    alreadyPaid: 'Ya pagado',
    paidNow: 'Pagado ahora',
    notPaid: 'No pagado',
    total: (amount) => `Total: ${amount}`,
    pay: (count, amount) =>
      count === 1 ? `Pagar 1 recibo (${amount})` : `Pagar ${count} recibos (${amount})`,
    paying: (position, count) => `Pagando el recibo ${position} de ${count}`,
    doneTitle: 'Pago terminado',
    stopped: 'Un recibo no se ha pagado, y no hemos cobrado los siguientes. Puede intentarlo otra vez.',
    selectLabel: 'Pagar este recibo',
  },
  failed: {
    title: 'No se puede continuar',
    reasons: {
      sin_conexion:
        'Ahora no hay conexión con el Ayuntamiento: puede pagar un recibo con su código, o volver más tarde.',
      persona_no_empadronada:
        'No consta que esté empadronado en este municipio. Consulte en la oficina del padrón del Ayuntamiento.',
      colectivo_no_permitido:
        'El volante colectivo solo lo puede pedir una persona mayor de edad. Puede pedir el individual.',
      certificado_rechazado:
        'El Ayuntamiento no ha aceptado el certificado de su DNIe. Compruébelo en una oficina de expedición del DNI.',
      servicio_no_disponible: 'Este servicio no está disponible ahora. Inténtelo más tarde.',
      tiempo_agotado: 'Ha pasado demasiado tiempo. Empiece otra vez.',
      impresora_no_disponible:
        'La impresora no funciona ahora y no podemos imprimir su volante. Inténtelo más tarde o en otro cajero.',
      no_impreso:
        'Su volante se ha emitido pero no se ha podido imprimir. Con el código que le hemos dado puede obtenerlo en la sede electrónica.',
      error_interno: 'Se ha producido un error en el cajero. Inténtelo de nuevo.',
    },
    payRecibo: 'Pagar un recibo',
    otherService: 'Volver al inicio',
    helpInPerson: 'Si necesita ayuda en persona:',
  },
  goodbye: {
    title: 'Gracias por usar el cajero',
    takeCard: 'No olvide retirar su DNIe.',
    thanks: 'Sus datos se han borrado de la pantalla.',
  },
  back: 'Volver',
  finish: 'Terminar',
};
