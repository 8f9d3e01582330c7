/**
 * One citizen payment, start to end (issue 7 §3–5):
 *
 *   validate the recibo → refuse it if already paid or if offline limits forbid it (card untouched)
 *   → commit `created` → commit `sent_to_terminal` → terminal.pay → commit the outcome
 *   (the approval is committed as soon as the terminal's 04 0F arrives, before the driver acknowledges it)
 *   → justificante → commit `justificante_printed` | `justificante_failed`.
 *
 * Each state is committed before the next device call. Time, ids and random bytes come in.
 */
import type { PaymentTerminal } from '../../drivers/payment/payment-terminal.ts';
import {
  type ReciboBarcode,
  type ReciboContext,
  ReciboError,
  readReciboBarcode,
  validateRecibo,
} from '../recibos/index.ts';
import { generateCsv } from './csv-code.ts';
import { PAYMENT_REFUSAL_MESSAGES, PaymentRefusedError } from './errors.ts';
import { justificanteLaterMessage } from './justificante.ts';
import type { PaymentRow } from './ledger.ts';
import { checkOfflineRules, type OfflineLimits } from './offline-rules.ts';
import { reciboRef } from './recibo-key.ts';
import { afterApproval, factsOf, type SettleDeps, settleFromLastTransaction } from './settle.ts';
import { CHARGED_STATES } from './states.ts';

/** The 04 0F fields the runner journals (the driver's `StatusInformation` has them all). */
export interface TerminalStatusInformation {
  readonly approved: boolean;
  readonly amountCents?: number | undefined;
  readonly receiptNumber?: number | undefined;
  readonly traceNumber?: number | undefined;
  readonly terminalId?: string | undefined;
  readonly authorisationCode?: string | undefined;
  readonly cardName?: string | undefined;
  readonly maskedPan?: string | undefined;
}

export interface PaymentRunnerOptions extends SettleDeps {
  readonly terminal: PaymentTerminal;
  readonly newId: () => string;
  readonly randomBytes: (n: number) => Uint8Array;
  /** Emisoras and today's date in the municipality, for the recibo checks. */
  readonly reciboContext: (now: Date) => ReciboContext;
  readonly offline: OfflineLimits;
  readonly isCentralReachable: () => boolean;
}

export type PaymentResult =
  | { readonly kind: 'refused'; readonly refusal: PaymentRefusedError }
  | {
      readonly kind: 'paid';
      readonly payment: PaymentRow;
      readonly justificante: 'printed' | 'not_printed';
      /** The CSV the citizen can use to get the justificante later (shown when it was not printed). */
      readonly csv: string;
      readonly message: string;
    }
  | {
      readonly kind: 'not_charged' | 'reversed' | 'outcome_unknown' | 'needs_attention';
      readonly payment: PaymentRow;
      readonly message: string;
    };

const MESSAGES = {
  paid: 'Pago realizado. Recoja su justificante.',
  not_charged: 'El pago no se ha realizado y no se ha cobrado nada en su tarjeta.',
  reversed: 'El pago se ha anulado y no se le cobrará nada.',
  outcome_unknown:
    'No podemos confirmar ahora si el pago se ha realizado. No vuelva a pagar este recibo: el ayuntamiento lo comprobará y, si se cobró, el pago es válido.',
  needs_attention:
    'El pago queda pendiente de revisión por el ayuntamiento. No vuelva a pagar este recibo: si se cobró, el pago es válido y, si no, se lo comunicarán.',
} as const;

export class PaymentRunner {
  readonly #o: PaymentRunnerOptions;
  #current: PaymentRow | undefined;

  constructor(options: PaymentRunnerOptions) {
    this.#o = options;
  }

