/**
 * The steps shared by a live payment and start-up recovery (README.md, decision table):
 * settling an outcome the kiosk could not see from the terminal's last transaction, and everything
 * after an approval (the reversal rules, then the justificante). Each state is committed before the
 * next device call.
 */
import type { CardTransaction, PaymentTerminal } from '../../drivers/payment/payment-terminal.ts';
import type { JustificanteContext, JustificantePrinter } from './justificante.ts';
import { justificanteDocument } from './justificante.ts';
import type { PaymentLedger, PaymentRow, TerminalFacts, TransitionChange } from './ledger.ts';

/** Named step boundaries, for tracing and for the fault-injection tests (test/fault/payments). */
export type PaymentStep =
  | 'before_create'
  | 'after_create'
  | 'after_sent'
  | 'terminal_working'
  | 'status_received'
  | 'after_approved_commit'
  | 'terminal_returned'
  | 'before_print'
  | 'after_print'
  | 'done'
  | 'recovery_before_query'
  | 'recovery_before_reverse';

export interface SettleDeps {
  readonly ledger: PaymentLedger;
  readonly terminal: PaymentTerminal;
  /** Absent in `kioskctl payments recover` run away from the kiosk: the justificante is then left for later. */
  readonly printer?: JustificantePrinter | undefined;
  readonly justificante: JustificanteContext;
  readonly now: () => Date;
  readonly onStep?: ((step: PaymentStep, paymentId: string) => void) | undefined;
  /** Recibos central says are paid (its list) while this payment was running: reverse ours. */
  readonly paidElsewhere?: (p: PaymentRow) => boolean;
}

export function factsOf(t: CardTransaction | undefined): TerminalFacts {
  return t === undefined
    ? {}
    : {
        terminalId: t.terminalId,
        receiptNo: t.receiptNumber,
        traceNo: t.traceNumber,
        authorisationCode: t.authorisationCode,
        cardName: t.cardName,
        maskedPan: t.maskedPan,
      };
}

export type Settled = PaymentRow;

/**
 * The outcome of a payment in `sent_to_terminal` or `unknown`, from the terminal's last transaction.
 * Returns the row after the committed decision; still `unknown` when the terminal cannot be asked now.
 */
export async function settleFromLastTransaction(deps: SettleDeps, p: PaymentRow): Promise<PaymentRow> {
  const { ledger, now } = deps;
  const from = ['sent_to_terminal', 'unknown'] as const;
  deps.onStep?.('recovery_before_query', p.id);
  const last = await deps.terminal.lastTransaction();
  const move = (
    to: 'approved' | 'cancelled' | 'declined' | 'needs_attention' | 'unknown',
    change: TransitionChange = {},
  ) =>
    (to === 'unknown' && p.state === 'unknown' ? p : ledger.transition(p.id, [...from], to, now(), change)) ??
    ledger.get(p.id) ??
    p;

  if (last.kind === 'not_started' || last.kind === 'unknown') {
    const why = last.kind === 'unknown' ? last.detail : last.refusal.providerCode;
    return move('unknown', { detail: `terminal cannot be asked now: ${why}` });
  }
  if (last.kind === 'not_available') {
    return move('needs_attention', {
      attentionReason:
        'El terminal no informa de su última operación: conciliar con el cierre del día (End-of-Day) del terminal.',
      detail: `lastTransaction not_available ${last.refusal?.providerCode ?? ''}`.trim(),
    });
  }
  const t = last.transaction;
  if (t === undefined) {
    return move('needs_attention', {
      attentionReason:
        'El terminal solo devolvió el texto del recibo: conciliar a mano con el cierre del día.',
      detail: last.receipt.flatMap((r) => r.lines).join(' | '),
    });
  }
  const known =
    t.receiptNumber === undefined
      ? undefined
      : ledger.latestBookedMatching({
          receiptNo: t.receiptNumber,
          amountCents: t.amountCents,
          authorisationCode: t.authorisationCode,
          terminalId: t.terminalId,
        });
  if (known !== undefined && known.id !== p.id) {
    // The terminal's last transaction is an earlier one of ours: this payment never got booked
    // (the kiosk is the terminal's only ECR and runs one payment at a time).
    return move('cancelled', {
      detail: `terminal's last transaction is receipt ${t.receiptNumber} of ${known.id}`,
    });
  }
  if (last.approved !== true) {
    // A refused transaction after every booked one: nothing was charged for this payment.
    return move('declined', {
      refusalCode: 'recovery:last_not_approved',
      detail: `terminal's last transaction not approved (${t.amountCents} cents)`,
    });
  }
  if (t.amountCents !== p.amountCents) {
    return move('needs_attention', {
      attentionReason: `El terminal tiene como última operación un cobro aprobado de ${t.amountCents} céntimos que no es este pago (${p.amountCents}): conciliar con el cierre del día.`,
      detail: `receipt ${t.receiptNumber ?? '?'}`,
    });
  }
  return move('approved', {
    terminal: factsOf(t),
    detail: `recovered from terminal receipt ${t.receiptNumber ?? '?'}`,
  });
}

/**
 * After an approval is committed: reverse it when the rules say so (README.md), else print the
 * justificante and record whether it was printed. Returns the final row.
 */
export async function afterApproval(
  deps: SettleDeps,
  p: PaymentRow,
  expectedAmountCents: number,
  bookedAmountCents: number | undefined,
): Promise<PaymentRow> {
  const { ledger, now } = deps;
  const reason =
    bookedAmountCents !== undefined && bookedAmountCents !== expectedAmountCents
      ? `amount booked ${bookedAmountCents} ≠ recibo ${expectedAmountCents}`
      : deps.paidElsewhere?.(p)
        ? 'recibo paid elsewhere according to central'
        : undefined;
  if (reason !== undefined) return reverse(deps, p, reason);

  deps.onStep?.('before_print', p.id);
  let printed = false;
  let problem = 'no printer';
  if (deps.printer !== undefined) {
    try {
      printed = (await deps.printer.print(justificanteDocument(p, deps.justificante, now()))).delivered;
      problem = printed ? '' : 'printer did not deliver';
    } catch (e) {
      problem = `printer error: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  deps.onStep?.('after_print', p.id);
  const to = printed ? 'justificante_printed' : 'justificante_failed';
  const row =
    ledger.transition(p.id, ['approved'], to, now(), printed ? {} : { detail: problem }) ??
    ledger.get(p.id) ??
    p;
  deps.onStep?.('done', p.id);
  return row;
}

async function reverse(deps: SettleDeps, p: PaymentRow, reason: string): Promise<PaymentRow> {
  const { ledger, now } = deps;
  if (p.receiptNo === null) {
    return (
      ledger.transition(p.id, ['approved'], 'needs_attention', now(), {
        attentionReason: `Debe anularse (${reason}) pero falta el número de recibo del terminal: anular a mano.`,
      }) ?? p
    );
  }
  deps.onStep?.('recovery_before_reverse', p.id);
  const r = await deps.terminal.reverse(p.receiptNo);
  if (r.kind === 'reversed') {
    return ledger.transition(p.id, ['approved'], 'reversed', now(), { detail: reason }) ?? p;
  }
  const why = r.kind === 'unknown' ? r.detail : r.refusal.providerCode;
  return (
    ledger.transition(p.id, ['approved'], 'needs_attention', now(), {
      attentionReason: `Debe anularse (${reason}) y el terminal no la ha anulado (${r.kind} ${why}): anular a mano o devolver.`,
    }) ?? p
  );
}
