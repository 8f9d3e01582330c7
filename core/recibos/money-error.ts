import { KioskError } from '../../drivers/common/kiosk-error.ts';

export const MONEY_ERROR_MESSAGES = {
  'money.amount_empty': 'Escriba el importe.',
  'money.amount_invalid': 'El importe no es válido. Escríbalo con coma para los céntimos, por ejemplo 12,50.',
  'money.amount_ambiguous':
    'No está claro el importe. Escríbalo sin puntos de miles y con coma para los céntimos, por ejemplo 1234,56.',
  'money.too_many_decimals': 'El importe tiene más de dos decimales.',
  'money.amount_too_large': 'El importe es demasiado alto.',
  /** A program passed something that is not a whole number of cents: a bug, not the user's doing. */
  'money.cents_invalid': 'No se puede mostrar el importe.',
} as const;

export type MoneyErrorCode = keyof typeof MONEY_ERROR_MESSAGES;

/** Why a typed amount is not a euro amount, or why a value is not integer cents. */
export class MoneyError extends KioskError {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, detail?: string) {
    super(MONEY_ERROR_MESSAGES[code], detail);
    this.code = code;
  }
}
