import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCommandApdu, encodeResponseApdu } from './apdu.ts';
import { ApduFormatError } from './errors.ts';
import { exchangeT0 } from './t0-exchange.ts';

/** A T=0 card that knows one answer and deals it out in `chunk`-byte GET RESPONSE pieces. */
function fakeCard(answer: Uint8Array, chunk: number, options: { wantLe?: number } = {}) {
  const sent: Uint8Array[] = [];
  let pending: Uint8Array | undefined;
  const transmit = async (bytes: Uint8Array): Promise<Uint8Array> => {
    sent.push(bytes);
    const command = decodeCommandApdu(bytes);
    if (command.ins === 0xc0) {
      const now = pending!.subarray(0, command.le);
      pending = pending!.subarray(now.length);
      const sw = pending.length === 0 ? 0x9000 : 0x6100 | Math.min(pending.length, chunk);
      return encodeResponseApdu({ data: now, sw });
    }
    if (options.wantLe !== undefined && command.le !== options.wantLe) {
      return encodeResponseApdu({ data: new Uint8Array(0), sw: 0x6c00 | options.wantLe });
    }
    if (options.wantLe !== undefined) return encodeResponseApdu({ data: answer, sw: 0x9000 });
    pending = answer;
    return encodeResponseApdu({ data: new Uint8Array(0), sw: 0x6100 | Math.min(answer.length, chunk) });
  };
  return { sent, transmit };
}

describe('exchangeT0', () => {
  it('follows 61xx with GET RESPONSE until 9000', async () => {
    const answer = Uint8Array.from({ length: 40 }, (_, i) => i);
    const card = fakeCard(answer, 16);
    const response = await exchangeT0(
      { cla: 0, ins: 0xa4, p1: 0, p2: 0, data: Uint8Array.of(0x3f, 0) },
      card.transmit,
    );
    expect(response).toEqual({ data: answer, sw: 0x9000 });
    expect(card.sent.map((b) => Buffer.from(b).toString('hex'))).toEqual([
      '00a40000023f00',
      '00c0000010',
      '00c0000010',
      '00c0000008',
    ]);
  });

  it('re-sends once with the Le given by 6Cxx', async () => {
    const answer = Uint8Array.from({ length: 0xef }, (_, i) => i & 0xff);
    const card = fakeCard(answer, 256, { wantLe: 0xef });
    const response = await exchangeT0({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }, card.transmit);
    expect(response.data).toEqual(answer);
    expect(card.sent.map((b) => Buffer.from(b).toString('hex'))).toEqual(['00b0000000', '00b00000ef']);
  });

  it('drops Le of a case-4 command on T=0 when asked', async () => {
    const card = fakeCard(Uint8Array.of(1, 2), 256);
    await exchangeT0({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: Uint8Array.of(9), le: 256 }, card.transmit, {
      dropCase4Le: true,
    });
    expect(Buffer.from(card.sent[0]!).toString('hex')).toBe('008800000109');
  });

  it('gives up with ApduFormatError on a card that answers 61xx forever', async () => {
    const transmit = async () => Uint8Array.of(1, 0x61, 0x01);
    await expect(
      exchangeT0({ cla: 0, ins: 0xca, p1: 0, p2: 0, le: 1 }, transmit, { maxGetResponse: 5 }),
    ).rejects.toThrow(ApduFormatError);
  });

  it('property: whatever the chunking, the whole answer comes back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 1200 }),
        fc.integer({ min: 1, max: 255 }),
        async (answer, chunk) => {
          const card = fakeCard(answer, chunk);
          const response = await exchangeT0(
            { cla: 0, ins: 0xa4, p1: 4, p2: 0, data: Uint8Array.of(1) },
            card.transmit,
          );
          expect(response.data).toEqual(answer);
          expect(response.sw).toBe(0x9000);
        },
      ),
    );
  });
});
