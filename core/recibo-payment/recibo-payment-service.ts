/**
 * The recibo payment as the citizen meets it (issue 7 §1, §4, §5): a scanned or typed recibo is
 * checked and shown, then paid once on the card terminal through the `PaymentRunner` (which commits
 * each state before the next device call), with the terminal's own texts passed on as progress.
 *
 * One payment at a time. A ticket names a checked recibo; paying the same ticket again (a second tap,
 * a reconnecting screen) returns the same payment, never a second charge. Start-up recovery runs
 * before the first payment and again every `recoveryIntervalMs` while a payment stays unresolved.
 */
import type { PaymentTerminal, PaymentTerminalEvent } from '../../drivers/payment/payment-terminal.ts';
import type {
  ReciboCheck,
  ReciboPaymentProgress,
  ReciboPaymentResult,
  ReciboRefusalReason,
  ReciboView,
} from '../api/contract.ts';
import {
  checkOfflineRules,
  formatCsv,
  type JustificanteContext,
  type JustificantePrinter,
  type OfflineLimits,
  type PaymentLedger,
  type PaymentRefusalCode,
  type PaymentRow,
  PaymentRunner,
  type RecoveryEntry,
  recoverPayments,
  reciboRef,
} from '../payments/index.ts';
import {
  formatIsoDate,
  MoneyError,
  type ReciboBarcode,
  type ReciboContext,
  ReciboError,
  type ReciboErrorCode,
  readManualRecibo,
  readReciboBarcode,
} from '../recibos/index.ts';
import { todayIn } from './today.ts';

export type ReciboInput =
  | { readonly barcode: string }
  | {
      readonly emisora: string;
      readonly referencia: string;
      readonly identificacion: string;
      readonly importe: string;
    };

export interface ReciboPaymentServiceOptions {
  readonly ledger: PaymentLedger;
  readonly terminal: PaymentTerminal;
  /** Runs a task on the terminal after its other commands (the terminal takes one at a time). */
  readonly exclusive: <T>(what: string, task: () => Promise<T>) => Promise<T>;
  readonly printer?: JustificantePrinter | undefined;
  readonly justificante: JustificanteContext;
  readonly emisoras: readonly string[];
  readonly offline: OfflineLimits;
  readonly isCentralReachable: () => boolean;
  readonly paidElsewhere: (p: PaymentRow) => boolean;
  /** Asked after an approval so central hears of it at once. */
  readonly syncNow: () => void;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly onProgress?: (progress: ReciboPaymentProgress) => void;
  /** Told of every recovery decision (the kiosk's log). */
  readonly onRecovery?: (entries: readonly RecoveryEntry[]) => void;
  readonly onError?: (what: string, error: unknown) => void;
  /**
   * Told after a payment or a recovery ended, whatever its outcome: the audit chain records the
   * ledger's new states then (AuditLog.recordPayments reads them from the ledger, so nothing is lost
   * if this is never called before a crash).
   */
  readonly onSettled?: () => void;
  readonly recoveryIntervalMs?: number;
}

const RECIBO_REASONS: Record<ReciboErrorCode, ReciboRefusalReason> = {
  'recibo.barcode_invalid': 'codigo_no_valido',
  'recibo.format_unsupported': 'recibo_no_admitido',
  'recibo.field_invalid': 'datos_no_validos',
  'recibo.referencia_control_mismatch': 'control_no_coincide',
  'recibo.identificacion_invalid': 'datos_no_validos',
  'recibo.emisora_not_accepted': 'emisora_no_admitida',
  'recibo.expired': 'fuera_de_plazo',
  'recibo.importe_zero': 'importe_cero',
};

const PAYMENT_REASONS: Record<PaymentRefusalCode, ReciboRefusalReason> = {
  'payment.recibo_invalid': 'datos_no_validos',
  'payment.already_paid': 'ya_pagado',
  'payment.pending_review': 'pendiente_de_revision',
  'payment.previous_unresolved': 'pago_anterior_pendiente',
  'payment.offline_amount_limit': 'sin_conexion_importe',
  'payment.offline_count_limit': 'sin_conexion_numero_pagos',
  'payment.offline_paid_list_stale': 'sin_conexion_lista_pagados',
};

