import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReciboBarcode } from '../recibos/index.ts';
import type { PaymentRow } from './ledger.ts';
import { reciboRef } from './recibo-key.ts';
import { recoverPayments } from './recovery.ts';
import type { SettleDeps } from './settle.ts';
import type { PaymentState } from './states.ts';
import {
  approved,
  RecordingPrinter,
  reciboBarcode,
  ScriptedTerminal,
  type TempLedger,
  tempLedger,
} from './test-support.ts';

let t: TempLedger;
let terminal: ScriptedTerminal;
let printer: RecordingPrinter;
let deps: SettleDeps;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 2, 2, 10, 0, clock++));

beforeEach(() => {
  t = tempLedger();
  terminal = new ScriptedTerminal();
  printer = new RecordingPrinter();
  deps = {
    ledger: t.ledger,
    terminal,
    printer,
    now,
    justificante: {
      municipality: { name: 'Ayuntamiento de Prueba' },
      kioskId: 'K-01',
      timeZone: 'Europe/Madrid',
      verificationUrl: 'https://sede.example.es/v',
    },
  };
});
afterEach(() => t.dispose());

/** A payment left in `state` by a crash (walking the real transitions). */
function leftIn(
  referencia: string,
  amount: number,
  path: readonly PaymentState[],
  receiptNo?: number,
): PaymentRow {
  const ref = reciboRef(parseReciboBarcode(reciboBarcode(referencia, amount)));
  let p = t.ledger.create(
    {
      ...ref,
      id: `P-${referencia}`,
      amountCents: amount,
      csv: `CSV${referencia}`.padEnd(16, '0').slice(0, 16),
      offline: false,
    },
    now(),
  );
  let from: PaymentState = 'created';
  for (const to of path) {
    p =
      t.ledger.transition(
        p.id,
        [from],
        to,
        now(),
        to === 'approved' && receiptNo !== undefined
          ? { terminal: { receiptNo, authorisationCode: 'A1B2C3', terminalId: '52500001' } }
          : {},
      ) ?? p;
    from = to;
  }
  return p;
}

const found = (amount: number, receipt: number, ok = true) => {
  const a = approved(amount, receipt);
  if (a.kind !== 'approved') throw new Error('unreachable');
  return { kind: 'found' as const, transaction: a.transaction, approved: ok, receipt: [] };
};

describe('start-up recovery: the decision table (README.md)', () => {
  it('created → cancelled without asking the terminal', async () => {
    const p = leftIn('0000000001', 100, []);
    expect(await recoverPayments(deps)).toMatchObject([
      { paymentId: p.id, from: 'created', to: 'cancelled' },
    ]);
    expect(terminal.calls).toEqual([]);
  });

  it('approved → justificante printed (no terminal call), outbox untouched', async () => {
    const p = leftIn('0000000002', 100, ['sent_to_terminal', 'approved'], 9);
    expect(await recoverPayments(deps)).toMatchObject([{ to: 'justificante_printed' }]);
    expect(printer.docs).toHaveLength(1);
    expect(t.ledger.outbox(p.id)).toHaveLength(1);
    expect(terminal.calls).toEqual([]);
  });

  it('approved without a printer → justificante_failed', async () => {
    leftIn('0000000003', 100, ['sent_to_terminal', 'approved'], 9);
    expect(await recoverPayments({ ...deps, printer: undefined })).toMatchObject([
      { to: 'justificante_failed' },
    ]);
  });

  it('sent, terminal last = approved, same amount, unknown receipt → approved + justificante', async () => {
    const p = leftIn('0000000004', 4550, ['sent_to_terminal']);
    terminal.lastOutcomes.push(found(4550, 31));
    expect(await recoverPayments(deps)).toMatchObject([{ to: 'justificante_printed' }]);
    expect(t.ledger.get(p.id)).toMatchObject({ receiptNo: 31, maskedPan: '**** 0119' });
    expect(t.ledger.outbox(p.id).map((e) => e.type)).toEqual(['payment.approved']);
  });

  it('sent, terminal last = the previous booked payment → cancelled (never booked)', async () => {
    leftIn('0000000005', 700, ['sent_to_terminal', 'approved', 'justificante_printed'], 12);
    const p = leftIn('0000000006', 700, ['sent_to_terminal']);
    terminal.lastOutcomes.push(found(700, 12));
    expect(await recoverPayments(deps)).toMatchObject([{ paymentId: p.id, to: 'cancelled' }]);
    expect(t.ledger.outbox(p.id)).toEqual([]);
  });

  it('unknown, terminal last = a declined transaction → declined', async () => {
    leftIn('0000000007', 700, ['sent_to_terminal', 'unknown']);
    terminal.lastOutcomes.push(found(700, 13, false));
    expect(await recoverPayments(deps)).toMatchObject([{ to: 'declined' }]);
  });

  it('sent, terminal last = approved of another amount → needs_attention with the reason, outbox event', async () => {
    const p = leftIn('0000000008', 700, ['sent_to_terminal']);
    terminal.lastOutcomes.push(found(999, 14));
    expect(await recoverPayments(deps)).toMatchObject([{ to: 'needs_attention' }]);
    expect(t.ledger.get(p.id)?.attentionReason).toMatch(/999/);
    expect(t.ledger.outbox(p.id).map((e) => e.type)).toEqual(['payment.needs_attention']);
  });

  it('terminal cannot tell (not_available) → needs_attention; terminal silent → unknown, retried later', async () => {
    leftIn('0000000009', 700, ['sent_to_terminal']);
    terminal.lastOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'silent' });
    expect(await recoverPayments(deps)).toMatchObject([{ to: 'unknown' }]);
    terminal.lastOutcomes.push({ kind: 'not_available' });
    expect(await recoverPayments(deps)).toMatchObject([{ from: 'unknown', to: 'needs_attention' }]);
    expect(await recoverPayments(deps)).toEqual([]);
  });

  it('two in flight: only the newest is matched against the terminal; the older needs attention', async () => {
    const older = leftIn('0000000010', 700, ['sent_to_terminal', 'unknown']);
    const newer = leftIn('0000000011', 800, ['sent_to_terminal']);
    terminal.lastOutcomes.push(found(800, 40));
    const report = await recoverPayments(deps);
    expect(report).toMatchObject([
      { paymentId: older.id, to: 'needs_attention' },
      { paymentId: newer.id, to: 'justificante_printed' },
    ]);
    expect(terminal.calls).toEqual(['last']);
  });

  it('approved but central now lists the recibo as paid elsewhere → reversed', async () => {
    const p = leftIn('0000000012', 700, ['sent_to_terminal', 'approved'], 50);
    const report = await recoverPayments({ ...deps, paidElsewhere: (row) => row.id === p.id });
    expect(report).toMatchObject([{ to: 'reversed' }]);
    expect(terminal.calls).toEqual(['reverse 50']);
    expect(
      t.ledger
        .outbox(p.id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['payment.approved', 'payment.reversed']);
  });

  it('a reversal the terminal refuses → needs_attention', async () => {
    leftIn('0000000013', 700, ['sent_to_terminal', 'approved'], 51);
    terminal.reverseOutcomes.push({ kind: 'refused', refusal: { providerCode: 'zvt:64', message: 'No' } });
    expect(await recoverPayments({ ...deps, paidElsewhere: () => true })).toMatchObject([
      { to: 'needs_attention' },
    ]);
  });
});
