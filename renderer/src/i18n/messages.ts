/**
 * Message catalogues: every text the screen shows lives here, never in a component. Spanish is the
 * reference; each other language must have every key (the type checker refuses a missing one).
 */
import type { DeviceKind, DeviceStateCode, LanguageCode } from '../../../core/api/contract.ts';
import { ca } from './ca.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { eu } from './eu.ts';
import { gl } from './gl.ts';

export interface Messages {
  readonly languageName: string;
  readonly welcomeTitle: string;
  readonly servicesPending: string;
  readonly chooseLanguage: string;
  readonly devicesTitle: string;
  readonly connecting: string;
  readonly card: {
    readonly dnie: string;
    /** Until the PIN flow exists: what the citizen can do with the card in. */
    readonly dnieNextStep: string;
    readonly dnieUnusable: string;
    readonly other: string;
  };
  readonly devices: Readonly<Record<DeviceKind, string>>;
  readonly deviceStates: Readonly<Record<DeviceStateCode, string>>;
}

export const catalogues: Readonly<Record<LanguageCode, Messages>> = { es, ca, gl, eu, en };
