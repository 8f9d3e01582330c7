import type { AccessMessages } from './types.ts';

export const accessEs: AccessMessages = {
  toolbarLabel: 'Accesibilidad',
  highContrast: 'Alto contraste',
  largeText: 'Letra grande',
  speech: 'Voz',
  repeat: 'Repetir',
  language: 'Idioma',
};
