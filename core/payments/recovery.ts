/**
 * Start-up recovery (issue 7 §3; decision table in README.md): every payment not in a final state is
 * resolved, oldest first, before the kiosk takes a new payment.
 */
import type { PaymentRow } from './ledger.ts';
import { afterApproval, type SettleDeps, settleFromLastTransaction } from './settle.ts';
import type { PaymentState } from './states.ts';

export interface RecoveryEntry {
  readonly paymentId: string;
  readonly from: PaymentState;
  readonly to: PaymentState;
  readonly note: string;
}

export async function recoverPayments(deps: SettleDeps): Promise<RecoveryEntry[]> {
  const { ledger, now } = deps;
  const report: RecoveryEntry[] = [];
  const unresolved = ledger.unresolved();
  // Only the newest payment that reached the terminal can be its "last transaction".
  const inFlight = unresolved.filter((p) => p.state === 'sent_to_terminal' || p.state === 'unknown');
  const newest = inFlight.at(-1);
  for (const p of unresolved) {
    let row: PaymentRow;
    let note: string;
    switch (p.state) {
      case 'created':
        row =
          ledger.transition(p.id, ['created'], 'cancelled', now(), {
            detail: 'recovery: never sent to the terminal',
          }) ?? p;
        note = 'nunca llegó al terminal';
        break;
      case 'approved':
        row = await afterApproval(deps, p, p.amountCents, undefined);
        note = 'aprobado: justificante';
        break;
      default:
        if (p.id !== newest?.id) {
          row =
            ledger.transition(p.id, ['sent_to_terminal', 'unknown'], 'needs_attention', now(), {
              attentionReason:
                'Hay un pago posterior en el terminal: su resultado no se puede saber por la última operación; conciliar con el cierre del día.',
            }) ?? p;
          note = 'no es la última operación del terminal';
          break;
        }
        row = await settleFromLastTransaction(deps, p);
        if (row.state === 'approved') row = await afterApproval(deps, row, p.amountCents, undefined);
        note =
          row.state === 'unknown'
            ? 'el terminal no responde: se reintentará'
            : 'según la última operación del terminal';
    }
    report.push({ paymentId: p.id, from: p.state, to: row.state, note });
  }
  return report;
}
