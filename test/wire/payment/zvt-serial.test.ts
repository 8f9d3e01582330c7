/**
 * Wire tests: the kiosk's ZVT driver (through createPaymentTerminal) against the independent ZVT
 * simulator over a real socat pseudo-terminal pair, opened with `serialport` on both sides: DLE framing,
 * CRC-16/KERMIT, ACK/NAK and the retry policy of docs/zvt.md §2.1, with the simulator's line faults.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ManagedPaymentTerminal,
  createPaymentTerminal,
} from '../../../drivers/payment/create-payment-terminal.ts';
import { type PaymentSimulator, startSimulator } from '../../../simulators/payment/index.ts';

let dir: string;
let sim: PaymentSimulator;
let terminal: ManagedPaymentTerminal;
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zvt-wire-serial-'));
  sim = await startSimulator({ serial: { link: join(dir, 'ecr') }, ackTimeoutMs: 2_000 });
  terminal = createPaymentTerminal(
    { transport: 'serial', path: sim.serialPath!, baudRate: 9600 },
    {
      ackTimeoutMs: 1_500,
      completionTimeoutMs: 5_000,
      serialPolicy: { ackTimeoutMs: 400 },
      log: (line) => log.push(line),
    },
  );
  await terminal.connect();
});

afterAll(async () => {
  await terminal?.close();
  await sim?.stop();
  // socat is gone with its links; nothing of this test may survive it.
  const left = execFileSync('ps', ['-eo', 'args='])
    .toString()
    .split('\n')
    .filter((l) => l.includes(dir));
  if (dir) rmSync(dir, { recursive: true, force: true });
  expect(left).toEqual([]);
  expect(existsSync(join(dir, 'ecr'))).toBe(false);
});

const notes = (text: string): string[] => log.filter((l) => l.includes(text));

describe('ZVT over serial (socat pty): driver ↔ simulator', () => {
  it('approved payment over the framed link; the journal holds it', async () => {
    const outcome = await terminal.pay(1990, 'S-0001');
    expect(outcome).toMatchObject({ kind: 'approved', transaction: { amountCents: 1990 } });
    const entry = sim.journal.entries.at(-1);
    expect(entry).toMatchObject({ kind: 'payment', amountCents: 1990 });
    expect(outcome.kind === 'approved' && outcome.transaction.receiptNumber).toBe(entry?.receiptNo);
  });

  it('declined over serial: declined with its result code', async () => {
    sim.queueScenario({ kind: 'declined', resultCode: 0x51 });
    expect(await terminal.pay(300, 'S-0002')).toMatchObject({
      kind: 'declined',
      refusal: { providerCode: 'zvt:51' },
    });
  });

  it('NAK storm within the retry count: the command frame is repeated and the payment goes through', async () => {
    log.length = 0;
    sim.injectSerialFaults({ nakIncoming: 2 });
    expect(await terminal.pay(2000, 'S-0003')).toMatchObject({ kind: 'approved' });
    expect(notes(': NAK, send')).toHaveLength(2);
    expect(sim.journal.entries.at(-1)).toMatchObject({ amountCents: 2000 });
  });

  it('NAK storm past the retry count: the terminal never took the command, so not_started', async () => {
    log.length = 0;
    const before = sim.journal.entries.length;
    sim.injectSerialFaults({ nakIncoming: 3 });
    expect(await terminal.pay(2100, 'S-0004')).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:nak_limit' },
    });
    expect(notes(': NAK, send')).toHaveLength(2);
    expect(sim.journal.entries).toHaveLength(before);
    // The line recovers for the next command.
    expect(await terminal.pay(2100, 'S-0005')).toMatchObject({ kind: 'approved' });
  });

  it('corrupted CRCs from the terminal are NAKed, repeated, and the payment still goes through', async () => {
    log.length = 0;
    sim.injectSerialFaults({ corruptOutgoing: 2 });
    expect(await terminal.pay(2200, 'S-0006')).toMatchObject({ kind: 'approved' });
    expect(notes('NAK sent').filter((l) => l.includes('CRC'))).toHaveLength(2);
  });

  it('garbage on the line between frames is ignored', async () => {
    log.length = 0;
    // Write noise into the simulator's end of the pty pair: it reaches the kiosk's port between two of
    // the terminal's frames (the terminal is waiting for our answer when we see its message).
    const noisy = openSync(join(dir, 'ecr.pt'), constants.O_WRONLY | constants.O_NOCTTY);
    const off = terminal.onEvent((e) => {
      if (e.type === 'display')
        writeSync(noisy, Uint8Array.of(0x00, 0xff, 0x55, 0xaa, 0x03, 0x10, 0x41, 0x7e));
    });
    try {
      expect(await terminal.pay(2300, 'S-0007')).toMatchObject({ kind: 'approved' });
    } finally {
      off();
      closeSync(noisy);
    }
    const ignored = notes('between frames').map((l) => Number(/ignored (\d+)/.exec(l)?.[1]));
    expect(ignored.length).toBeGreaterThan(0);
    expect(ignored.reduce((a, b) => a + b, 0) % 8).toBe(0);
    expect(sim.journal.entries.at(-1)).toMatchObject({ amountCents: 2300 });
  });

  it('lastTransaction() and reverse(receiptNo) over serial', async () => {
    const last = await terminal.lastTransaction();
    const receiptNo = sim.journal.entries.at(-1)?.receiptNo;
    expect(last).toMatchObject({ kind: 'found', approved: true, transaction: { receiptNumber: receiptNo } });
    expect(await terminal.reverse(receiptNo!)).toMatchObject({ kind: 'reversed' });
  });

  it('reboot mid-transaction: UNKNOWN after T4, then lastTransaction() finds the booked payment', async () => {
    // A driver with a short T4 on the same port (the first one lets go of it).
    await terminal.close();
    terminal = createPaymentTerminal(
      { transport: 'serial', path: sim.serialPath!, baudRate: 9600 },
      { ackTimeoutMs: 500, completionTimeoutMs: 800, serialPolicy: { ackTimeoutMs: 200 } },
    );
    sim.queueScenario({ kind: 'reboot', recorded: true, downMs: 60_000 });
    expect(await terminal.pay(2400, 'S-0008')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    const booked = sim.journal.entries.at(-1);
    expect(booked).toMatchObject({ amountCents: 2400 });
    sim.wake();
    expect(await terminal.lastTransaction()).toMatchObject({
      kind: 'found',
      approved: true,
      transaction: { amountCents: 2400, receiptNumber: booked?.receiptNo },
    });
  });
});
