/**
 * Paying several pending recibos: one `recibo.pay` after another, never two at once, stopping at the
 * first that is not approved (declined, refused or unknown: charging the next ones would surprise the
 * citizen, and an unknown outcome must be looked at first).
 */
import type { PendingRecibo, ReciboPaymentResult } from '../../../core/api/contract.ts';

export interface PayInTurnSteps {
  readonly pay: (ticket: string) => Promise<ReciboPaymentResult>;
  /** Before each payment, with its 1-based position. */
  readonly starting: (ticket: string, position: number) => void;
  readonly paid: (result: ReciboPaymentResult) => void;
  /** False once the screen is gone (the session ended): start no further payment. */
  readonly goOn: () => boolean;
}

export async function payInTurn(
  tickets: readonly string[],
  steps: PayInTurnSteps,
): Promise<{ readonly approved: number; readonly stopped: boolean }> {
  let approved = 0;
  for (const [index, ticket] of tickets.entries()) {
    if (!steps.goOn()) return { approved, stopped: true };
    steps.starting(ticket, index + 1);
    let result: ReciboPaymentResult;
    try {
      result = await steps.pay(ticket);
    } catch {
      // The call failed (connection lost): the kiosk cannot tell whether it charged; core knows.
      result = { outcome: 'unknown', ticket, reviewByMunicipality: true };
    }
    steps.paid(result);
    // `stopped`: some chosen recibos were left untried.
    if (result.outcome !== 'approved') return { approved, stopped: index < tickets.length - 1 };
    approved += 1;
  }
  return { approved, stopped: false };
}

/** Tickets the citizen may still pay: not reported paid, not paid in this session, not left unknown. */
export function payableTickets(
  recibos: readonly PendingRecibo[],
  outcomes: ReadonlyMap<string, ReciboPaymentResult>,
): ReadonlySet<string> {
  return new Set(
    recibos
      .filter((p) => {
        const outcome = outcomes.get(p.recibo.ticket)?.outcome;
        return !p.paid && p.refusal === undefined && outcome !== 'approved' && outcome !== 'unknown';
      })
      .map((p) => p.recibo.ticket),
  );
}
