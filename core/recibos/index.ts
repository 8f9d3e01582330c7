export {
  type CalendarDate,
  compareCalendarDates,
  dayOfYear,
  formatIsoDate,
  fromDayOfYear,
  isValidCalendarDate,
} from './calendar-date.ts';
export { emisoraCheckDigit, referenciaControlDigits } from './control-digits.ts';
export {
  buildEmisora,
  buildReciboBarcode,
  MAX_IMPORTE_CENTS,
  normalizeScannedBarcode,
  parseReciboBarcode,
  type ReciboFields,
} from './cuaderno60.ts';
export { type ManualReciboInput, parseManualRecibo, readManualRecibo } from './manual-entry.ts';
export {
  type Cents,
  centsToDecimalString,
  formatEuros,
  isCents,
  KIOSK_LANGUAGES,
  type KioskLanguage,
  type ParseAmountOptions,
  parseEuroAmount,
} from './money.ts';
export { MONEY_ERROR_MESSAGES, MoneyError, type MoneyErrorCode } from './money-error.ts';
export type { Modalidad, ReciboBarcode, ReciboModalidad1, ReciboModalidad2 } from './recibo.ts';
export {
  RECIBO_ERROR_MESSAGES,
  ReciboError,
  type ReciboErrorCode,
  type ReciboField,
} from './recibo-error.ts';
export { resolveFechaLimiteYear } from './recibo-fields.ts';
export { type ReciboContext, readReciboBarcode, validateRecibo } from './validation.ts';
