import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReciboBarcode } from '../recibos/index.ts';
import { CSV_PATTERN } from './csv-code.ts';
import { reciboKey } from './recibo-key.ts';
import {
  RecordingPrinter,
  approved,
  reciboBarcode,
  runnerFor,
  ScriptedTerminal,
  type TempLedger,
  tempLedger,
} from './test-support.ts';

let t: TempLedger;
let terminal: ScriptedTerminal;
beforeEach(() => {
  t = tempLedger();
  terminal = new ScriptedTerminal();
});
afterEach(() => t.dispose());

const states = (id: string) => t.ledger.events(id).map((e) => e.toState);

describe('PaymentRunner: one payment', () => {
  it('approved: every state committed in order, one outbox event, masked PAN and a CSV', async () => {
    const printer = new RecordingPrinter();
    const result = await runnerFor(t.ledger, terminal, { printer }).pay(reciboBarcode('0000000001', 1234));
    expect(result.kind).toBe('paid');
    if (result.kind !== 'paid') return;
    expect(result.justificante).toBe('printed');
    expect(result.csv).toMatch(CSV_PATTERN);
    expect(states(result.payment.id)).toEqual([
      'created',
      'sent_to_terminal',
      'approved',
      'justificante_printed',
    ]);
    expect(t.ledger.get(result.payment.id)?.maskedPan).toBe('**** 0119');
    const outbox = t.ledger.outbox(result.payment.id);
    expect(outbox.map((e) => [e.eventId, e.type])).toEqual([
      [`${result.payment.id}.approved`, 'payment.approved'],
    ]);
    expect(JSON.stringify(outbox[0]?.payload)).not.toContain('4761739001010119');
    expect(printer.docs).toHaveLength(1);
  });

  it('commits the approval from the 04 0F before pay() returns', async () => {
    const runner = runnerFor(t.ledger, terminal);
    let stateAtHookEnd: string | undefined;
    terminal.journal = async (info) => {
      await runner.journalStatusInformation(info);
      stateAtHookEnd = t.ledger.all()[0]?.state;
    };
    await runner.pay(reciboBarcode('0000000001', 500));
    expect(stateAtHookEnd).toBe('approved');
  });

  it('declined: nothing charged, no outbox event, the recibo may be paid again', async () => {
    terminal.payOutcomes.push({
      kind: 'declined',
      refusal: { providerCode: 'zvt:05', message: 'Tarjeta denegada.' },
      receipt: [],
    });
    const runner = runnerFor(t.ledger, terminal);
    const first = await runner.pay(reciboBarcode('0000000002', 700));
    expect(first).toMatchObject({
      kind: 'not_charged',
      payment: { state: 'declined', refusalCode: 'zvt:05' },
    });
    expect(t.ledger.outbox()).toHaveLength(0);
    expect((await runner.pay(reciboBarcode('0000000002', 700))).kind).toBe('paid');
  });

  it('refuses a recibo already paid here, before the terminal is touched', async () => {
    const runner = runnerFor(t.ledger, terminal);
    await runner.pay(reciboBarcode('0000000003', 900));
    terminal.calls.length = 0;
    const again = await runner.pay(reciboBarcode('0000000003', 900));
    expect(again).toMatchObject({ kind: 'refused', refusal: { code: 'payment.already_paid' } });
    expect(terminal.calls).toEqual([]);
  });

  it('refuses a recibo in the paid list from central', async () => {
    const runner = runnerFor(t.ledger, terminal);
    t.ledger.replacePaidList(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T09:00:01Z'), [
      { reciboKey: reciboKey(parseReciboBarcode(reciboBarcode('0000000004', 1000))) },
    ]);
    const result = await runner.pay(reciboBarcode('0000000004', 1000));
    expect(result).toMatchObject({ kind: 'refused', refusal: { code: 'payment.already_paid' } });
    expect(terminal.calls).toEqual([]);
    expect(t.ledger.all()).toEqual([]);
  });

  it('refuses an invalid barcode and a foreign emisora with a reason', async () => {
    const runner = runnerFor(t.ledger, terminal, {
      reciboContext: () => ({ acceptedEmisoras: ['080196'], today: { year: 2026, month: 3, day: 2 } }),
    });
    const foreign = await runner.pay(reciboBarcode('0000000005', 100));
    expect(foreign).toMatchObject({ kind: 'refused', refusal: { code: 'payment.recibo_invalid' } });
    const garbage = await runner.pay('9052');
    expect(garbage.kind).toBe('refused');
    expect(terminal.calls).toEqual([]);
  });

  it('printer fails after approval: the payment stands, the result carries the CSV and where to get it', async () => {
    const printer = new RecordingPrinter();
    printer.deliver = false;
    const result = await runnerFor(t.ledger, terminal, { printer }).pay(reciboBarcode('0000000006', 4550));
    expect(result).toMatchObject({
      kind: 'paid',
      justificante: 'not_printed',
      payment: { state: 'justificante_failed' },
    });
    if (result.kind !== 'paid') return;
    expect(result.message).toContain(`${result.csv.slice(0, 4)}-${result.csv.slice(4, 8)}`);
    expect(result.message).toContain('https://sede.example.es/verificar');
    expect(t.ledger.outbox(result.payment.id)).toHaveLength(1);
  });

  it('terminal not started: cancelled, nothing charged', async () => {
    terminal.payOutcomes.push({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:busy', message: 'Ocupado.' },
    });
    const result = await runnerFor(t.ledger, terminal).pay(reciboBarcode('0000000007', 100));
    expect(result).toMatchObject({ kind: 'not_charged', payment: { state: 'cancelled' } });
  });

  it('unknown outcome settled by the last transaction: approved', async () => {
    terminal.journal = undefined;
    terminal.payOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'T4' });
    const a = approved(800, 77);
    if (a.kind === 'approved')
      terminal.lastOutcomes.push({ kind: 'found', transaction: a.transaction, approved: true, receipt: [] });
    const result = await runnerFor(t.ledger, terminal).pay(reciboBarcode('0000000008', 800));
    terminal.journal = undefined;
    expect(result).toMatchObject({ kind: 'paid', payment: { receiptNo: 77 } });
    expect(states(result.kind === 'paid' ? result.payment.id : '')).toEqual([
      'created',
      'sent_to_terminal',
      'unknown',
      'approved',
      'justificante_printed',
    ]);
  });

  it('unknown outcome and a silent terminal: stays unknown, and the next payment waits for recovery', async () => {
    const runner = runnerFor(t.ledger, terminal);
    terminal.payOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'T4' });
    terminal.lastOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'silent' });
    const result = await runner.pay(reciboBarcode('0000000009', 800));
    expect(result).toMatchObject({ kind: 'outcome_unknown', payment: { state: 'unknown' } });
    const next = await runner.pay(reciboBarcode('0000000010', 300));
    expect(next).toMatchObject({ kind: 'refused', refusal: { code: 'payment.previous_unresolved' } });
  });

  it('the terminal booked another amount: the payment is reversed', async () => {
    terminal.journal = undefined;
    terminal.payOutcomes.push(approved(999, 5));
    const result = await runnerFor(t.ledger, terminal).pay(reciboBarcode('0000000011', 1000));
    expect(result).toMatchObject({ kind: 'reversed', payment: { state: 'reversed' } });
    expect(terminal.calls).toContain('reverse 5');
    expect(
      t.ledger
        .outbox()
        .map((e) => e.type)
        .sort(),
    ).toEqual(['payment.approved', 'payment.reversed']);
  });
});

