/**
 * Why the kiosk refuses to take a payment, in Spanish for the citizen: what happened and what else they
 * can do. Every refusal happens before the card terminal is touched.
 */
import { KioskError } from '../../drivers/common/kiosk-error.ts';

export type PaymentRefusalCode =
  | 'payment.recibo_invalid'
  | 'payment.already_paid'
  | 'payment.pending_review'
  | 'payment.previous_unresolved'
  | 'payment.offline_amount_limit'
  | 'payment.offline_count_limit'
  | 'payment.offline_paid_list_stale';

const ELSEWHERE =
  'Puede pagarlo en la sede electrónica del ayuntamiento, en una entidad colaboradora o en la oficina de recaudación.';

export const PAYMENT_REFUSAL_MESSAGES: Record<PaymentRefusalCode, string> = {
  'payment.recibo_invalid': 'Este recibo no se puede pagar en el cajero.',
  'payment.already_paid': 'Este recibo ya está pagado. No hace falta volver a pagarlo.',
  'payment.pending_review':
    'Hay un pago de este recibo pendiente de revisión por el ayuntamiento. No lo pague otra vez: le informarán en la oficina de recaudación.',
  'payment.previous_unresolved': `El cajero está comprobando un pago anterior y no puede cobrar ahora. Inténtelo en unos minutos. ${ELSEWHERE}`,
  'payment.offline_amount_limit': `El cajero no tiene conexión con el ayuntamiento y sin ella no puede cobrar recibos de este importe. ${ELSEWHERE}`,
  'payment.offline_count_limit': `El cajero no tiene conexión con el ayuntamiento y ya ha cobrado todos los recibos que puede cobrar sin ella. ${ELSEWHERE}`,
  'payment.offline_paid_list_stale': `El cajero no tiene conexión con el ayuntamiento y no puede comprobar si este recibo ya está pagado. ${ELSEWHERE}`,
};

export class PaymentRefusedError extends KioskError {
  readonly code: PaymentRefusalCode;

  constructor(code: PaymentRefusalCode, detail: string, message?: string) {
    super(message ?? PAYMENT_REFUSAL_MESSAGES[code], detail);
    this.code = code;
  }
}

export class LedgerError extends KioskError {
  readonly code = 'payment.ledger_conflict';

  constructor(detail: string) {
    super('El registro de pagos no admite este cambio.', detail);
  }
}
