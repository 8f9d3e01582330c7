import type { IdleMessages } from './types.ts';

export const idleEn: IdleMessages = {
  title: 'Do you need more time?',
  explanation: (s) =>
    `For your security, the session will end in ${s} ${s === 1 ? 'second' : 'seconds'} and your details will be cleared from the screen.`,
  secondsLeft: (s) => (s === 1 ? '1 second left' : `${s} seconds left`),
  moreTime: 'I need more time',
};
