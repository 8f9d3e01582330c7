import { describe, expect, it } from 'vitest';
import { decodeApdu } from './apdu.ts';
import { type ApduLink, ApduQueue } from './apdu-queue.ts';
import { hex } from './bcd.ts';
import { Journal } from './journal.ts';
import { decodeStatusInformation } from './pt-messages.ts';
import { CARDS, type Scenario, ScenarioBook } from './scenarios.ts';
import { Terminal } from './terminal.ts';

const bytes = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((x) => Number.parseInt(x, 16)));
const ACK = '80 00 00';

/** ECR double: answers every PT message with 80 00 unless `answer` says otherwise. */
class EcrDouble implements ApduLink {
  readonly inbox = new ApduQueue();
  readonly sent: Uint8Array[] = [];
  closed = false;
  answer: (apdu: Uint8Array, index: number) => string[] | undefined = () => undefined;

  async send(apdu: Uint8Array): Promise<void> {
    this.sent.push(apdu);
    if (apdu[0] === 0x80 || apdu[0] === 0x84) return;
    for (const reply of this.answer(apdu, this.sent.length - 1) ?? [ACK]) this.inbox.push(bytes(reply));
  }

  receive(timeoutMs: number): Promise<Uint8Array | undefined> {
    return this.inbox.receive(timeoutMs);
  }

  /** Control fields of what the PT sent, e.g. '04 FF 0A' for statuses, '06 1E 6C' for aborts. */
  get trail(): string[] {
    return this.sent.map((b) => {
      const head = hex(b.subarray(0, 2));
      if (head === '04 FF' || head === '06 1E') return `${head} ${hex(b[3]!)}`;
      return head;
    });
  }

  statusInfos() {
    return this.sent
      .filter((b) => b[0] === 0x04 && b[1] === 0x0f)
      .map((b) => decodeStatusInformation(decodeApdu(b)));
  }
}

function setup(options: { sleep?: (ms: number) => Promise<void>; ackTimeoutMs?: number } = {}) {
  const journal = new Journal();
  const scenarios = new ScenarioBook();
  const terminal = new Terminal({
    journal,
    scenarios,
    now: () => new Date('2026-03-01T10:20:30Z'),
    timeZone: 'Europe/Madrid',
    terminalId: '52500042',
    statusRepeatMs: 1,
    ackTimeoutMs: options.ackTimeoutMs ?? 1_000,
    sleep: options.sleep,
  });
  const ecr = new EcrDouble();
  const send = async (command: string): Promise<EcrDouble> => {
    ecr.sent.length = 0;
    await terminal.handle(ecr, bytes(command));
    return ecr;
  };
  return { journal, scenarios, terminal, ecr, send };
}

const REGISTER_BA = '06 00 06 00 00 00 BA 09 78';
const PAY_10 = '06 01 07 04 00 00 00 00 10 00';

describe('terminal: registration and simple commands', () => {
  it('acks Registration, completes with TID and currency, and keeps the config byte', async () => {
    const { send, terminal } = setup();
    const ecr = await send(REGISTER_BA);
    expect(ecr.trail).toEqual(['80 00', '06 0F']);
    expect(hex(ecr.sent[1]!)).toBe('06 0F 0A 19 00 29 52 50 00 42 49 09 78');
    expect(terminal.config).toBe(0xba);
    expect(terminal.registered).toBe(true);
  });

  it('answers Status enquiry with software version and status, Log-off with 80 00', async () => {
    const { send } = setup();
    const ecr = await send('05 01 03 00 00 00');
    expect(ecr.trail).toEqual(['80 00', '06 0F']);
    expect(ecr.sent[1]![ecr.sent[1]!.length - 1]).toBe(0x00);
    expect((await send('06 02 00')).trail).toEqual(['80 00']);
    expect((await send('06 70 00')).trail).toEqual(['80 00', '04 FF 0E', '06 0F']);
  });

  it('refuses unknown commands with 84 83 and malformed ones with 84 9A', async () => {
    const { send } = setup();
    expect(hex((await send('06 93 03 00 00 00')).sent[0]!)).toBe('84 83 00');
    expect(hex((await send('06 01 02 04 00')).sent[0]!)).toBe('84 9A 00');
  });
});

