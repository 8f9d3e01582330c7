/**
 * The simulated terminal's own journal: every booked transaction of the open day (batch), the counters
 * (trace, receipt, turnover numbers), the last transaction for Repeat receipt, and the closed batches.
 * It is the reference the kiosk's reconciliation is tested against. Pure state: persistence is a callback.
 */
import type {
  LocalDateTime,
  SingleTotals,
  StatusInformation,
  TotalsGroup,
  TotalsGroupName,
} from './pt-messages.ts';
import { TOTALS_GROUPS } from './pt-messages.ts';

export type JournalEntryKind = 'payment' | 'reversal' | 'refund';

export interface JournalEntry {
  readonly kind: JournalEntryKind;
  readonly receiptNo: number;
  readonly traceNo: number;
  readonly turnoverNo: number;
  readonly amountCents: number;
  readonly cardType: number;
  readonly cardName: string;
  readonly pan: string;
  readonly authCode: string;
  /** ISO instant from the simulator's clock. */
  readonly at: string;
  readonly local: LocalDateTime;
  /** Payments only: reversed later in the same day (by 06 30, or automatically after 84 66 from the ECR). */
  readonly reversed: boolean;
  /** Reversals only: the payment they cancel. */
  readonly reversesReceiptNo?: number | undefined;
}

export interface AmountCount {
  readonly count: number;
  readonly cents: number;
}

export interface CardTypeTotals {
  readonly payments: AmountCount;
  readonly reversals: AmountCount;
  readonly refunds: AmountCount;
  /** payments − reversals − refunds. */
  readonly netCents: number;
}

export interface JournalTotals {
  /** Keyed by ZVT card type (BMP 8A) as a decimal string, e.g. '10' for Visa. */
  readonly byCardType: Readonly<Record<string, CardTypeTotals>>;
  readonly overall: CardTypeTotals;
  /** What End-of-Day reports in BMP 60: payments not reversed, per group (zvt.md §7). */
  readonly singleTotals: SingleTotals;
  /** What End-of-Day reports in BMP 04: payments not reversed minus refunds, never below 0. */
  readonly grandTotalCents: number;
}

/** The last transaction, repeated by 06 20. */
export interface LastTransaction {
  readonly kind: JournalEntryKind | 'end-of-day';
  readonly status: StatusInformation;
  readonly receiptLines: readonly string[];
}

export interface ClosedBatch {
  readonly closedAt: string;
  readonly traceNo: number;
  readonly totals: JournalTotals;
  readonly entries: readonly JournalEntry[];
}

export interface JournalState {
  readonly version: 1;
  readonly nextTraceNo: number;
  readonly nextReceiptNo: number;
  readonly nextTurnoverNo: number;
  readonly entries: readonly JournalEntry[];
  readonly last: LastTransaction | undefined;
  readonly closedBatches: readonly ClosedBatch[];
}

export const emptyJournalState = (): JournalState => ({
  version: 1,
  nextTraceNo: 1,
  nextReceiptNo: 1,
  nextTurnoverNo: 1,
  entries: [],
  last: undefined,
  closedBatches: [],
});

/** Card type (BMP 8A) to the BMP 60 group. Maestro counted with Mastercard, V PAY with Visa (assumption). */
export function totalsGroupOf(cardType: number): TotalsGroupName {
  switch (cardType) {
    case 5:
      return 'girocard';
    case 14:
      return 'jcb';
    case 6:
    case 46:
      return 'mastercard';
    case 8:
      return 'amex';
    case 10:
    case 11:
    case 13:
      return 'visa';
    case 12:
      return 'diners';
    default:
      return 'others';
  }
}

const ZERO: AmountCount = { count: 0, cents: 0 };
const add = (a: AmountCount, cents: number): AmountCount => ({ count: a.count + 1, cents: a.cents + cents });

function emptyCardTotals(): CardTypeTotals {
  return { payments: ZERO, reversals: ZERO, refunds: ZERO, netCents: 0 };
}

function addEntry(t: CardTypeTotals, e: JournalEntry): CardTypeTotals {
  const next = {
    payments: e.kind === 'payment' ? add(t.payments, e.amountCents) : t.payments,
    reversals: e.kind === 'reversal' ? add(t.reversals, e.amountCents) : t.reversals,
    refunds: e.kind === 'refund' ? add(t.refunds, e.amountCents) : t.refunds,
  };
  return { ...next, netCents: next.payments.cents - next.reversals.cents - next.refunds.cents };
}

