/**
 * The citizen's accessibility choices: contrast, text size and speech. They start from the kiosk's
 * configuration and belong to the session: the next person gets the defaults again (EN 301 549
 * 5.1.3.13 asks the same of the volume).
 */
import type { KioskInfo } from '../../../core/api/contract.ts';

export interface AccessPreferences {
  readonly highContrast: boolean;
  readonly largeText: boolean;
  readonly speech: boolean;
}

export type AccessSwitch = keyof AccessPreferences;

export function defaultPreferences(info: KioskInfo | null): AccessPreferences {
  return {
    highContrast: info?.accessibility.highContrast ?? false,
    largeText: info?.accessibility.largeText ?? false,
    speech: info?.accessibility.speech.enabled ?? false,
  };
}

export function toggled(preferences: AccessPreferences, which: AccessSwitch): AccessPreferences {
  return { ...preferences, [which]: !preferences[which] };
}

/** Classes on the document root, so rem-based sizes and the theme's colours follow everywhere. */
export function rootClasses(preferences: AccessPreferences): string[] {
  return [
    ...(preferences.highContrast ? ['high-contrast'] : []),
    ...(preferences.largeText ? ['large-text'] : []),
  ];
}