describe('terminal: payments', () => {
  it('approves: 80 00, statuses, 04 0F with the transaction, print lines, 06 0F; books it', async () => {
    const { send, journal } = setup();
    await send(REGISTER_BA);
    const ecr = await send(PAY_10);
    const lines = ecr.trail.filter((t) => t === '06 D1').length;
    expect(lines).toBeGreaterThan(3);
    expect(ecr.trail).toEqual([
      '80 00',
      '04 FF 0A',
      '04 FF 01',
      '04 FF 04',
      '04 0F',
      ...Array(lines).fill('06 D1'),
      '06 0F',
    ]);
    const lastLine = ecr.sent[ecr.sent.length - 2]!;
    expect(lastLine[3]).toBe(0x81);
    expect(ecr.statusInfos()).toEqual([
      {
        resultCode: 0,
        amountCents: 1000,
        currency: '0978',
        traceNo: 1,
        receiptNo: 1,
        turnoverNo: 1,
        terminalId: '52500042',
        dateTime: { date: '260301', time: '112030' },
        cardType: 10,
        cardName: 'VISA',
        pan: CARDS.visa.pan,
        expiry: '2912',
        authCode: '007919',
        totals: undefined,
      },
    ]);
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]).toMatchObject({
      kind: 'payment',
      receiptNo: 1,
      amountCents: 1000,
      at: '2026-03-01T10:20:30.000Z',
    });
  });

  it('sends no print lines and no statuses when Registration did not ask for them', async () => {
    const { send } = setup();
    await send('06 00 04 00 00 00 00');
    expect((await send(PAY_10)).trail).toEqual(['80 00', '04 0F', '06 0F']);
  });

  it('declines with the configured result code: 04 0F rc, 06 1E rc, nothing booked', async () => {
    const { send, scenarios, journal } = setup();
    scenarios.queueNext({ kind: 'declined', resultCode: 0x33 });
    const ecr = await send(PAY_10);
    expect(ecr.trail).toEqual(['80 00', '04 FF 0A', '04 FF 01', '04 FF 04', '04 FF 1D', '04 0F', '06 1E 33']);
    expect(ecr.statusInfos()[0]).toMatchObject({ resultCode: 0x33, amountCents: 1000 });
    expect(journal.entries).toEqual([]);
    expect(journal.last?.status.resultCode).toBe(0x33);
  });

  it('can decline with 06 1E only', async () => {
    const { send, scenarios } = setup();
    scenarios.queueNext({ kind: 'declined', withStatusInformation: false });
    expect((await send(PAY_10)).trail.slice(-2)).toEqual(['04 FF 1D', '06 1E 05']);
  });

  it('plays card removed, wrong PIN and customer abort', async () => {
    const { send, scenarios, journal } = setup();
    scenarios.queueNext(
      { kind: 'card-removed' },
      { kind: 'pin-wrong', attempts: 2 },
      { kind: 'customer-abort' },
    );
    expect((await send(PAY_10)).trail).toEqual(['80 00', '04 FF 0A', '04 FF 0C', '06 1E 64']);
    expect((await send(PAY_10)).trail).toEqual([
      '80 00',
      '04 FF 0A',
      '04 FF 01',
      '04 FF 15',
      '04 FF 01',
      '04 FF 15',
      '04 FF 18',
      '06 1E 37',
    ]);
    expect((await send(PAY_10)).trail).toEqual(['80 00', '04 FF 0A', '06 1E 6C']);
    expect(journal.entries).toEqual([]);
  });

  it('stops on 06 B0 from the ECR during the card phase with 06 1E 6C', async () => {
    const { send, ecr, journal } = setup();
    ecr.answer = (apdu) => (apdu[1] === 0xff && apdu[3] === 0x01 ? ['06 B0 00'] : undefined);
    const trail = (await send(PAY_10)).trail;
    expect(trail).toEqual(['80 00', '04 FF 0A', '04 FF 01', '80 00', '06 1E 6C']);
    expect(journal.entries).toEqual([]);
  });

  it('re-sends 04 0F after 84 9C, and reverses the payment after 84 66', async () => {
    const { send, ecr, journal } = setup();
    let asked = 0;
    ecr.answer = (apdu) => (apdu[1] === 0x0f && apdu[0] === 0x04 && asked++ === 0 ? ['84 9C 00'] : undefined);
    expect((await send(PAY_10)).trail.filter((t) => t === '04 0F')).toHaveLength(2);
    expect(journal.entries[0]?.reversed).toBe(false);

    ecr.answer = (apdu) => (apdu[0] === 0x04 && apdu[1] === 0x0f ? ['84 66 00'] : undefined);
    expect((await send(PAY_10)).trail.slice(-2)).toEqual(['04 0F', '06 1E 66']);
    expect(journal.entries[1]?.reversed).toBe(true);
    expect(journal.totals().grandTotalCents).toBe(1000);
  });

  it('keeps the payment booked when the ECR never acks the 04 0F (outcome unknown to the ECR)', async () => {
    const { send, ecr, journal } = setup({ ackTimeoutMs: 30 });
    ecr.answer = (apdu) => (apdu[0] === 0x04 && apdu[1] === 0x0f ? [] : undefined);
    await expect(send(PAY_10)).rejects.toMatchObject({ code: 'zvtsim.link_timeout' });
    expect(journal.entries).toHaveLength(1);
  });

  it('waits the configured delay before each intermediate status', async () => {
    const waits: number[] = [];
    const { send, scenarios } = setup({ sleep: async (ms) => void waits.push(ms) });
    scenarios.setDefault({ kind: 'approved', statusDelayMs: 750 });
    await send(PAY_10);
    expect(waits).toEqual([750, 750, 750]);
  });

  it('uses the card a scenario names', async () => {
    const { send, scenarios, journal } = setup();
    scenarios.setForAmount(1000, { kind: 'approved', card: CARDS.girocard });
    await send(PAY_10);
    expect(journal.entries[0]).toMatchObject({ cardType: 5, cardName: 'GIROCARD' });
  });
});

