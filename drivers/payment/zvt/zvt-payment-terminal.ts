/**
 * {@link PaymentTerminal} over ZVT: builds the commands, runs them with {@link runExchange} over a
 * {@link ZvtLink}, and maps what the PT said to protocol-free outcomes. The mapping is conservative
 * (docs/zvt.md §6): approved only on a `04 0F` with result `00`; declined only when the PT ended the
 * command saying so; everything else in which the PT may have taken money is `unknown`.
 */
import type {
  AbortOutcome,
  CardTransaction,
  DiagnosisOutcome,
  EndOfDayOutcome,
  LastTransactionOutcome,
  NotStarted,
  OutcomeUnknown,
  PaymentOutcome,
  PaymentTerminal,
  PaymentTerminalEvent,
  ReceiptText,
  RefundOutcome,
  Refusal,
  ReversalOutcome,
  TerminalStatus,
} from '../payment-terminal.ts';
import { type ZvtApdu, POSITIVE_ACK } from './apdu.ts';
import {
  CURRENCY_EUR,
  KIOSK_REGISTRATION_CONFIG,
  abortCommand,
  authorization,
  diagnosis,
  endOfDay,
  registration,
  refund,
  repeatReceipt,
  reversal,
  statusEnquiry,
} from './commands.ts';
import type { PtMessage, StatusInformation } from './pt-messages.ts';
import { describeResultCode } from './result-codes.ts';
import { type ExchangeResult, type Printout, type ZvtLink, runExchange } from './session.ts';

export interface ZvtPaymentTerminalOptions {
  readonly link: ZvtLink;
  readonly now: () => number;
  /** PT password, 6 digits (often `000000`). */
  readonly password: string;
  readonly currency?: number;
  /** Registration config byte; default `BA` (docs/zvt.md §3). */
  readonly registrationConfig?: number;
  readonly ackTimeoutMs?: number;
  /** Longest wait for the end of a payment (T4). */
  readonly completionTimeoutMs?: number;
  /** Send our reference in BMP 3C with the payment; only for terminals known to accept it. */
  readonly sendReference?: boolean;
  /**
   * Called with every `04 0F` before we acknowledge it: journal it durably here (docs/zvt.md §6). If it
   * throws, nothing is acknowledged and the error propagates to the caller of the running command.
   */
  readonly journalStatusInformation?: (info: StatusInformation) => Promise<void>;
}

const refusalOf = (code: number): Refusal => ({
  providerCode: `zvt:${code.toString(16).toUpperCase().padStart(2, '0')}`,
  message: describeResultCode(code).text,
});

type CounterBooking<K extends 'reversed' | 'refunded'> =
  | { kind: K; transaction: CardTransaction; receipt: ReceiptText[] }
  | { kind: 'refused'; refusal: Refusal }
  | NotStarted
  | OutcomeUnknown;

/** A completion whose last status information carries a result other than approved. */
const refusalIn = (info: StatusInformation | undefined): Refusal | undefined =>
  info?.resultCode !== undefined && !info.approved ? refusalOf(info.resultCode) : undefined;

const BUSY: Refusal = {
  providerCode: 'zvt:busy',
  message: 'El terminal de pago está ocupado con otra operación.',
};

export class ZvtPaymentTerminal implements PaymentTerminal {
  readonly #o: ZvtPaymentTerminalOptions;
  readonly #listeners = new Set<(event: PaymentTerminalEvent) => void>();
  #running = false;

  constructor(options: ZvtPaymentTerminalOptions) {
    this.#o = options;
  }