/** Totals of a list of entries; pure, so tests can recompute what End-of-Day must report. */
export function computeTotals(entries: readonly JournalEntry[]): JournalTotals {
  const byCardType: Record<string, CardTypeTotals> = {};
  let overall = emptyCardTotals();
  const groups = Object.fromEntries(TOTALS_GROUPS.map((g) => [g, ZERO])) as Record<
    TotalsGroupName,
    TotalsGroup
  >;
  for (const e of entries) {
    const key = String(e.cardType);
    byCardType[key] = addEntry(byCardType[key] ?? emptyCardTotals(), e);
    overall = addEntry(overall, e);
    if (e.kind === 'payment' && !e.reversed) {
      const g = totalsGroupOf(e.cardType);
      groups[g] = add(groups[g], e.amountCents);
    }
  }
  const receiptNos = entries.map((e) => e.receiptNo);
  const live = entries
    .filter((e) => e.kind === 'payment' && !e.reversed)
    .reduce((n, e) => n + e.amountCents, 0);
  return {
    byCardType,
    overall,
    singleTotals: {
      firstReceiptNo: receiptNos.length ? Math.min(...receiptNos) : 0,
      lastReceiptNo: receiptNos.length ? Math.max(...receiptNos) : 0,
      ...groups,
    },
    grandTotalCents: Math.max(0, live - overall.refunds.cents),
  };
}

/** Counter wrap-around: trace numbers have 6 BCD digits, receipt numbers 4, turnover numbers 6. */
const wrap = (n: number, max: number): number => (n >= max ? 1 : n + 1);

export type ReversalCheck =
  | { readonly ok: true; readonly payment: JournalEntry }
  | { readonly ok: false; readonly resultCode: number };

export class Journal {
  #state: JournalState;
  readonly #onChange: (state: JournalState) => void;

  constructor(
    initial: JournalState = emptyJournalState(),
    onChange: (state: JournalState) => void = () => {},
  ) {
    this.#state = initial;
    this.#onChange = onChange;
  }

  /** Immutable view of the whole state (safe to keep: the journal replaces, never mutates). */
  get state(): JournalState {
    return this.#state;
  }

  get entries(): readonly JournalEntry[] {
    return this.#state.entries;
  }

  get last(): LastTransaction | undefined {
    return this.#state.last;
  }

  get closedBatches(): readonly ClosedBatch[] {
    return this.#state.closedBatches;
  }

  totals(): JournalTotals {
    return computeTotals(this.#state.entries);
  }

  #set(next: JournalState): void {
    this.#state = next;
    this.#onChange(next);
  }

  takeTraceNo(): number {
    const n = this.#state.nextTraceNo;
    this.#set({ ...this.#state, nextTraceNo: wrap(n, 999_999) });
    return n;
  }

  takeReceiptNo(): number {
    const n = this.#state.nextReceiptNo;
    this.#set({ ...this.#state, nextReceiptNo: wrap(n, 9_999) });
    return n;
  }

  takeTurnoverNo(): number {
    const n = this.#state.nextTurnoverNo;
    this.#set({ ...this.#state, nextTurnoverNo: wrap(n, 999_999) });
    return n;
  }

  findPayment(receiptNo: number): JournalEntry | undefined {
    return this.#state.entries.find((e) => e.kind === 'payment' && e.receiptNo === receiptNo);
  }

  /** Whether a reversal of `receiptNo` is possible: B4 already reversed, B5 not in the open batch (zvt.md §5). */
  checkReversal(receiptNo: number): ReversalCheck {
    const payment = this.findPayment(receiptNo);
    if (!payment) return { ok: false, resultCode: 0xb5 };
    if (payment.reversed) return { ok: false, resultCode: 0xb4 };
    return { ok: true, payment };
  }

  /** Books an approved entry; a reversal also marks its payment as reversed. */
  record(entry: JournalEntry): void {
    let entries = [...this.#state.entries];
    if (entry.kind === 'reversal' && entry.reversesReceiptNo !== undefined) {
      entries = entries.map((e) =>
        e.kind === 'payment' && e.receiptNo === entry.reversesReceiptNo ? { ...e, reversed: true } : e,
      );
    }
    entries.push(entry);
    this.#set({ ...this.#state, entries });
  }

  /** Marks a booked payment as reversed without a separate reversal receipt (auto-reversal after 84 66). */
  markReversed(receiptNo: number): void {
    this.#set({
      ...this.#state,
      entries: this.#state.entries.map((e) =>
        e.kind === 'payment' && e.receiptNo === receiptNo ? { ...e, reversed: true } : e,
      ),
    });
  }

  setLast(last: LastTransaction): void {
    this.#set({ ...this.#state, last });
  }

  /** End-of-Day: returns the closed batch and starts an empty day (counters continue). */
  closeDay(closedAt: string, traceNo: number): ClosedBatch {
    const batch: ClosedBatch = { closedAt, traceNo, totals: this.totals(), entries: this.#state.entries };
    this.#set({ ...this.#state, entries: [], closedBatches: [...this.#state.closedBatches, batch] });
    return batch;
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.#set(emptyJournalState());
  }
}
