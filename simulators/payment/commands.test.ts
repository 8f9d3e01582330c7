import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeApdu } from './apdu.ts';
import { decodeEcrAnswer, decodeEcrCommand } from './commands.ts';
import { ZvtCodecError } from './errors.ts';

const cmd = (s: string) =>
  decodeEcrCommand(decodeApdu(Uint8Array.from(s.split(' ').map((x) => Number.parseInt(x, 16)))));

describe('ECR commands', () => {
  it('reads Registration with config byte and currency (zvt.md §3)', () => {
    expect(cmd('06 00 06 00 00 00 BA 09 78')).toEqual({
      kind: 'registration',
      password: '000000',
      config: 0xba,
      currency: '0978',
      serviceByte: undefined,
    });
    expect(cmd('06 00 08 12 34 56 08 09 78 03 01')).toMatchObject({ password: '123456', serviceByte: 1 });
    expect(cmd('06 00 04 00 00 00 08')).toMatchObject({ config: 0x08, currency: undefined });
  });

  it('reads Authorization amount and optional BMPs', () => {
    expect(cmd('06 01 07 04 00 00 00 00 10 00')).toEqual({
      kind: 'authorization',
      amountCents: 1000,
      currency: undefined,
      paymentType: undefined,
      cardType: undefined,
      timeoutSeconds: undefined,
    });
    expect(cmd('06 01 0C 04 00 00 00 00 12 34 49 09 78 19 40')).toMatchObject({
      amountCents: 1234,
      currency: '0978',
      paymentType: 0x40,
    });
  });

  it('reads Reversal, Refund, End-of-Day, Repeat receipt and the argument-less commands', () => {
    expect(cmd('06 30 06 00 00 00 87 00 42')).toMatchObject({ kind: 'reversal', receiptNo: 42 });
    expect(cmd('06 31 0A 00 00 00 04 00 00 00 00 05 00')).toMatchObject({ kind: 'refund', amountCents: 500 });
    expect(cmd('06 50 03 00 00 00')).toEqual({ kind: 'end-of-day', password: '000000' });
    expect(cmd('06 20 03 00 00 00')).toEqual({ kind: 'repeat-receipt', password: '000000' });
    expect(cmd('06 02 00')).toEqual({ kind: 'log-off' });
    expect(cmd('06 B0 00')).toEqual({ kind: 'abort' });
    expect(cmd('06 70 00')).toEqual({ kind: 'diagnosis' });
    expect(cmd('05 01 03 00 00 00')).toEqual({ kind: 'status-enquiry' });
  });

  it('tells unknown commands from malformed ones', () => {
    expect(() => cmd('06 93 03 00 00 00')).toThrow(
      expect.objectContaining({ code: 'zvtsim.command_unknown' }),
    );
    expect(() => cmd('06 01 00')).toThrow(expect.objectContaining({ code: 'zvtsim.command_malformed' }));
    expect(() => cmd('06 30 03 00 00 00')).toThrow(
      expect.objectContaining({ code: 'zvtsim.command_malformed' }),
    );
    expect(() => cmd('06 01 02 04 00')).toThrow(
      expect.objectContaining({ code: 'zvtsim.command_malformed' }),
    );
  });

  it('reads the ECR answers 80 00, 84 00 (positive) and 84 xx', () => {
    expect(decodeEcrAnswer({ cls: 0x80, ins: 0, data: new Uint8Array(0) })).toEqual({ kind: 'positive' });
    expect(decodeEcrAnswer({ cls: 0x84, ins: 0, data: new Uint8Array(0) })).toEqual({ kind: 'positive' });
    expect(decodeEcrAnswer({ cls: 0x84, ins: 0x9c, data: new Uint8Array(0) })).toEqual({
      kind: 'negative',
      code: 0x9c,
    });
  });

  it('throws nothing but ZvtCodecError on arbitrary command data', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0x0600, 0x0601, 0x0630, 0x0631, 0x0650, 0x0620, 0x0501, 0x0699),
        fc.uint8Array({ maxLength: 40 }),
        (control, data) => {
          try {
            decodeEcrCommand({ cls: control >> 8, ins: control & 0xff, data });
          } catch (error) {
            expect(error).toBeInstanceOf(ZvtCodecError);
          }
        },
      ),
    );
  });
});
