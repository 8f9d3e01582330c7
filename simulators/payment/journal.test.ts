import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { computeTotals, Journal, type JournalEntry, type JournalState, totalsGroupOf } from './journal.ts';
import { loadJournalFile, saveJournalFile } from './journal-file.ts';
import { SimulatorSetupError } from './errors.ts';
import { writeFileSync } from 'node:fs';

function entry(
  kind: JournalEntry['kind'],
  receiptNo: number,
  amountCents: number,
  cardType = 10,
): JournalEntry {
  return {
    kind,
    receiptNo,
    traceNo: receiptNo,
    turnoverNo: receiptNo,
    amountCents,
    cardType,
    cardName: 'X',
    pan: '4***',
    authCode: '000001',
    at: '2026-03-01T10:00:00.000Z',
    local: { date: '260301', time: '110000' },
    reversed: false,
  };
}

describe('journal totals', () => {
  it('counts payments, reversals and refunds per card type and per BMP 60 group', () => {
    const j = new Journal();
    j.record(entry('payment', 1, 1000, 10));
    j.record(entry('payment', 2, 2500, 6));
    j.record(entry('payment', 3, 700, 46));
    j.record({ ...entry('reversal', 4, 2500, 6), reversesReceiptNo: 2 });
    j.record(entry('refund', 5, 300, 10));
    const t = j.totals();
    expect(t.byCardType['10']).toEqual({
      payments: { count: 1, cents: 1000 },
      reversals: { count: 0, cents: 0 },
      refunds: { count: 1, cents: 300 },
      netCents: 700,
    });
    expect(t.byCardType['6']?.netCents).toBe(0);
    expect(t.overall.netCents).toBe(1000 + 2500 + 700 - 2500 - 300);
    expect(t.singleTotals.visa).toEqual({ count: 1, cents: 1000 });
    expect(t.singleTotals.mastercard).toEqual({ count: 1, cents: 700 });
    expect(t.singleTotals.firstReceiptNo).toBe(1);
    expect(t.singleTotals.lastReceiptNo).toBe(5);
    expect(t.grandTotalCents).toBe(1400);
    expect(j.findPayment(2)?.reversed).toBe(true);
  });

  it('allows a reversal once, only within the open day (B4 / B5)', () => {
    const j = new Journal();
    j.record(entry('payment', 1, 1000));
    expect(j.checkReversal(1)).toMatchObject({ ok: true });
    expect(j.checkReversal(9)).toEqual({ ok: false, resultCode: 0xb5 });
    j.markReversed(1);
    expect(j.checkReversal(1)).toEqual({ ok: false, resultCode: 0xb4 });
    j.closeDay('2026-03-01T20:00:00.000Z', 7);
    expect(j.checkReversal(1)).toEqual({ ok: false, resultCode: 0xb5 });
  });

  it('closes the day: returns its totals, starts empty, keeps counters', () => {
    const j = new Journal();
    expect(j.takeReceiptNo()).toBe(1);
    j.record(entry('payment', 1, 1000));
    const batch = j.closeDay('2026-03-01T20:00:00.000Z', 2);
    expect(batch.totals.grandTotalCents).toBe(1000);
    expect(j.entries).toEqual([]);
    expect(j.totals().grandTotalCents).toBe(0);
    expect(j.closedBatches).toHaveLength(1);
    expect(j.takeReceiptNo()).toBe(2);
  });

  it('wraps the receipt number after 9999', () => {
    const j = new Journal({ ...new Journal().state, nextReceiptNo: 9999 });
    expect(j.takeReceiptNo()).toBe(9999);
    expect(j.takeReceiptNo()).toBe(1);
  });

  it('groups card types as BMP 60 does', () => {
    expect(totalsGroupOf(5)).toBe('girocard');
    expect(totalsGroupOf(8)).toBe('amex');
    expect(totalsGroupOf(99)).toBe('others');
    expect(computeTotals([]).singleTotals.firstReceiptNo).toBe(0);
  });
});

describe('journal file', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('persists every change and loads it back', () => {
    dir = mkdtempSync(join(tmpdir(), 'zvtsim-journal-'));
    const path = join(dir, 'journal.json');
    expect(loadJournalFile(path)).toBeUndefined();
    const j = new Journal(undefined, (s) => saveJournalFile(path, s));
    j.takeTraceNo();
    j.record(entry('payment', 1, 1234));
    j.setLast({ kind: 'payment', status: { resultCode: 0, amountCents: 1234 }, receiptLines: ['A'] });
    const loaded = loadJournalFile(path) as JournalState;
    expect(loaded).toEqual(JSON.parse(JSON.stringify(j.state)));
    expect(new Journal(loaded).totals().grandTotalCents).toBe(1234);
  });

  it('refuses a corrupt file with its typed error', () => {
    dir = mkdtempSync(join(tmpdir(), 'zvtsim-journal-'));
    const path = join(dir, 'journal.json');
    writeFileSync(path, '{"version": 2}');
    expect(() => loadJournalFile(path)).toThrow(SimulatorSetupError);
  });
});
