import type { AccessMessages } from './types.ts';

export const accessEn: AccessMessages = {
  toolbarLabel: 'Accessibility',
  highContrast: 'High contrast',
  largeText: 'Large text',
  speech: 'Speech',
  repeat: 'Repeat',
  language: 'Language',
};
