/**
 * The payment state machine (issue 7, README.md in this folder):
 *
 *   created → sent_to_terminal → approved | declined | unknown | cancelled
 *   approved → justificante_printed | justificante_failed | reversed | needs_attention
 *   justificante_printed | justificante_failed → synced
 *   unknown → approved | declined | cancelled | needs_attention
 *   created → cancelled (never reached the terminal)
 *
 * Each state is committed before the next device call; the states central must hear about write
 * their outbox event in the same transaction.
 */

export const PAYMENT_STATES = [
  'created',
  'sent_to_terminal',
  'approved',
  'declined',
  'unknown',
  'justificante_printed',
  'justificante_failed',
  'synced',
  'needs_attention',
  'reversed',
  'cancelled',
] as const;

export type PaymentState = (typeof PAYMENT_STATES)[number];

export const TRANSITIONS: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  created: ['sent_to_terminal', 'cancelled'],
  sent_to_terminal: ['approved', 'declined', 'unknown', 'cancelled', 'needs_attention'],
  unknown: ['approved', 'declined', 'cancelled', 'needs_attention'],
  approved: ['justificante_printed', 'justificante_failed', 'reversed', 'needs_attention'],
  justificante_printed: ['synced'],
  justificante_failed: ['synced'],
  needs_attention: ['approved', 'declined', 'reversed'],
  declined: [],
  reversed: [],
  cancelled: [],
  synced: [],
};

/** Start-up recovery resolves every payment in one of these (money may be in flight). */
export const UNRESOLVED_STATES: readonly PaymentState[] = [
  'created',
  'sent_to_terminal',
  'unknown',
  'approved',
];

/** The recibo is (or may be) paid by a payment in one of these: no other payment of it may start. */
export const LIVE_STATES: readonly PaymentState[] = PAYMENT_STATES.filter(
  (s) => s !== 'declined' && s !== 'reversed' && s !== 'cancelled',
);

/** The card was charged and the charge stands. */
export const CHARGED_STATES: readonly PaymentState[] = [
  'approved',
  'justificante_printed',
  'justificante_failed',
  'synced',
];

export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Outbox events: one per payment state central must hear about. The event id is
 * `<payment id>.<suffix>`, so the same state can never be queued twice (primary key).
 */
export const OUTBOX_EVENT_FOR: Partial<Record<PaymentState, string>> = {
  approved: 'payment.approved',
  reversed: 'payment.reversed',
  needs_attention: 'payment.needs_attention',
};