describe('terminal: silence and reboots', () => {
  it('timeout: acks, then goes silent until woken', async () => {
    const { send, scenarios, terminal, journal } = setup();
    scenarios.queueNext({ kind: 'timeout', silenceMs: 60_000 });
    expect((await send(PAY_10)).trail).toEqual(['80 00']);
    expect(terminal.mode).toBe('silent');
    expect((await send(PAY_10)).trail).toEqual([]);
    terminal.wake();
    expect(terminal.mode).toBe('up');
    expect(journal.entries).toEqual([]);
    terminal.dispose();
  });

  it('reboot: goes down mid-transaction with the payment recorded or not, then comes back', async () => {
    for (const recorded of [true, false]) {
      const { send, scenarios, terminal, journal } = setup();
      const modes: string[] = [];
      terminal.onModeChange((m) => modes.push(m));
      scenarios.queueNext({ kind: 'reboot', recorded, downMs: 20 } satisfies Scenario);
      expect((await send(PAY_10)).trail).toEqual(['80 00', '04 FF 0A', '04 FF 01', '04 FF 04']);
      expect(terminal.mode).toBe('rebooting');
      expect(journal.entries).toHaveLength(recorded ? 1 : 0);
      await new Promise((r) => setTimeout(r, 40));
      expect(modes).toEqual(['rebooting', 'up']);
      // After the reboot, Repeat receipt tells the ECR what happened.
      const infos = (await send('06 20 03 00 00 00')).statusInfos();
      expect(infos.map((i) => i.receiptNo)).toEqual(recorded ? [1] : []);
    }
  });
});

describe('terminal: reversal, refund, end-of-day, repeat receipt', () => {
  it('reverses a payment of the day once; refuses unknown (B5) and repeated (B4) reversals', async () => {
    const { send, journal } = setup();
    await send(PAY_10);
    const ecr = await send('06 30 06 00 00 00 87 00 01');
    expect(ecr.trail).toEqual(['80 00', '04 FF 0A', '04 FF 04', '04 0F', '06 0F']);
    expect(ecr.statusInfos()[0]).toMatchObject({ resultCode: 0, amountCents: 1000, receiptNo: 2 });
    expect(journal.findPayment(1)?.reversed).toBe(true);
    expect((await send('06 30 06 00 00 00 87 00 01')).trail).toEqual(['80 00', '06 1E B4']);
    expect((await send('06 30 06 00 00 00 87 00 77')).trail).toEqual(['80 00', '06 1E B5']);
  });

  it('refunds an amount; refuses a refund without amount', async () => {
    const { send, journal } = setup();
    const ecr = await send('06 31 0A 00 00 00 04 00 00 00 00 02 50');
    expect(ecr.statusInfos()[0]).toMatchObject({ resultCode: 0, amountCents: 250 });
    expect(journal.entries[0]).toMatchObject({ kind: 'refund', amountCents: 250 });
    expect(hex((await send('06 31 03 00 00 00')).sent[0]!)).toBe('84 83 00');
  });

  it('End-of-Day reports the day totals in 04 0F (BMP 04 and 60), then starts a new day', async () => {
    const { send, scenarios, journal } = setup();
    scenarios.queueNext(
      { kind: 'approved' },
      { kind: 'approved', card: CARDS.mastercard },
      { kind: 'declined' },
    );
    await send(PAY_10);
    await send('06 01 07 04 00 00 00 00 25 50');
    await send('06 01 07 04 00 00 00 00 99 99');
    await send('06 31 0A 00 00 00 04 00 00 00 00 01 00');
    const ecr = await send('06 50 03 00 00 00');
    expect(ecr.trail).toEqual(['80 00', '04 FF 0E', '04 0F', '06 0F']);
    const [info] = ecr.statusInfos();
    expect(info?.amountCents).toBe(1000 + 2550 - 100);
    expect(info?.totals).toMatchObject({
      firstReceiptNo: 1,
      lastReceiptNo: 3,
      visa: { count: 1, cents: 1000 },
      mastercard: { count: 1, cents: 2550 },
      girocard: { count: 0, cents: 0 },
    });
    expect(journal.entries).toEqual([]);
    expect(journal.closedBatches[0]?.totals.overall.netCents).toBe(3450);
    const again = (await send('06 50 03 00 00 00')).statusInfos()[0];
    expect(again?.amountCents).toBe(0);
  });

  it('Repeat receipt resends the last 04 0F, or only 06 0F when there is none', async () => {
    const { send } = setup();
    expect((await send('06 20 03 00 00 00')).trail).toEqual(['80 00', '06 0F']);
    await send(PAY_10);
    const ecr = await send('06 20 03 00 00 00');
    expect(ecr.trail).toEqual(['80 00', '04 0F', '06 0F']);
    expect(ecr.statusInfos()[0]).toMatchObject({ receiptNo: 1, amountCents: 1000, resultCode: 0 });
  });
});
