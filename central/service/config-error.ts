import { KioskError } from '../../drivers/common/kiosk-error.ts';

export const CENTRAL_CONFIG_ERROR_MESSAGES = {
  'central_config.unreadable': 'No se pudo leer el archivo de configuración del registro central.',
  'central_config.invalid': 'La configuración del registro central no es válida.',
  'central_pki.files_missing': 'Faltan los archivos de la autoridad de certificación de quioscos.',
  'central_pki.already_exists': 'La autoridad de certificación de quioscos ya existe; no se sobrescribe.',
  'central_pki.seal_exists': 'El sello electrónico del municipio ya existe; no se sobrescribe.',
  'central_pki.invalid': 'Un certificado o una clave de la autoridad de quioscos no es válido.',
  'central_admin.municipality_unknown': 'El municipio no está dado de alta en el registro central.',
  'central_admin.kiosk_unknown': 'El quiosco no está dado de alta en el registro central.',
  'central_admin.usage': 'La orden no es correcta.',
  'central_admin.textos_invalid': 'Los textos del municipio no son válidos; no se ha cambiado nada.',
} as const;

export type CentralConfigErrorCode = keyof typeof CENTRAL_CONFIG_ERROR_MESSAGES;

/** Configuration, kiosk CA and admin command failures (the command line prints message and detail). */
export class CentralConfigError extends KioskError {
  readonly code: CentralConfigErrorCode;

  constructor(code: CentralConfigErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(CENTRAL_CONFIG_ERROR_MESSAGES[code], detail, options);
    this.code = code;
  }
}
