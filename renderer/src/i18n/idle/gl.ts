import type { IdleMessages } from './types.ts';

export const idleGl: IdleMessages = {
  title: 'Necesita máis tempo?',
  explanation: (s) =>
    `Pola súa seguridade, a sesión rematará en ${s} ${s === 1 ? 'segundo' : 'segundos'} e borraranse os seus datos da pantalla.`,
  secondsLeft: (s) => (s === 1 ? 'Queda 1 segundo' : `Quedan ${s} segundos`),
  moreTime: 'Necesito máis tempo',
};
