import { KioskError } from '../../drivers/common/kiosk-error.ts';

/**
 * Why a recibo (scanned or typed) cannot be paid. The screen picks its text by `code`; `message` is the
 * Spanish fallback. `detail` says what was wrong (offsets, lengths, expected vs found control digits)
 * without the debtor's data: a recibo's barcode identifies a debt, not a person, but keep it short.
 */
export const RECIBO_ERROR_MESSAGES = {
  /** Length, prefix, padding digit or non-digit characters (Cuaderno 60 §1.1-1.4). */
  'recibo.barcode_invalid':
    'Código de barras no válido. Vuelva a pasar el recibo por el lector o escriba sus datos a mano.',
  /** A Cuaderno 60 format the kiosk does not collect (90507, 90508, 90523), §1.2. */
  'recibo.format_unsupported': 'Este tipo de recibo no se puede pagar en el cajero.',
  /** A typed field has the wrong number of digits or characters (manual entry, builder). */
  'recibo.field_invalid': 'Algún dato del recibo no es válido. Revise lo que ha escrito.',
  /** The referencia's 2 control digits do not match emisora, referencia, identificación and importe (§1.6). */
  'recibo.referencia_control_mismatch':
    'El control de la referencia no coincide. Revise los datos del recibo o vuelva a pasarlo por el lector.',
  /** Identificación that cannot be decoded (a fecha límite day that the year does not have), §1.3. */
  'recibo.identificacion_invalid': 'La identificación del recibo no es válida.',
  /** The emisora is not one the municipality lets this kiosk collect for (§1.6, whitelist). */
  'recibo.emisora_not_accepted': 'Emisora no admitida en este municipio. Este recibo no se puede pagar aquí.',
  /** Modalidad 2 after its fecha límite: banks refuse it too (§1.6). */
  'recibo.expired': 'Recibo fuera de plazo. Consulte en el ayuntamiento cómo pagarlo.',
  /** Nothing to pay. */
  'recibo.importe_zero': 'El importe del recibo es cero: no hay nada que pagar.',
} as const;

export type ReciboErrorCode = keyof typeof RECIBO_ERROR_MESSAGES;

/** The typed fields a person enters by hand (and the builder takes). */
export type ReciboField = 'emisora' | 'referencia' | 'identificacion' | 'importe' | 'fechaLimite' | 'periodo';

export class ReciboError extends KioskError {
  readonly code: ReciboErrorCode;
  /** Which typed field is wrong, when the error is about one (manual entry, builder). */
  readonly field: ReciboField | undefined;

  constructor(code: ReciboErrorCode, detail?: string, options?: { field?: ReciboField; cause?: unknown }) {
    super(
      RECIBO_ERROR_MESSAGES[code],
      detail,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.field = options?.field;
  }
}
