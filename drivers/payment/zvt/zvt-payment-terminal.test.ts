import { describe, expect, it } from 'vitest';
import type { PaymentTerminalEvent } from '../payment-terminal.ts';
import { ZvtControl, encodeApdu } from './apdu.ts';
import { encodeBmps } from './bmp.ts';
import type { StatusInformation } from './pt-messages.ts';
import { ScriptedLink, type Step, hexOf, msg, pt } from './test-support.ts';
import { encodeIndividualTotals } from './totals.ts';
import { ZvtPaymentTerminal } from './zvt-payment-terminal.ts';

const ACK = '80 00 00';
const APPROVED = msg(
  ZvtControl.StatusInformation,
  '27 00 04 00 00 00 00 12 34 0B 00 01 23 0C 13 45 07 AA 26 11 23 87 00 42 29 52 50 01 23 8B F0 F4 56 49 53 41',
);

function terminal(steps: Step[], extra: Partial<ConstructorParameters<typeof ZvtPaymentTerminal>[0]> = {}) {
  const link = new ScriptedLink(steps);
  const term = new ZvtPaymentTerminal({ link, now: () => link.clock, password: '000000', ...extra });
  const events: PaymentTerminalEvent[] = [];
  term.onEvent((e) => events.push(e));
  return { link, term, events };
}

describe('ZvtPaymentTerminal.pay', () => {
  it('approved: transaction, receipt, display events; journal runs before the 04 0F is acked', async () => {
    const sentWhenJournaled: number[] = [];
    const journaled: StatusInformation[] = [];
    const { link, term, events } = terminal(
      [
        pt(ACK),
        pt('04 FF 02 0A 3C'),
        pt('04 FF 02 01 3C'),
        pt(APPROVED),
        pt('06 D1 06 40 56 45 4E 54 41'),
        pt('06 D1 04 81 46 49 4E'),
        pt('06 0F 00'),
      ],
      {
        journalStatusInformation: async (info) => {
          sentWhenJournaled.push(link.sent.length);
          journaled.push(info);
        },
      },
    );
    const outcome = await term.pay(1234, 'REC-1');
    expect(outcome).toEqual({
      kind: 'approved',
      transaction: {
        amountCents: 1234,
        currency: 978,
        receiptNumber: 42,
        traceNumber: 123,
        terminalId: '52500123',
        cardName: 'VISA',
        terminalDateTime: '2026-11-23T13:45:07',
      },
      receipt: [{ copy: 'unspecified', lines: ['VENTA', 'FIN'] }],
    });
    // command + acks of two 04 FF had been sent; the 04 0F ack comes after the journal.
    expect(sentWhenJournaled).toEqual([3]);
    expect(journaled[0]?.receiptNumber).toBe(42);
    expect(link.sent[0]).toBe('06 01 0A 04 00 00 00 00 12 34 49 09 78');
    expect(events.filter((e) => e.type === 'display').map((e) => e.type === 'display' && e.text)).toEqual([
      'Inserte o acerque la tarjeta',
      'Introduzca el PIN',
    ]);
    expect(events.filter((e) => e.type === 'print_line')).toHaveLength(2);
  });

  it('sends the reference in BMP 3C only when configured', async () => {
    const { link, term } = terminal([pt(ACK), pt(APPROVED), pt('06 0F 00')], { sendReference: true });
    await term.pay(1234, 'R1');
    expect(link.sent[0]).toBe('06 01 10 04 00 00 00 00 12 34 49 09 78 3C F0 F0 F2 52 31');
  });

  it('declined by the result code of 04 0F', async () => {
    const { term } = terminal([pt(ACK), pt('04 0F 02 27 78'), pt('06 0F 00')]);
    expect(await term.pay(1234, 'R')).toEqual({
      kind: 'declined',
      refusal: { providerCode: 'zvt:78', message: 'Tarjeta caducada' },
      receipt: [],
    });
  });

  it('declined when the PT aborts (customer cancelled / PT timeout)', async () => {
    const { term } = terminal([pt(ACK), pt('04 FF 02 0A 3C'), pt('06 1E 01 6C')]);
    expect(await term.pay(1234, 'R')).toMatchObject({
      kind: 'declined',
      refusal: { providerCode: 'zvt:6C' },
    });
  });

  it('UNKNOWN, not failed, when the end never comes — even after an approval', async () => {
    const { term } = terminal([pt(ACK), pt(APPROVED)], { completionTimeoutMs: 10_000 });
    expect(await term.pay(1234, 'R')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
  });

  it('UNKNOWN when the command is not acked, or the link drops', async () => {
    expect(await terminal([]).term.pay(1, 'R')).toMatchObject({ kind: 'unknown', reason: 'timeout' });
    const dropped = terminal([pt(ACK), { result: { kind: 'closed', detail: 'EPIPE' } }]);
    expect(await dropped.term.pay(1, 'R')).toMatchObject({ kind: 'unknown', reason: 'link_lost' });
  });

  it('UNKNOWN when the PT completes without a result, or the result was unreadable', async () => {
    expect(await terminal([pt(ACK), pt('06 0F 00')]).term.pay(1, 'R')).toMatchObject({
      kind: 'unknown',
      reason: 'no_result',
    });
    expect(await terminal([pt(ACK), pt('04 0F 02 99 00'), pt('06 0F 00')]).term.pay(1, 'R')).toMatchObject({
      kind: 'unknown',
      reason: 'unreadable_answer',
    });
  });

  it('not started when the PT refuses the command or is busy', async () => {
    expect(await terminal([pt('84 6B 00')]).term.pay(1, 'R')).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:6B' },
    });
    const { term } = terminal([pt(ACK), pt(APPROVED), pt('06 0F 00')]);
    const first = term.pay(1234, 'A');
    expect(await term.pay(1234, 'B')).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:busy' },
    });
    expect((await first).kind).toBe('approved');
  });

  it('a failing journal stops the 04 0F from being acked and reaches the caller', async () => {
    const { link, term } = terminal([pt(ACK), pt(APPROVED), pt('06 0F 00')], {
      journalStatusInformation: async () => {
        throw new RangeError('disk full');
      },
    });
    await expect(term.pay(1234, 'R')).rejects.toThrow('disk full');
    expect(link.sent).toHaveLength(1);
  });
});