/** Checked recibos kept for `recibo.pay`; a screen shows one at a time, so a few are plenty. */
const MAX_TICKETS = 32;

type ManualField = 'emisora' | 'referencia' | 'identificacion' | 'importe';
const MANUAL_FIELDS: readonly string[] = ['emisora', 'referencia', 'identificacion', 'importe'];

export class ReciboPaymentService {
  readonly #o: ReciboPaymentServiceOptions;
  readonly #runner: PaymentRunner;
  readonly #tickets = new Map<string, ReciboBarcode>();
  readonly #payments = new Map<string, Promise<ReciboPaymentResult>>();
  #running: string | undefined;
  #recovering: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: ReciboPaymentServiceOptions) {
    this.#o = options;
    this.#runner = new PaymentRunner({
      ledger: options.ledger,
      terminal: options.terminal,
      printer: options.printer,
      justificante: options.justificante,
      now: options.now,
      newId: options.newId,
      randomBytes: options.randomBytes,
      reciboContext: (now) => this.#context(now),
      offline: options.offline,
      isCentralReachable: options.isCentralReachable,
      paidElsewhere: options.paidElsewhere,
    });
  }

  /** For the terminal's 04 0F hook: the approval is committed before the driver acknowledges it. */
  journalStatusInformation: PaymentRunner['journalStatusInformation'] = (info) =>
    this.#runner.journalStatusInformation(info);

  /** Resolves what a crash left behind now, and again periodically while anything stays unresolved. */
  start(): void {
    if (this.#o.ledger.unresolved().length > 0) void this.recover();
    this.#timer = setInterval(() => {
      if (this.#o.ledger.unresolved().length > 0) void this.recover();
    }, this.#o.recoveryIntervalMs ?? 60_000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#recovering;
    await Promise.allSettled([...this.#payments.values()]);
  }

  /** Start-up recovery (core/payments README, decision table); concurrent callers share one run. */
  recover(): Promise<void> {
    this.#recovering ??= this.#o
      .exclusive('payment recovery', () =>
        recoverPayments({
          ledger: this.#o.ledger,
          terminal: this.#o.terminal,
          printer: this.#o.printer,
          justificante: this.#o.justificante,
          now: this.#o.now,
          paidElsewhere: this.#o.paidElsewhere,
        }),
      )
      .then(
        (entries) => {
          if (entries.length > 0) this.#o.onRecovery?.(entries);
        },
        (error: unknown) => this.#o.onError?.('payment recovery', error),
      )
      .finally(() => {
        this.#recovering = null;
        this.#settled();
      });
    return this.#recovering;
  }

  /** Reads and checks a recibo; refuses before the card is touched, as `pay` would. */
  check(input: ReciboInput): ReciboCheck {
    let recibo: ReciboBarcode;
    try {
      const context = this.#context(this.#o.now());
      recibo =
        'barcode' in input ? readReciboBarcode(input.barcode, context) : readManualRecibo(input, context);
    } catch (error) {
      if (error instanceof ReciboError) {
        const field = error.field !== undefined && MANUAL_FIELDS.includes(error.field) ? error.field : null;
        return { ok: false, reason: RECIBO_REASONS[error.code], field: field as ManualField | null };
      }
      if (error instanceof MoneyError) return { ok: false, reason: 'datos_no_validos', field: 'importe' };
      throw error;
    }
    const refusal = this.#refusal(recibo);
    if (refusal !== undefined) return { ok: false, reason: refusal, field: null };
    const ticket = this.#o.newId();
    this.#tickets.set(ticket, recibo);
    while (this.#tickets.size > MAX_TICKETS) {
      const oldest = this.#tickets.keys().next().value;
      if (oldest === undefined) break;
      this.#tickets.delete(oldest);
      this.#payments.delete(oldest);
    }
    return { ok: true, recibo: viewOf(ticket, recibo) };
  }

  /** Pays a checked recibo once: a repeated call with the same ticket gets the same payment. */
  pay(ticket: string): Promise<ReciboPaymentResult> {
    const existing = this.#payments.get(ticket);
    if (existing !== undefined) return existing;
    const recibo = this.#tickets.get(ticket);
    if (recibo === undefined) {
      return Promise.resolve({ outcome: 'refused', ticket, reason: 'recibo_no_consultado' });
    }
    if (this.#running !== undefined || this.#recovering !== null) {
      return Promise.resolve({ outcome: 'refused', ticket, reason: 'cajero_ocupado' });
    }
    this.#running = ticket;
    const payment = this.#payNow(ticket, recibo).finally(() => {
      this.#running = undefined;
      this.#settled();
    });
    this.#payments.set(ticket, payment);
    return payment;
  }

  #settled(): void {
    try {
      this.#o.onSettled?.();
    } catch (error) {
      this.#o.onError?.('settled hook', error);
    }
  }

  async #payNow(ticket: string, recibo: ReciboBarcode): Promise<ReciboPaymentResult> {
    const o = this.#o;
    const result = await o.exclusive('recibo payment', async () => {
      const stop = o.terminal.onEvent((event: PaymentTerminalEvent) => {
        if (event.type === 'display') o.onProgress?.({ ticket, prompt: event.prompt, text: event.text });
      });
      try {
        return await this.#runner.pay(recibo);
      } finally {
        stop();
      }
    });
    switch (result.kind) {
      case 'refused':
        // A refusal leaves nothing behind: the same ticket may be tried again (e.g. once online).
        this.#payments.delete(ticket);
        return { outcome: 'refused', ticket, reason: PAYMENT_REASONS[result.refusal.code] };
      case 'paid':
        o.syncNow();
        return {
          outcome: 'approved',
          ticket,
          importeCents: result.payment.amountCents,
          csv: formatCsv(result.csv),
          justificantePrinted: result.justificante === 'printed',
          verificationUrl: o.justificante.verificationUrl,
        };
      case 'not_charged':
      case 'reversed':
        if (result.kind === 'reversed') o.syncNow();
        return {
          outcome: 'declined',
          ticket,
          reversed: result.kind === 'reversed',
          terminalText: result.kind === 'not_charged' ? terminalTextOf(result.message) : null,
        };
      case 'outcome_unknown':
      case 'needs_attention':
        o.syncNow();
        return { outcome: 'unknown', ticket, reviewByMunicipality: result.kind === 'needs_attention' };
    }
  }

  #refusal(recibo: ReciboBarcode): ReciboRefusalReason | undefined {
    const { ledger } = this.#o;
    const key = reciboRef(recibo).reciboKey;
    const live = ledger.liveForRecibo(key);
    if (live !== undefined) {
      return live.state === 'unknown' || live.state === 'needs_attention' || live.state === 'sent_to_terminal'
        ? 'pendiente_de_revision'
        : 'ya_pagado';
    }
    if (ledger.inPaidList(key)) return 'ya_pagado';
    if (!this.#o.isCentralReachable()) {
      const refusal = checkOfflineRules(this.#o.offline, {
        amountCents: recibo.importeCents,
        now: this.#o.now(),
        paidListAsOf: ledger.paidListAsOf(),
        unsyncedPayments: ledger.unsyncedChargedCount(),
      });
      if (refusal !== undefined) return PAYMENT_REASONS[refusal.code];
    }
    return undefined;
  }

  #context(now: Date): ReciboContext {
    return { acceptedEmisoras: this.#o.emisoras, today: todayIn(now, this.#o.justificante.timeZone) };
  }
}

/** A parsed recibo as the screen shows it, named by `ticket`. */
export function viewOf(ticket: string, r: ReciboBarcode): ReciboView {
  return {
    ticket,
    modalidad: r.modalidad,
    tributo: r.tributo,
    ejercicio: r.ejercicio,
    emisora: r.emisora,
    referencia: `${r.referencia}${r.referenciaControl}`,
    identificacion: r.identificacion,
    importeCents: r.importeCents,
    fechaLimite: r.modalidad === 2 ? formatIsoDate(r.fechaLimite) : null,
  };
}

/** The runner's message starts with the terminal's own refusal text when there is one. */
function terminalTextOf(message: string): string | null {
  const marker = message.indexOf('El pago no se ha realizado');
  const text = marker > 0 ? message.slice(0, marker).trim() : '';
  return text === '' ? null : text.slice(0, 300);
}
