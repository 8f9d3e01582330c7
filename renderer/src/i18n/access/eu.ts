import type { AccessMessages } from './types.ts';

export const accessEu: AccessMessages = {
  toolbarLabel: 'Irisgarritasuna',
  highContrast: 'Kontraste handia',
  largeText: 'Letra handia',
  speech: 'Ahotsa',
  repeat: 'Errepikatu',
  language: 'Hizkuntza',
};
