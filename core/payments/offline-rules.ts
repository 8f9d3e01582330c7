/**
 * Offline limits (issue 7 §4, kiosk-config `offline`): while central is unreachable the kiosk takes a
 * payment only if the paid-recibo list is fresh enough to trust, the importe is within the limit, and
 * fewer than `maxPayments` approved payments are still waiting for central. Pure: facts in, verdict out.
 */
import type { KioskConfig } from '../../kiosk-config/index.ts';
import { PaymentRefusedError } from './errors.ts';

export type OfflineLimits = KioskConfig['offline'];

export interface OfflineFacts {
  readonly amountCents: number;
  readonly now: Date;
  /** When central last vouched for the paid-recibo list; undefined = never received. */
  readonly paidListAsOf: Date | undefined;
  /** Approved payments central has not acknowledged yet. */
  readonly unsyncedPayments: number;
}

/** Undefined when the payment may go ahead offline; otherwise the refusal to show. */
export function checkOfflineRules(
  limits: OfflineLimits,
  facts: OfflineFacts,
): PaymentRefusedError | undefined {
  const maxAgeMs = limits.maxPaidListAgeHours * 3_600_000;
  if (facts.paidListAsOf === undefined || facts.now.getTime() - facts.paidListAsOf.getTime() > maxAgeMs) {
    return new PaymentRefusedError(
      'payment.offline_paid_list_stale',
      facts.paidListAsOf === undefined
        ? 'no paid-recibo list from central'
        : `paid list as of ${facts.paidListAsOf.toISOString()}, limit ${limits.maxPaidListAgeHours} h`,
    );
  }
  if (facts.amountCents > limits.maxAmountPerReciboCents) {
    return new PaymentRefusedError(
      'payment.offline_amount_limit',
      `${facts.amountCents} cents > offline limit ${limits.maxAmountPerReciboCents}`,
    );
  }
  if (facts.unsyncedPayments >= limits.maxPayments) {
    return new PaymentRefusedError(
      'payment.offline_count_limit',
      `${facts.unsyncedPayments} payments waiting for central, limit ${limits.maxPayments}`,
    );
  }
  return undefined;
}
