/**
 * Wire tests: the kiosk's ZVT driver (through createPaymentTerminal) against the independent ZVT
 * simulator over real TCP on a free loopback port. Every scenario ends with what the terminal's own
 * journal says, so a mistake shared by both sides of the protocol would still have to agree with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ManagedPaymentTerminal,
  createPaymentTerminal,
} from '../../../drivers/payment/create-payment-terminal.ts';
import type { PaymentTerminalEvent } from '../../../drivers/payment/payment-terminal.ts';
import { CARDS, type PaymentSimulator, startSimulator } from '../../../simulators/payment/index.ts';

let sim: PaymentSimulator;
let terminal: ManagedPaymentTerminal;
const events: PaymentTerminalEvent[] = [];
const extra: ManagedPaymentTerminal[] = [];

/** A second driver on the same simulator, with short T3/T4 for the tests that wait for silence. */
function impatientTerminal(): ManagedPaymentTerminal {
  const t = createPaymentTerminal(
    { transport: 'tcp', host: '127.0.0.1', port: sim.tcpPort! },
    { ackTimeoutMs: 300, completionTimeoutMs: 700 },
  );
  extra.push(t);
  return t;
}

beforeAll(async () => {
  sim = await startSimulator({ tcp: { port: 0 }, ackTimeoutMs: 2_000 });
  terminal = createPaymentTerminal(
    { transport: 'tcp', host: '127.0.0.1', port: sim.tcpPort! },
    { ackTimeoutMs: 1_000, completionTimeoutMs: 3_000 },
  );
  terminal.onEvent((e) => events.push(e));
});

afterAll(async () => {
  for (const t of [terminal, ...extra]) await t?.close();
  await sim?.stop();
});

