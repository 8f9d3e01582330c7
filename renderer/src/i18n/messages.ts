/**
 * Message catalogues: every text the screen shows lives here, never in a component. Spanish is the
 * reference; each other language must have every key (the type checker refuses a missing one).
 */
import type {
  DeviceKind,
  DeviceStateCode,
  IdentificationReason,
  LanguageCode,
} from '../../../core/api/contract.ts';
import { ca } from './ca.ts';
import type { ReciboMessages } from './recibo/types.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { eu } from './eu.ts';
import { gl } from './gl.ts';
import type { IdleMessages } from './idle/types.ts';
import type { SessionMessages } from './session/types.ts';
import type { AccessMessages } from './access/types.ts';

export interface Messages {
  readonly languageName: string;
  readonly devicesTitle: string;
  readonly connecting: string;
  readonly card: {
    readonly dnie: string;
    /** Shown for the instant between the card going in and the PIN pad appearing. */
    readonly dnieNextStep: string;
    readonly dnieUnusable: string;
    readonly other: string;
  };
  /** The DNIe identification: PIN pad and its results (issue 4 part 6). */
  readonly identification: {
    readonly pinTitle: string;
    readonly pinHelp: string;
    /** What the masked field says to a screen reader: how many characters, never which. */
    readonly pinCount: (count: number) => string;
    readonly keypadLabel: string;
    readonly showDigits: string;
    readonly showLetters: string;
    readonly upperCase: string;
    readonly deleteKey: string;
    readonly confirm: string;
    readonly cancel: string;
    readonly verifying: string;
    readonly greeting: (givenName: string) => string;
    readonly greetingNoName: string;
    readonly identifiedNext: string;
    readonly pinWrongTitle: string;
    readonly pinWrong: (triesLeft: number) => string;
    readonly blockedTitle: string;
    readonly blockedNext: string;
    readonly errorTitle: string;
    readonly reasons: Readonly<Record<IdentificationReason, string>>;
    readonly removeCard: string;
    readonly cancelled: string;
  };
  /** The idle-timeout warning with "more time" (issue 9 item 1). */
  readonly idle: IdleMessages;
  /** Paying a recibo by card (issue 7). */
  readonly recibo: ReciboMessages;
  /** The citizen's session: language, service, volante, pending recibos, failure, goodbye (issue 9). */
  readonly session: SessionMessages;
  /** Contrast, text size and speech, on every screen. */
  readonly access: AccessMessages;
  readonly devices: Readonly<Record<DeviceKind, string>>;
  readonly deviceStates: Readonly<Record<DeviceStateCode, string>>;
}

export const catalogues: Readonly<Record<LanguageCode, Messages>> = { es, ca, gl, eu, en };
