/**
 * What core needs from a card payment terminal, whatever the protocol behind it (ZVT today; nexo, Redsys
 * or a REST service later — docs/zvt.md §8). No ZVT types here.
 *
 * The rule that shapes every result: when we cannot know whether money moved (a timeout, a dropped link,
 * a crash mid-command), the result is `unknown`, never `declined`. Core journals the intent before calling
 * `pay` and reconciles `unknown` outcomes (lastTransaction, End-of-Day report, or a person).
 */

/** A card payment the terminal approved (or a reversal/refund it booked). */
export interface CardTransaction {
  readonly amountCents: number;
  /** ISO 4217 numeric (978 = EUR). */
  readonly currency: number;
  /** Terminal receipt number: the key to reverse this payment. */
  readonly receiptNumber?: number;
  readonly traceNumber?: number;
  readonly authorisationCode?: string;
  readonly terminalId?: string;
  /** Card scheme / product as the terminal names it (e.g. "Visa", "Mastercard"). */
  readonly cardName?: string;
  /** PAN as the terminal sends it: masked, with `*` for hidden digits. Never store an unmasked PAN. */
  readonly maskedPan?: string;
  /** Terminal's own clock as sent (it may lack the year): ISO-like `YYYY-MM-DDTHH:MM:SS` or partial. */
  readonly terminalDateTime?: string;
}

/** Why the terminal refused; `providerCode` is the protocol's own code for technicians (e.g. "zvt:6C"). */
export interface Refusal {
  readonly providerCode: string;
  /** Spanish text for the person at the kiosk. */
  readonly message: string;
}

export type UnknownReason =
  /** No final answer within the time limit. */
  | 'timeout'
  /** The link dropped while the terminal was working. */
  | 'link_lost'
  /** The terminal answered something we could not read. */
  | 'unreadable_answer'
  /** The terminal finished without saying whether the payment was approved. */
  | 'no_result';

/** The outcome cannot be known from here: the payment may have gone through. Reconcile, never retry blindly. */
export interface OutcomeUnknown {
  readonly kind: 'unknown';
  readonly reason: UnknownReason;
  /** For the technician. */
  readonly detail: string;
}

/** The command never started (terminal busy, not registered, not connected): certainly no money moved. */
export interface NotStarted {
  readonly kind: 'not_started';
  readonly refusal: Refusal;
}

export type PaymentOutcome =
  | {
      readonly kind: 'approved';
      readonly transaction: CardTransaction;
      readonly receipt: readonly ReceiptText[];
    }
  /** The terminal says no money was taken (card declined, customer cancelled, timeout on the terminal). */
  | { readonly kind: 'declined'; readonly refusal: Refusal; readonly receipt: readonly ReceiptText[] }
  | NotStarted
  | OutcomeUnknown;

export type ReversalOutcome =
  | {
      readonly kind: 'reversed';
      readonly transaction: CardTransaction;
      readonly receipt: readonly ReceiptText[];
    }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | NotStarted
  | OutcomeUnknown;

/** A refund of an earlier payment (after End-of-Day, when a reversal is no longer possible). */
export type RefundOutcome =
  | {
      readonly kind: 'refunded';
      readonly transaction: CardTransaction;
      readonly receipt: readonly ReceiptText[];
    }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | NotStarted
  | OutcomeUnknown;

/** What the terminal can tell about its last transaction (terminal-dependent; docs/zvt.md §6 step 2). */
export type LastTransactionOutcome =
  | {
      readonly kind: 'found';
      /** Present when the terminal sent structured data; else only the receipt text is there. */
      readonly transaction?: CardTransaction;
      readonly approved?: boolean;
      readonly receipt: readonly ReceiptText[];
    }
  | { readonly kind: 'not_available'; readonly refusal?: Refusal }
  | NotStarted
  | OutcomeUnknown;

export interface SchemeTotal {
  readonly scheme: string;
  readonly count: number;
  readonly totalCents: number;
}

export type EndOfDayOutcome =
  | {
      readonly kind: 'closed';
      readonly totalCents?: number;
      readonly firstReceiptNumber?: number;
      readonly lastReceiptNumber?: number;
      readonly schemes: readonly SchemeTotal[];
      readonly receipt: readonly ReceiptText[];
    }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | NotStarted
  | OutcomeUnknown;

export type TerminalStatus =
  | { readonly kind: 'ready'; readonly softwareVersion?: string; readonly terminalId?: string }
  | { readonly kind: 'not_ready'; readonly refusal: Refusal; readonly softwareVersion?: string }
  | { readonly kind: 'unreachable'; readonly detail: string };

/** The terminal's self-check and its link to the acquirer (ZVT Diagnosis), with what it printed. */
export type DiagnosisOutcome =
  | { readonly kind: 'done'; readonly receipt: readonly ReceiptText[] }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | NotStarted
  | OutcomeUnknown;

export type AbortOutcome =
  /** The terminal accepted the request; the running command's own result still says how it ended. */
  | { readonly kind: 'requested' }
  | { readonly kind: 'nothing_running' }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export type ReceiptCopy = 'merchant' | 'customer' | 'administration' | 'unspecified';

export interface ReceiptText {
  readonly copy: ReceiptCopy;
  readonly lines: readonly string[];
}

/** Progress while a command runs. */
export type PaymentTerminalEvent =
  | {
      readonly type: 'display';
      /** Spanish text the kiosk may show ("Inserte o acerque la tarjeta", "Introduzca el PIN", ...). */
      readonly text: string;
      readonly prompt: 'present_card' | 'enter_pin' | 'remove_card' | 'wait' | 'choose' | 'problem' | 'info';
    }
  | { readonly type: 'print_line'; readonly text: string; readonly lastLine: boolean }
  | { readonly type: 'receipt'; readonly receipt: ReceiptText };

export interface PaymentTerminal {
  /**
   * Charges `amountCents` (integer cents, EUR). `reference` is our own id for the journal and, if the
   * terminal supports it, the receipt.
   */
  pay(amountCents: number, reference: string): Promise<PaymentOutcome>;
  /** Voids an approved payment by its terminal receipt number (before End-of-Day). */
  reverse(receiptNumber: number): Promise<ReversalOutcome>;
  /** Pays `amountCents` back to a card (needs the card and the terminal's refund permission). */
  refund(amountCents: number): Promise<RefundOutcome>;
  /** Asks the terminal for the last transaction (to settle an `unknown` outcome). */
  lastTransaction(): Promise<LastTransactionOutcome>;
  /** Closes the day's batch and returns the totals. */
  endOfDay(): Promise<EndOfDayOutcome>;
  status(): Promise<TerminalStatus>;
  /** Runs the terminal's diagnosis (self-test, host connection); for the technician. */
  diagnose(): Promise<DiagnosisOutcome>;
  /** Asks the terminal to stop the running command; the command's own promise carries the result. */
  abort(): Promise<AbortOutcome>;
  /** Subscribes to progress; returns the unsubscribe function. */
  onEvent(listener: (event: PaymentTerminalEvent) => void): () => void;
}
