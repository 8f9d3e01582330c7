/** Typed errors of the PC/SC layer (dnie.md §2 lists the PC/SC codes mapped here). */
import { KioskError } from '../common/kiosk-error.ts';

function swHexLocal(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A command or response APDU that cannot be encoded or decoded. */
export class ApduFormatError extends KioskError {
  readonly code = 'pcsc.apdu_format';

  constructor(detail: string) {
    super('Se ha producido un error de comunicación con la tarjeta.', detail);
  }
}

/** The card answered a status word other than 9000 where success was required. */
export class StatusWordError extends KioskError {
  readonly code = 'pcsc.status_word';
  readonly sw: number;

  /** `text` is the Spanish sentence for `sw` (status-word.ts `statusWordText`). */
  constructor(sw: number, text: string, command: string) {
    super(text, `SW=${swHexLocal(sw)} for ${command}`);
    this.sw = sw;
  }
}

/** Failure reasons of the PC/SC stack, each with its own stable code. */
export const PCSC_FAILURES = {
  card_removed: 'Se ha retirado la tarjeta.',
  card_reset: 'Otra aplicación ha reiniciado la tarjeta.',
  card_unresponsive: 'La tarjeta no responde.',
  no_service: 'El servicio de tarjetas no está disponible.',
  no_reader: 'No se encuentra el lector de tarjetas.',
  no_card: 'No hay ninguna tarjeta en el lector.',
  sharing_violation: 'Otra aplicación está usando la tarjeta.',
  timeout: 'La tarjeta ha tardado demasiado en responder.',
  not_connected: 'No hay conexión con la tarjeta.',
  failure: 'Se ha producido un error de comunicación con la tarjeta.',
} as const;

export type PcscFailure = keyof typeof PCSC_FAILURES;

export class PcscError extends KioskError {
  readonly code: `pcsc.${PcscFailure}`;
  readonly failure: PcscFailure;
  /** The SCARD_* code when the stack gave one. */
  readonly scardCode: number | undefined;

  constructor(failure: PcscFailure, detail: string, scardCode?: number, options?: { cause?: unknown }) {
    super(PCSC_FAILURES[failure], detail, options);
    this.failure = failure;
    this.code = `pcsc.${failure}`;
    this.scardCode = scardCode;
  }
}