describe('ZVT over TCP: driver ↔ simulator', () => {
  it('registers (06 00) so the terminal sends receipts as print lines', async () => {
    const r = await terminal.register();
    expect(r !== 'busy' && r.kind).toBe('completed');
    expect(sim.terminal.registered).toBe(true);
  });

  it('approved payment: outcome, receipt and the simulator journal agree', async () => {
    events.length = 0;
    const outcome = await terminal.pay(1234, 'R-0001');
    expect(outcome.kind).toBe('approved');
    if (outcome.kind !== 'approved') return;
    const entry = sim.journal.entries.at(-1);
    expect(entry).toMatchObject({ kind: 'payment', amountCents: 1234, reversed: false });
    expect(outcome.transaction).toMatchObject({
      amountCents: 1234,
      currency: 978,
      receiptNumber: entry?.receiptNo,
      traceNumber: entry?.traceNo,
      authorisationCode: entry?.authCode,
      maskedPan: entry?.pan,
    });
    expect(outcome.receipt.flatMap((r) => r.lines).join('\n')).toContain('VENTA');
    expect(events.filter((e) => e.type === 'display').map((e) => e.prompt)).toContain('present_card');
  });

  it('declined by the host: declined with its result code, nothing booked', async () => {
    const before = sim.journal.entries.length;
    sim.queueScenario({ kind: 'declined', resultCode: 0x05 });
    expect(await terminal.pay(500, 'R-0002')).toMatchObject({
      kind: 'declined',
      refusal: { providerCode: 'zvt:05' },
    });
    expect(sim.journal.entries).toHaveLength(before);
  });

  it('customer abort on the terminal: declined 6C', async () => {
    sim.queueScenario({ kind: 'customer-abort' });
    expect(await terminal.pay(700, 'R-0003')).toMatchObject({
      kind: 'declined',
      refusal: { providerCode: 'zvt:6C' },
    });
  });

  it('abort() from the kiosk during the card phase (06 B0): declined 6C, nothing booked', async () => {
    const before = sim.journal.entries.length;
    const off = terminal.onEvent((e) => {
      if (e.type === 'display') void terminal.abort();
    });
    try {
      expect(await terminal.pay(800, 'R-0004')).toMatchObject({
        kind: 'declined',
        refusal: { providerCode: 'zvt:6C' },
      });
    } finally {
      off();
    }
    expect(sim.journal.entries).toHaveLength(before);
  });

  it('card removed / not readable: declined 64', async () => {
    sim.queueScenario({ kind: 'card-removed' });
    expect(await terminal.pay(900, 'R-0005')).toMatchObject({
      kind: 'declined',
      refusal: { providerCode: 'zvt:64' },
    });
  });

  it('a terminal that never answers: the driver gives up with a timeout and the outcome is UNKNOWN', async () => {
    const quick = impatientTerminal();
    sim.queueScenario({ kind: 'timeout', ackFirst: true, silenceMs: 60_000 });
    const t0 = Date.now();
    expect(await quick.pay(1000, 'R-0006')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2_000);
    sim.wake();
    // Not even the command ack (T3): still unknown, never declined.
    sim.queueScenario({ kind: 'timeout', ackFirst: false, silenceMs: 60_000 });
    expect(await quick.pay(1000, 'R-0007')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    sim.wake();
    // The terminal is usable again afterwards.
    expect((await quick.status()).kind).toBe('ready');
  });

  it('reboot after booking: UNKNOWN (link lost), then lastTransaction() finds the approved payment', async () => {
    sim.queueScenario({ kind: 'reboot', recorded: true, downMs: 60_000 });
    expect(await terminal.pay(4321, 'R-0008')).toMatchObject({ kind: 'unknown', reason: 'link_lost' });
    const booked = sim.journal.entries.at(-1);
    expect(booked).toMatchObject({ amountCents: 4321 });
    // While it is down it accepts and drops connections: asking gives no answer, never a wrong one.
    expect(await terminal.lastTransaction()).toMatchObject({ kind: 'unknown', reason: 'link_lost' });
    sim.wake();
    const last = await terminal.lastTransaction();
    expect(last).toMatchObject({
      kind: 'found',
      approved: true,
      transaction: { amountCents: 4321, receiptNumber: booked?.receiptNo },
    });
  });

  it('reboot before booking: UNKNOWN, and lastTransaction() shows it was not booked', async () => {
    const before = sim.journal.entries.length;
    const previous = sim.journal.entries.at(-1);
    sim.queueScenario({ kind: 'reboot', recorded: false, downMs: 60_000 });
    expect(await terminal.pay(999, 'R-0009')).toMatchObject({ kind: 'unknown', reason: 'link_lost' });
    sim.wake();
    const last = await terminal.lastTransaction();
    expect(last.kind === 'found' && last.transaction?.receiptNumber).toBe(previous?.receiptNo);
    expect(sim.journal.entries).toHaveLength(before);
  });

  it('reverse(receiptNo) voids the payment in the journal; a second reversal is refused (B4)', async () => {
    const paid = await terminal.pay(2500, 'R-0010');
    expect(paid.kind).toBe('approved');
    const receiptNo = paid.kind === 'approved' ? paid.transaction.receiptNumber : undefined;
    expect(receiptNo).toBeTypeOf('number');
    const reversed = await terminal.reverse(receiptNo!);
    expect(reversed).toMatchObject({ kind: 'reversed', transaction: { amountCents: 2500 } });
    expect(sim.journal.entries.find((e) => e.kind === 'payment' && e.receiptNo === receiptNo)?.reversed).toBe(
      true,
    );
    expect(await terminal.reverse(receiptNo!)).toMatchObject({
      kind: 'refused',
      refusal: { providerCode: 'zvt:B4' },
    });
  });

  it('endOfDay() totals equal the simulator journal totals', async () => {
    sim.queueScenario(
      { kind: 'approved', card: CARDS.mastercard },
      { kind: 'approved', card: CARDS.girocard },
    );
    expect((await terminal.pay(1111, 'R-0011')).kind).toBe('approved');
    expect((await terminal.pay(2222, 'R-0012')).kind).toBe('approved');
    const expected = sim.journal.totals();
    const eod = await terminal.endOfDay();
    expect(eod.kind).toBe('closed');
    if (eod.kind !== 'closed') return;
    expect(eod.totalCents).toBe(expected.grandTotalCents);
    expect(eod.firstReceiptNumber).toBe(expected.singleTotals.firstReceiptNo);
    expect(eod.lastReceiptNumber).toBe(expected.singleTotals.lastReceiptNo);
    const byScheme = Object.fromEntries(
      eod.schemes.map((s) => [s.scheme, { count: s.count, cents: s.totalCents }]),
    );
    const { girocard, jcb, mastercard, amex, visa, diners, others } = expected.singleTotals;
    expect(byScheme).toEqual({ girocard, jcb, mastercard, amex, visa, diners, other: others });
    expect(eod.totalCents).toBe(1234 + 4321 + 1111 + 2222); // 25,00 € was reversed
    expect(sim.journal.closedBatches.at(-1)?.totals.grandTotalCents).toBe(eod.totalCents);
    expect(sim.journal.entries).toHaveLength(0);
  });

  it('refund(amount) books a refund in the journal', async () => {
    const refunded = await terminal.refund(1500);
    expect(refunded).toMatchObject({ kind: 'refunded', transaction: { amountCents: 1500 } });
    expect(sim.journal.entries.at(-1)).toMatchObject({ kind: 'refund', amountCents: 1500 });
  });
});
