import type { IdleMessages } from './types.ts';

export const idleEu: IdleMessages = {
  title: 'Denbora gehiago behar duzu?',
  explanation: (s) =>
    `Zure segurtasunagatik, saioa ${s} segundotan amaituko da eta zure datuak pantailatik ezabatuko dira.`,
  secondsLeft: (s) => (s === 1 ? 'Segundo bat geratzen da' : `${s} segundo geratzen dira`),
  moreTime: 'Denbora gehiago behar dut',
};
