import { KioskError } from '../../drivers/common/kiosk-error.ts';

export const PADRON_GENERATOR_ERROR_MESSAGES = {
  'padron_generator.options_invalid': 'La configuración del padrón de demostración no es válida.',
  'padron_generator.fixed_persona_invalid': 'Una persona fija del padrón de demostración no es válida.',
} as const;

export type PadronGeneratorErrorCode = keyof typeof PADRON_GENERATOR_ERROR_MESSAGES;

/** Refused options of the synthetic padrón generator; `detail` says which field, never a DNI. */
export class PadronGeneratorError extends KioskError {
  readonly code: PadronGeneratorErrorCode;

  constructor(code: PadronGeneratorErrorCode, detail?: string) {
    super(PADRON_GENERATOR_ERROR_MESSAGES[code], detail);
    this.code = code;
  }
}
