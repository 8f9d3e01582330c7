import type { AccessMessages } from './types.ts';

export const accessCa: AccessMessages = {
  toolbarLabel: 'Accessibilitat',
  highContrast: 'Contrast alt',
  largeText: 'Lletra gran',
  speech: 'Veu',
  repeat: 'Repeteix',
  language: 'Llengua',
};
