import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSITIVE_ACK, ZvtControl, encodeApdu, negativeAck } from './apdu.ts';
import { abortCommand, authorization, statusEnquiry } from './commands.ts';
import { ZvtDecodeError } from './errors.ts';
import type { PtMessage } from './pt-messages.ts';
import { runExchange } from './session.ts';
import { ScriptedLink, hexOf, pt } from './test-support.ts';

const ACK = '80 00 00';
const PAY = authorization({ amountCents: 1234 });
const PAY_HEX = hexOf(encodeApdu(PAY));
const STATUS_OK = '04 0F 10 27 00 04 00 00 00 00 12 34 87 00 42 0B 00 01 23';
const PRINT_BLOCK = '06 D3 0A 06 08 25 06 07 01 41 07 01 42';

describe('runExchange (docs/zvt.md §6)', () => {
  it('runs a whole payment and answers every PT message with 80 00 00', async () => {
    const link = new ScriptedLink([
      pt(ACK),
      pt('04 FF 02 0A 3C'),
      pt('04 FF 02 01 3C'),
      pt('04 FF 02 04 3C'),
      pt(STATUS_OK),
      pt(PRINT_BLOCK),
      pt('06 D1 03 00 4F 4B'),
      pt('06 0F 00'),
    ]);
    const seen: PtMessage[] = [];
    const result = await runExchange(link, PAY, { now: () => link.clock, onMessage: (m) => seen.push(m) });
    expect(result.kind).toBe('completed');
    if (result.kind !== 'completed') return;
    expect(result.statusInformation).toHaveLength(1);
    expect(result.statusInformation[0]).toMatchObject({
      approved: true,
      amountCents: 1234,
      receiptNumber: 42,
    });
    expect(result.printouts.map((p) => p.kind)).toEqual(['block', 'line']);
    expect(result.unreadable).toEqual([]);
    expect(link.sent).toEqual([PAY_HEX, ACK, ACK, ACK, ACK, ACK, ACK, ACK]);
    expect(seen.flatMap((m) => (m.kind === 'intermediate_status' ? [m.status.text] : []))).toEqual([
      'Inserte o acerque la tarjeta',
      'Introduzca el PIN',
      'Esperando respuesta del banco',
    ]);
  });

  it('a negative ack to the command means it was refused', async () => {
    const link = new ScriptedLink([pt('84 83 00')]);
    expect(await runExchange(link, PAY, { now: () => link.clock })).toEqual({
      kind: 'rejected',
      code: 0x83,
      text: 'Función no disponible',
    });
    expect(link.sent).toEqual([PAY_HEX]);
  });

  it('no ack within T3 is a timeout in the ack phase', async () => {
    const link = new ScriptedLink([pt(ACK, 6000)]);
    const result = await runExchange(link, PAY, { now: () => link.clock, ackTimeoutMs: 5000 });
    expect(result).toMatchObject({ kind: 'timeout', phase: 'ack' });
  });

  it('an abort from the PT ends the command and is acknowledged', async () => {
    const link = new ScriptedLink([pt(ACK), pt('04 FF 02 0A 3C'), pt('06 1E 01 6C')]);
    const result = await runExchange(link, PAY, { now: () => link.clock });
    expect(result).toMatchObject({ kind: 'aborted', abort: { resultCode: 0x6c } });
    expect(link.sent).toEqual([PAY_HEX, ACK, ACK]);
  });

  it('T4 counts from the command: a result without completion is a timeout that keeps the result', async () => {
    const link = new ScriptedLink([pt(ACK, 100), pt(STATUS_OK, 1000), pt('06 0F 00', 10_000)]);
    const result = await runExchange(link, PAY, { now: () => link.clock, completionTimeoutMs: 5000 });
    expect(result).toMatchObject({ kind: 'timeout', phase: 'completion' });
    expect(result.kind === 'timeout' && result.statusInformation[0]?.approved).toBe(true);
    expect(link.clock).toBe(5000);
  });

  it('a dropped link after the result is link_lost with the result kept', async () => {
    const link = new ScriptedLink([
      pt(ACK),
      pt(STATUS_OK),
      { result: { kind: 'closed', detail: 'ECONNRESET' } },
    ]);
    const result = await runExchange(link, PAY, { now: () => link.clock });
    expect(result).toMatchObject({ kind: 'link_lost', phase: 'completion', detail: 'ECONNRESET' });
    expect(result.kind === 'link_lost' && result.statusInformation).toHaveLength(1);
  });

  it('a failed send of the command is link_lost, never rejected', async () => {
    const link = new ScriptedLink([]);
    link.failSends = true;
    expect(await runExchange(link, PAY, { now: () => link.clock })).toMatchObject({
      kind: 'link_lost',
      phase: 'ack',
      detail: 'Error: port closed',
    });
  });

  it('the caller answers 04 0F (journal first, or 84 9C to have it repeated)', async () => {
    const link = new ScriptedLink([pt(ACK), pt(STATUS_OK), pt(STATUS_OK), pt('06 0F 00')]);
    const journal: number[] = [];
    const result = await runExchange(link, PAY, {
      now: () => link.clock,
      answerStatusInformation: async (info) => {
        journal.push(info.receiptNumber ?? -1);
        return journal.length === 1 ? negativeAck(0x9c) : POSITIVE_ACK;
      },
    });
    expect(result.kind).toBe('completed');
    expect(journal).toEqual([42, 42]);
    expect(link.sent).toEqual([PAY_HEX, '84 9C 00', ACK, ACK]);
  });

  it('unreadable PT messages are recorded and still answered; a missing ack is tolerated', async () => {
    const link = new ScriptedLink([
      pt('04 FF 02 0A 3C'), // no 80 00 00 first
      pt('04 0F 02 99 00'), // unknown BMP 99
      { result: { kind: 'error', error: new ZvtDecodeError('zvt.crc_mismatch', 'x') } },
      pt('06 0F 00'),
    ]);
    const result = await runExchange(link, PAY, { now: () => link.clock });
    expect(result.kind).toBe('completed');
    expect(result.kind === 'completed' && result.unreadable.map((e) => e.code)).toEqual([
      'zvt.bmp_unknown',
      'zvt.crc_mismatch',
    ]);
    expect(link.sent).toEqual([PAY_HEX, ACK, ACK, ACK]);
  });

  it('acks the PT sends while we are slave (answers to our 06 B0) are not answered', async () => {
    const link = new ScriptedLink([pt(ACK), pt('04 FF 02 0A 3C'), pt(ACK), pt('06 1E 01 6C')]);
    const result = await runExchange(link, PAY, { now: () => link.clock });
    expect(result.kind).toBe('aborted');
    expect(link.sent).toEqual([PAY_HEX, ACK, ACK]);
    expect(hexOf(encodeApdu(abortCommand()))).toBe('06 B0 00');
  });

  it('Status enquiry completion uses its own layout', async () => {
    const link = new ScriptedLink([pt(ACK), pt('06 0F 08 F0 F0 F4 56 31 2E 30 00')]);
    const result = await runExchange(link, statusEnquiry(), { now: () => link.clock });
    expect(result).toMatchObject({
      kind: 'completed',
      completion: { softwareVersion: 'V1.0', terminalStatus: 0 },
    });
  });

  it('any run of PT messages ending in 06 0F is answered once per message', async () => {
    const middle = fc.constantFrom(
      '04 FF 02 0A 3C',
      '04 FF 01 0E',
      STATUS_OK,
      PRINT_BLOCK,
      '06 D1 02 00 41',
      '06 E0 00',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(middle, { maxLength: 12 }), async (messages) => {
        const link = new ScriptedLink([pt(ACK), ...messages.map((m) => pt(m)), pt('06 0F 00')]);
        const result = await runExchange(link, PAY, { now: () => link.clock });
        expect(result.kind).toBe('completed');
        expect(link.sent).toEqual([PAY_HEX, ...messages.map(() => ACK), ACK]);
        expect(result.kind === 'completed' && result.statusInformation.length).toBe(
          messages.filter((m) => m === STATUS_OK).length,
        );
      }),
    );
  });

  it('keeps ZvtControl names consistent with the wire', () => {
    expect(PAY.control).toBe(ZvtControl.Authorization);
  });
});