  /**
   * For the terminal's `journalStatusInformation` hook: commits the approval of the running payment
   * before the driver acknowledges the 04 0F (docs/zvt.md §6, crash safety 1). Other 04 0F (declines,
   * the 06 20 answer during recovery) are left to the command's own result.
   */
  async journalStatusInformation(info: TerminalStatusInformation): Promise<void> {
    const p = this.#current;
    if (p === undefined) return;
    this.#o.onStep?.('status_received', p.id);
    if (!info.approved || info.amountCents !== p.amountCents) return;
    const row = this.#o.ledger.transition(p.id, ['sent_to_terminal'], 'approved', this.#o.now(), {
      terminal: {
        terminalId: info.terminalId,
        receiptNo: info.receiptNumber,
        traceNo: info.traceNumber,
        authorisationCode: info.authorisationCode,
        cardName: info.cardName,
        maskedPan: info.maskedPan,
      },
      detail: 'journaled from 04 0F before acknowledging it',
    });
    if (row !== undefined) this.#o.onStep?.('after_approved_commit', p.id);
  }

  /** Runs one payment. Never throws for a refusal or a terminal outcome; a store failure does throw. */
  async pay(input: string | ReciboBarcode): Promise<PaymentResult> {
    const o = this.#o;
    const started = o.now();
    let recibo: ReciboBarcode;
    try {
      const context = o.reciboContext(started);
      recibo = typeof input === 'string' ? readReciboBarcode(input, context) : validateRecibo(input, context);
    } catch (e) {
      if (!(e instanceof ReciboError)) throw e;
      return refused(
        new PaymentRefusedError(
          'payment.recibo_invalid',
          `${e.code}: ${e.detail ?? ''}`,
          `${e.message}. ${PAYMENT_REFUSAL_MESSAGES['payment.recibo_invalid']}`,
        ),
      );
    }
    const ref = reciboRef(recibo);
    const amountCents = recibo.importeCents;

    // Before the card is touched: unresolved payments, the recibo already paid, offline limits.
    const unresolved = o.ledger.unresolved();
    if (unresolved.length > 0) {
      return refused(
        new PaymentRefusedError(
          'payment.previous_unresolved',
          `unresolved: ${unresolved.map((p) => `${p.id} ${p.state}`).join(', ')}`,
        ),
      );
    }
    const live = o.ledger.liveForRecibo(ref.reciboKey);
    if (live !== undefined) {
      const charged = CHARGED_STATES.includes(live.state);
      return refused(
        new PaymentRefusedError(
          charged ? 'payment.already_paid' : 'payment.pending_review',
          `payment ${live.id} ${live.state}`,
        ),
      );
    }
    if (o.ledger.inPaidList(ref.reciboKey)) {
      return refused(new PaymentRefusedError('payment.already_paid', 'in the paid-recibo list from central'));
    }
    const offline = !o.isCentralReachable();
    if (offline) {
      const refusal = checkOfflineRules(o.offline, {
        amountCents,
        now: started,
        paidListAsOf: o.ledger.paidListAsOf(),
        unsyncedPayments: o.ledger.unsyncedChargedCount(),
      });
      if (refusal !== undefined) return refused(refusal);
    }

    const id = o.newId();
    o.onStep?.('before_create', id);
    let p = o.ledger.create({ ...ref, id, amountCents, csv: generateCsv(o.randomBytes), offline }, o.now());
    o.onStep?.('after_create', id);
    p = o.ledger.transition(id, ['created'], 'sent_to_terminal', o.now()) ?? p;
    o.onStep?.('after_sent', id);

    this.#current = p;
    const stopWatching = o.terminal.onEvent(() => {
      stopWatching();
      o.onStep?.('terminal_working', id);
    });
    let outcome: Awaited<ReturnType<PaymentTerminal['pay']>>;
    try {
      outcome = await o.terminal.pay(amountCents, id);
    } finally {
      stopWatching();
      this.#current = undefined;
    }
    o.onStep?.('terminal_returned', id);

    const now = o.now();
    switch (outcome.kind) {
      case 'approved':
        p =
          o.ledger.transition(id, ['sent_to_terminal'], 'approved', now, {
            terminal: factsOf(outcome.transaction),
          }) ??
          o.ledger.get(id) ??
          p;
        break;
      case 'declined':
        p =
          o.ledger.transition(id, ['sent_to_terminal'], 'declined', now, {
            refusalCode: outcome.refusal.providerCode,
          }) ??
          o.ledger.get(id) ??
          p;
        break;
      case 'not_started':
        p =
          o.ledger.transition(id, ['sent_to_terminal'], 'cancelled', now, {
            refusalCode: outcome.refusal.providerCode,
          }) ??
          o.ledger.get(id) ??
          p;
        break;
      case 'unknown': {
        const current = o.ledger.get(id) ?? p;
        if (current.state === 'sent_to_terminal') {
          p =
            o.ledger.transition(id, ['sent_to_terminal'], 'unknown', now, {
              detail: `${outcome.reason}: ${outcome.detail}`,
            }) ?? current;
          p = await settleFromLastTransaction(o, p);
        } else {
          p = current;
        }
        break;
      }
    }
    if (p.state === 'approved') {
      const booked = outcome.kind === 'approved' ? outcome.transaction.amountCents : undefined;
      p = await afterApproval(o, p, amountCents, booked);
    }
    return this.#result(
      p,
      outcome.kind === 'declined' || outcome.kind === 'not_started' ? outcome.refusal.message : undefined,
    );
  }

  #result(p: PaymentRow, refusalText: string | undefined): PaymentResult {
    switch (p.state) {
      case 'justificante_printed':
      case 'synced':
        return { kind: 'paid', payment: p, justificante: 'printed', csv: p.csv, message: MESSAGES.paid };
      case 'justificante_failed':
        return {
          kind: 'paid',
          payment: p,
          justificante: 'not_printed',
          csv: p.csv,
          message: justificanteLaterMessage(p, this.#o.justificante.verificationUrl),
        };
      case 'declined':
      case 'cancelled':
        return {
          kind: 'not_charged',
          payment: p,
          message:
            refusalText === undefined ? MESSAGES.not_charged : `${refusalText} ${MESSAGES.not_charged}`,
        };
      case 'reversed':
        return { kind: 'reversed', payment: p, message: MESSAGES.reversed };
      case 'needs_attention':
        return { kind: 'needs_attention', payment: p, message: MESSAGES.needs_attention };
      default:
        return { kind: 'outcome_unknown', payment: p, message: MESSAGES.outcome_unknown };
    }
  }
}

function refused(refusal: PaymentRefusedError): PaymentResult {
  return { kind: 'refused', refusal };
}