  onEvent(listener: (event: PaymentTerminalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `06 00` Registration, needed once after the PT starts (not part of {@link PaymentTerminal}). */
  async register(): Promise<ExchangeResult | 'busy'> {
    return this.#exchange(
      registration({
        password: this.#o.password,
        config: this.#o.registrationConfig ?? KIOSK_REGISTRATION_CONFIG,
        currency: this.#currency(),
      }),
    );
  }

  async pay(amountCents: number, reference: string): Promise<PaymentOutcome> {
    const command = authorization({
      amountCents,
      currency: this.#currency(),
      ...(this.#o.sendReference ? { additionalText: reference } : {}),
    });
    const r = await this.#exchange(command);
    if (r === 'busy') return { kind: 'not_started', refusal: BUSY };
    switch (r.kind) {
      case 'rejected':
        return { kind: 'not_started', refusal: refusalOf(r.code) };
      case 'timeout':
      case 'link_lost':
        return unknown(r);
      case 'completed':
      case 'aborted': {
        const info = r.statusInformation.at(-1);
        const receipt = receipts(r.printouts);
        if (r.kind === 'completed' && info?.approved) {
          return { kind: 'approved', transaction: this.#transaction(info, amountCents), receipt };
        }
        if (r.kind === 'aborted' && !r.statusInformation.some((i) => i.approved)) {
          return { kind: 'declined', refusal: refusalOf(r.abort.resultCode), receipt };
        }
        if (r.kind === 'completed' && info?.resultCode !== undefined && r.unreadable.length === 0) {
          return { kind: 'declined', refusal: refusalOf(info.resultCode), receipt };
        }
        return {
          kind: 'unknown',
          reason: r.unreadable.length > 0 ? 'unreadable_answer' : 'no_result',
          detail: `${r.kind} with ${r.statusInformation.length} status info(s), ${r.unreadable.length} unreadable`,
        };
      }
    }
  }

  reverse(receiptNumber: number): Promise<ReversalOutcome> {
    return this.#counterBooking(reversal({ password: this.#o.password, receiptNumber }), 'reversed');
  }

  refund(amountCents: number): Promise<RefundOutcome> {
    return this.#counterBooking(
      refund({ password: this.#o.password, amountCents, currency: this.#currency() }),
      'refunded',
    );
  }

  /** Reversal and refund: a booking against an earlier payment, approved or refused by the terminal. */
  #counterBooking<K extends 'reversed' | 'refunded'>(command: ZvtApdu, kind: K): Promise<CounterBooking<K>> {
    return this.#command<CounterBooking<K>>(
      command,
      (refusal) => ({ kind: 'refused', refusal }),
      (r) => {
        const info = r.statusInformation.at(-1);
        if (info?.approved) {
          return { kind, transaction: this.#transaction(info, 0), receipt: receipts(r.printouts) };
        }
        if (info?.resultCode !== undefined) return { kind: 'refused', refusal: refusalOf(info.resultCode) };
        return {
          kind: 'unknown',
          reason: 'no_result',
          detail: `${kind} completed without status information`,
        };
      },
    );
  }

  /**
   * One command whose outcome is read the same way up to its completion: busy or refused at once → not
   * started; no answer or link lost → unknown; aborted by the terminal and completed → as the caller says.
   */
  async #command<T>(
    apdu: ZvtApdu,
    aborted: (refusal: Refusal) => T,
    completed: (r: Extract<ExchangeResult, { kind: 'completed' }>) => T,
  ): Promise<T | NotStarted | OutcomeUnknown> {
    const r = await this.#exchange(apdu);
    if (r === 'busy') return { kind: 'not_started', refusal: BUSY };
    switch (r.kind) {
      case 'rejected':
        return { kind: 'not_started', refusal: refusalOf(r.code) };
      case 'timeout':
      case 'link_lost':
        return unknown(r);
      case 'aborted':
        return aborted(refusalOf(r.abort.resultCode));
      case 'completed':
        return completed(r);
    }
  }

  lastTransaction(): Promise<LastTransactionOutcome> {
    return this.#command<LastTransactionOutcome>(
      repeatReceipt(this.#o.password),
      (refusal) => ({ kind: 'not_available', refusal }),
      (r) => {
        const info = r.statusInformation.at(-1);
        const receipt = receipts(r.printouts);
        if (info === undefined && receipt.length === 0) return { kind: 'not_available' };
        return info === undefined
          ? { kind: 'found', receipt }
          : { kind: 'found', transaction: this.#transaction(info, 0), approved: info.approved, receipt };
      },
    );
  }

  endOfDay(): Promise<EndOfDayOutcome> {
    return this.#command<EndOfDayOutcome>(
      endOfDay(this.#o.password),
      (refusal) => ({ kind: 'refused', refusal }),
      (r) => {
        const info = r.statusInformation.at(-1);
        const refused = refusalIn(info);
        if (refused) return { kind: 'refused', refusal: refused };
        const totals = info?.totals;
        return {
          kind: 'closed',
          ...(info?.amountCents === undefined ? {} : { totalCents: info.amountCents }),
          ...(totals === undefined
            ? {}
            : { firstReceiptNumber: totals.firstReceiptNumber, lastReceiptNumber: totals.lastReceiptNumber }),
          schemes: (totals?.groups ?? []).map((g) => ({
            scheme: g.group,
            count: g.count,
            totalCents: g.totalCents,
          })),
          receipt: receipts(r.printouts),
        };
      },
    );
  }

  diagnose(): Promise<DiagnosisOutcome> {
    return this.#command<DiagnosisOutcome>(
      diagnosis(),
      (refusal) => ({ kind: 'refused', refusal }),
      (r) => {
        const refused = refusalIn(r.statusInformation.at(-1));
        return refused
          ? { kind: 'refused', refusal: refused }
          : { kind: 'done', receipt: receipts(r.printouts) };
      },
    );
  }

  async status(): Promise<TerminalStatus> {
    const r = await this.#exchange(statusEnquiry({ password: this.#o.password }));
    if (r === 'busy') return { kind: 'not_ready', refusal: BUSY };
    switch (r.kind) {
      case 'rejected':
        return { kind: 'not_ready', refusal: refusalOf(r.code) };
      case 'timeout':
      case 'link_lost':
        return { kind: 'unreachable', detail: `${r.kind} (${r.phase})` };
      case 'aborted':
        return { kind: 'not_ready', refusal: refusalOf(r.abort.resultCode) };
      case 'completed': {
        const c = r.completion;
        const softwareVersion = 'softwareVersion' in c ? c.softwareVersion : undefined;
        const terminalStatus = 'terminalStatus' in c ? c.terminalStatus : undefined;
        const sw = softwareVersion === undefined ? {} : { softwareVersion };
        if (terminalStatus !== undefined && terminalStatus !== 0) {
          return { kind: 'not_ready', refusal: refusalOf(terminalStatus), ...sw };
        }
        return { kind: 'ready', ...sw };
      }
    }
  }

  async abort(): Promise<AbortOutcome> {
    if (!this.#running) return { kind: 'nothing_running' };
    try {
      await this.#o.link.send(abortCommand());
      return { kind: 'requested' };
    } catch {
      return {
        kind: 'refused',
        refusal: { providerCode: 'zvt:link', message: 'No se ha podido enviar la cancelación al terminal.' },
      };
    }
  }

  #currency(): number {
    return this.#o.currency ?? CURRENCY_EUR;
  }

  async #exchange(command: ZvtApdu): Promise<ExchangeResult | 'busy'> {
    if (this.#running) return 'busy';
    this.#running = true;
    try {
      const journal = this.#o.journalStatusInformation;
      return await runExchange(this.#o.link, command, {
        now: this.#o.now,
        ...(this.#o.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: this.#o.ackTimeoutMs }),
        ...(this.#o.completionTimeoutMs === undefined
          ? {}
          : { completionTimeoutMs: this.#o.completionTimeoutMs }),
        onMessage: (m) => this.#emit(m),
        answerStatusInformation: async (info) => {
          if (journal !== undefined) await journal(info);
          return POSITIVE_ACK;
        },
      });
    } finally {
      this.#running = false;
    }
  }

  #emit(message: PtMessage): void {
    let event: PaymentTerminalEvent | undefined;
    if (message.kind === 'intermediate_status') {
      event = { type: 'display', text: message.status.text, prompt: message.status.prompt };
    } else if (message.kind === 'print_line') {
      event = { type: 'print_line', text: message.line.text, lastLine: message.line.lastLine };
    } else if (message.kind === 'print_text_block') {
      event = {
        type: 'receipt',
        receipt: { copy: message.block.receiptType ?? 'unspecified', lines: message.block.lines },
      };
    }
    if (event === undefined) return;
    for (const listener of this.#listeners) listener(event);
  }

  #transaction(info: StatusInformation, requestedCents: number): CardTransaction {
    const dateTime = terminalDateTime(info);
    return {
      amountCents: info.amountCents ?? requestedCents,
      currency: info.currency ?? this.#currency(),
      ...optional('receiptNumber', info.receiptNumber),
      ...optional('traceNumber', info.traceNumber),
      ...optional('authorisationCode', info.authorisationCode),
      ...optional('terminalId', info.terminalId),
      ...optional('cardName', info.cardName),
      ...optional('maskedPan', info.maskedPan),
      ...optional('terminalDateTime', dateTime),
    };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function unknown(r: { kind: 'timeout' | 'link_lost'; phase: 'ack' | 'completion' }) {
  return {
    kind: 'unknown',
    reason: r.kind === 'timeout' ? 'timeout' : 'link_lost',
    detail: `${r.kind} while waiting for the ${r.phase === 'ack' ? 'command ack' : 'end of the command'}`,
  } as const;
}

/** `YYYY-MM-DDTHH:MM:SS` from BMP AA + 0C, or `--MM-DDTHH:MM:SS` from 0D + 0C (the PT sent no year). */
function terminalDateTime(info: StatusInformation): string | undefined {
  const t = info.time;
  const time = t === undefined ? '' : `T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
  if (info.dateYymmdd !== undefined) {
    const d = info.dateYymmdd;
    return `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}${time}`;
  }
  if (info.date !== undefined) return `--${info.date.slice(0, 2)}-${info.date.slice(2, 4)}${time}`;
  return undefined;
}

/** Print blocks as they are; loose print lines grouped into receipts at each last-line mark. */
function receipts(printouts: readonly Printout[]): ReceiptText[] {
  const out: ReceiptText[] = [];
  let lines: string[] = [];
  for (const p of printouts) {
    if (p.kind === 'block') {
      out.push({ copy: p.block.receiptType ?? 'unspecified', lines: p.block.lines });
      continue;
    }
    if (p.line.lineFeeds !== undefined) for (let i = 0; i < p.line.lineFeeds; i++) lines.push('');
    else lines.push(p.line.text);
    if (p.line.lastLine) {
      out.push({ copy: 'unspecified', lines });
      lines = [];
    }
  }
  if (lines.length > 0) out.push({ copy: 'unspecified', lines });
  return out;
}
