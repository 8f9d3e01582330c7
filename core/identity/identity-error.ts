import { KioskError } from '../../drivers/common/kiosk-error.ts';

export const IDENTITY_ERROR_MESSAGES = {
  'identity.empty': 'Escriba el número de su documento.',
  'identity.format_invalid':
    'El número de documento no tiene un formato válido. Ejemplos: 12345678Z (DNI) o X1234567L (NIE).',
  'identity.letter_mismatch': 'La letra del documento no corresponde al número. Revise lo que ha escrito.',
  /** Checksum-valid but never issued (all zeros), spanish-formats.md §3. */
  'identity.number_invalid': 'El número de documento no es válido.',
  /** A valid number of a kind this step does not take (a NIE where only a DNI is asked for). */
  'identity.kind_not_accepted': 'Este tipo de documento no se admite aquí.',
} as const;

export type IdentityErrorCode = keyof typeof IDENTITY_ERROR_MESSAGES;

/** Why a DNI/NIE/NIF is refused. `detail` never holds the number itself (KioskError's rule). */
export class IdentityError extends KioskError {
  readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, detail?: string) {
    super(IDENTITY_ERROR_MESSAGES[code], detail);
    this.code = code;
  }
}
