import type { Messages } from './messages.ts';

export const es: Messages = {
  languageName: 'Español',
  welcomeTitle: 'Le damos la bienvenida',
  servicesPending:
    'Pronto podrá pedir aquí su volante de empadronamiento y pagar sus recibos municipales. Estos servicios todavía no están activos.',
  chooseLanguage: 'Idioma',
  devicesTitle: 'Estado de los dispositivos',
  connecting: 'Conectando con el cajero… Espere un momento.',
  card: {
    dnie: 'Ha insertado su DNIe.',
    dnieNextStep:
      'La identificación con PIN llegará en una próxima versión de este cajero. Puede retirar su DNIe.',
    dnieUnusable:
      'El chip de este DNIe no se puede usar. Renuévelo en una oficina de expedición del DNI y retírelo del lector.',
    other: 'Esta tarjeta no es un DNIe. Retírela e inserte su DNIe.',
  },
  devices: {
    cardReader: 'Lector de DNIe',
    printer: 'Impresora',
    paymentTerminal: 'Terminal de pago con tarjeta',
    scanner: 'Lector de códigos de barras',
    central: 'Conexión con el ayuntamiento',
  },
  deviceStates: {
    ready: 'Preparado',
    starting: 'Arrancando',
    driver_pending: 'Sin controlador en esta versión',
    not_configured: 'No instalado',
    disconnected: 'Sin conexión',
    reader_absent: 'No se encuentra el lector',
    card_present: 'Tarjeta insertada',
    paper_near_end: 'Queda poco papel',
    paper_out: 'Sin papel',
    cover_open: 'Tapa abierta',
    cutter_error: 'Fallo de la cuchilla',
    busy: 'Ocupado',
    offline: 'Fuera de línea',
    fault: 'Avería',
  },
};
