/**
 * Persistence of the journal to a JSON file, so a restarted simulator (or a "reboot" scenario in a new
 * process) keeps its transactions. Thin I/O: write to a temporary file, fsync, rename.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { SimulatorSetupError } from './errors.ts';
import type { JournalState } from './journal.ts';

const amountCount = z.object({ count: z.number().int(), cents: z.number().int() });
const cardTotals = z.object({
  payments: amountCount,
  reversals: amountCount,
  refunds: amountCount,
  netCents: z.number().int(),
});
const local = z.object({ date: z.string(), time: z.string() });
const group = amountCount;
const singleTotals = z.object({
  firstReceiptNo: z.number().int(),
  lastReceiptNo: z.number().int(),
  girocard: group,
  jcb: group,
  mastercard: group,
  amex: group,
  visa: group,
  diners: group,
  others: group,
});
const entry = z.object({
  kind: z.enum(['payment', 'reversal', 'refund']),
  receiptNo: z.number().int(),
  traceNo: z.number().int(),
  turnoverNo: z.number().int(),
  amountCents: z.number().int(),
  cardType: z.number().int(),
  cardName: z.string(),
  pan: z.string(),
  authCode: z.string(),
  at: z.string(),
  local,
  reversed: z.boolean(),
  reversesReceiptNo: z.number().int().optional(),
});
const totals = z.object({
  byCardType: z.record(z.string(), cardTotals),
  overall: cardTotals,
  singleTotals,
  grandTotalCents: z.number().int(),
});
const status = z.object({
  resultCode: z.number().int(),
  amountCents: z.number().int().optional(),
  currency: z.string().optional(),
  traceNo: z.number().int().optional(),
  receiptNo: z.number().int().optional(),
  turnoverNo: z.number().int().optional(),
  terminalId: z.string().optional(),
  dateTime: local.optional(),
  cardType: z.number().int().optional(),
  cardName: z.string().optional(),
  pan: z.string().optional(),
  expiry: z.string().optional(),
  authCode: z.string().optional(),
  totals: singleTotals.optional(),
});
const journalSchema = z.object({
  version: z.literal(1),
  nextTraceNo: z.number().int(),
  nextReceiptNo: z.number().int(),
  nextTurnoverNo: z.number().int(),
  entries: z.array(entry),
  last: z
    .object({
      kind: z.enum(['payment', 'reversal', 'refund', 'end-of-day']),
      status,
      receiptLines: z.array(z.string()),
    })
    .optional(),
  closedBatches: z.array(
    z.object({ closedAt: z.string(), traceNo: z.number().int(), totals, entries: z.array(entry) }),
  ),
});

/** Reads a journal file; undefined when it does not exist yet. */
export function loadJournalFile(path: string): JournalState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(path, error);
  }
  try {
    const parsed = journalSchema.parse(JSON.parse(text));
    return { ...parsed, last: parsed.last } as JournalState;
  } catch (error) {
    throw fileError(path, error);
  }
}

export function saveJournalFile(path: string, state: JournalState): void {
  const tmp = `${path}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    throw fileError(path, error);
  }
}

function fileError(path: string, error: unknown): SimulatorSetupError {
  return new SimulatorSetupError(
    'zvtsim.journal_file',
    'No se ha podido leer o guardar el diario del terminal de pago simulado.',
    `${path}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