describe('ZvtPaymentTerminal other operations', () => {
  it('abort: nothing running, or 06 B0 sent while a payment runs', async () => {
    expect(await terminal([]).term.abort()).toEqual({ kind: 'nothing_running' });
    const { link, term } = terminal([pt(ACK), pt('04 FF 02 0A 3C'), pt(ACK), pt('06 1E 01 6C')]);
    const paying = term.pay(1234, 'R');
    expect(await term.abort()).toEqual({ kind: 'requested' });
    expect(await paying).toMatchObject({ kind: 'declined', refusal: { providerCode: 'zvt:6C' } });
    expect(link.sent).toContain('06 B0 00');
  });

  it('reverse by receipt number', async () => {
    const ok = terminal([pt(ACK), pt(APPROVED), pt('06 0F 00')]);
    expect(await ok.term.reverse(42)).toMatchObject({ kind: 'reversed', transaction: { receiptNumber: 42 } });
    expect(ok.link.sent[0]).toBe('06 30 06 00 00 00 87 00 42');
    expect(await terminal([pt(ACK), pt('06 1E 01 B5')]).term.reverse(42)).toMatchObject({
      kind: 'refused',
      refusal: { message: 'No es posible anular la operación' },
    });
  });

  it('end of day with totals', async () => {
    const data = encodeBmps([
      { tag: 0x27, value: Uint8Array.of(0) },
      { tag: 0x04, value: Uint8Array.of(0, 0, 0, 0, 0x45, 0) },
      {
        tag: 0x60,
        value: encodeIndividualTotals({
          firstReceiptNumber: 1,
          lastReceiptNumber: 3,
          groups: [{ group: 'girocard', count: 3, totalCents: 4500 }],
        }),
      },
    ]);
    const eod = hexOf(encodeApdu({ control: ZvtControl.StatusInformation, data }));
    const { term, link } = terminal([pt(ACK), pt(eod), pt('06 0F 00')]);
    expect(await term.endOfDay()).toEqual({
      kind: 'closed',
      totalCents: 4500,
      firstReceiptNumber: 1,
      lastReceiptNumber: 3,
      schemes: [{ scheme: 'girocard', count: 3, totalCents: 4500 }],
      receipt: [],
    });
    expect(link.sent[0]).toBe('06 50 03 00 00 00');
  });

  it('status: ready, not ready, unreachable', async () => {
    expect(await terminal([pt(ACK), pt('06 0F 08 F0 F0 F4 56 31 2E 30 00')]).term.status()).toEqual({
      kind: 'ready',
      softwareVersion: 'V1.0',
    });
    expect(await terminal([pt(ACK), pt('06 0F 08 F0 F0 F4 56 31 2E 30 C2')]).term.status()).toMatchObject({
      kind: 'not_ready',
      refusal: { providerCode: 'zvt:C2' },
    });
    expect(await terminal([]).term.status()).toMatchObject({ kind: 'unreachable' });
  });

  it('last transaction: found from 04 0F or receipt, not available when the PT sends nothing', async () => {
    expect(await terminal([pt(ACK), pt(APPROVED), pt('06 0F 00')]).term.lastTransaction()).toMatchObject({
      kind: 'found',
      approved: true,
      transaction: { receiptNumber: 42 },
    });
    const block = '06 D3 0A 06 08 25 06 07 01 41 07 01 42';
    expect(await terminal([pt(ACK), pt(block), pt('06 0F 00')]).term.lastTransaction()).toEqual({
      kind: 'found',
      receipt: [{ copy: 'unspecified', lines: ['A', 'B'] }],
    });
    expect(await terminal([pt(ACK), pt('06 0F 00')]).term.lastTransaction()).toEqual({
      kind: 'not_available',
    });
  });
});
