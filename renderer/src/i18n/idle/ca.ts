import type { IdleMessages } from './types.ts';

export const idleCa: IdleMessages = {
  title: 'Necessiteu més temps?',
  explanation: (s) =>
    `Per la vostra seguretat, la sessió acabarà d’aquí a ${s} ${s === 1 ? 'segon' : 'segons'} i s’esborraran les vostres dades de la pantalla.`,
  secondsLeft: (s) => (s === 1 ? 'Queda 1 segon' : `Queden ${s} segons`),
  moreTime: 'Necessito més temps',
};
