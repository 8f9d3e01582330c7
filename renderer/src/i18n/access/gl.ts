import type { AccessMessages } from './types.ts';

export const accessGl: AccessMessages = {
  toolbarLabel: 'Accesibilidade',
  highContrast: 'Contraste alto',
  largeText: 'Texto grande',
  speech: 'Voz',
  repeat: 'Repetir',
  language: 'Idioma',
};