describe('PaymentRunner: offline rules', () => {
  const offline = { isCentralReachable: () => false };
  const fresh = () =>
    t.ledger.replacePaidList(new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T08:00:00Z'), []);

  it('no paid list, or one too old: refused, says why and where else to pay', async () => {
    const runner = runnerFor(t.ledger, terminal, offline);
    const none = await runner.pay(reciboBarcode('0000000012', 100));
    expect(none).toMatchObject({ kind: 'refused', refusal: { code: 'payment.offline_paid_list_stale' } });
    if (none.kind === 'refused') expect(none.refusal.message).toMatch(/sede electrónica/);
    t.ledger.replacePaidList(new Date('2026-02-28T08:00:00Z'), new Date('2026-02-28T08:00:00Z'), []);
    expect(await runner.pay(reciboBarcode('0000000012', 100))).toMatchObject({
      refusal: { code: 'payment.offline_paid_list_stale' },
    });
    expect(terminal.calls).toEqual([]);
  });

  it('importe above the offline limit: refused', async () => {
    fresh();
    const result = await runnerFor(t.ledger, terminal, offline).pay(reciboBarcode('0000000013', 10_001));
    expect(result).toMatchObject({ refusal: { code: 'payment.offline_amount_limit' } });
  });

  it('after maxPayments unsynced payments: refused; marked offline; online again: accepted', async () => {
    fresh();
    const runner = runnerFor(t.ledger, terminal, offline);
    expect((await runner.pay(reciboBarcode('0000000014', 100))).kind).toBe('paid');
    expect((await runner.pay(reciboBarcode('0000000015', 100))).kind).toBe('paid');
    expect(await runner.pay(reciboBarcode('0000000016', 100))).toMatchObject({
      refusal: { code: 'payment.offline_count_limit' },
    });
    expect(t.ledger.all().every((p) => p.offline)).toBe(true);
    const first = t.ledger.outbox()[0];
    if (first === undefined) return expect.fail('no outbox');
    t.ledger.markSent(first.eventId, new Date('2026-03-02T10:01:00Z'));
    expect(t.ledger.get(first.paymentId ?? '')?.state).toBe('synced');
    expect((await runner.pay(reciboBarcode('0000000016', 100))).kind).toBe('paid');
  });
});
