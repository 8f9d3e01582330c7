import type { IdleMessages } from './types.ts';

export const idleEs: IdleMessages = {
  title: '¿Necesita más tiempo?',
  explanation: (s) =>
    `Por su seguridad, la sesión terminará en ${s} ${s === 1 ? 'segundo' : 'segundos'} y se borrarán sus datos de la pantalla.`,
  secondsLeft: (s) => (s === 1 ? 'Queda 1 segundo' : `Quedan ${s} segundos`),
  moreTime: 'Necesito más tiempo',
};
