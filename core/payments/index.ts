/** Card payments of recibos: the ledger, the runner of one payment and start-up recovery (README.md). */
export { CSV_ALPHABET, CSV_LENGTH, CSV_PATTERN, formatCsv, generateCsv, normaliseCsv } from './csv-code.ts';
export {
  LedgerError,
  PAYMENT_REFUSAL_MESSAGES,
  type PaymentRefusalCode,
  PaymentRefusedError,
} from './errors.ts';
export {
  type JustificanteContext,
  type JustificantePrinter,
  justificanteDocument,
  justificanteLaterMessage,
} from './justificante.ts';
export {
  maskPan,
  type NewPayment,
  type OutboxRow,
  type PaymentEventRow,
  PaymentLedger,
  type PaymentRow,
  type ReciboRef,
  type TerminalFacts,
} from './ledger.ts';
export { checkOfflineRules, type OfflineFacts, type OfflineLimits } from './offline-rules.ts';
export { reciboKey, reciboRef } from './recibo-key.ts';
export { type RecoveryEntry, recoverPayments } from './recovery.ts';
export {
  type PaymentResult,
  PaymentRunner,
  type PaymentRunnerOptions,
  type TerminalStatusInformation,
} from './runner.ts';
export { afterApproval, type PaymentStep, type SettleDeps, settleFromLastTransaction } from './settle.ts';
export {
  CHARGED_STATES,
  canTransition,
  LIVE_STATES,
  OUTBOX_EVENT_FOR,
  PAYMENT_STATES,
  type PaymentState,
  TRANSITIONS,
  UNRESOLVED_STATES,
} from './states.ts';
