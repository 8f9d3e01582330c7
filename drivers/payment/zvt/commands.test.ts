import { describe, expect, it } from 'vitest';
import { encodeApdu } from './apdu.ts';
import {
  KIOSK_REGISTRATION_CONFIG,
  RegistrationConfig,
  abortCommand,
  authorization,
  diagnosis,
  endOfDay,
  logOff,
  refund,
  registration,
  repeatReceipt,
  reversal,
  sendTurnoverTotals,
  statusEnquiry,
} from './commands.ts';
import { ZvtEncodeError } from './errors.ts';
import { fromHex } from './test-support.ts';

const wire = (a: Parameters<typeof encodeApdu>[0]): Uint8Array => encodeApdu(a);

describe('ECR→PT commands', () => {
  it('Registration 06 00 (docs/zvt.md §2.1 vector)', () => {
    expect(
      wire(registration({ password: '000000', config: KIOSK_REGISTRATION_CONFIG, currency: 978 })),
    ).toEqual(fromHex('06 00 06 00 00 00 BA 09 78'));
    expect(wire(registration({ password: '123456', config: 0x08 }))).toEqual(fromHex('06 00 04 12 34 56 08'));
    expect(wire(registration({ password: '000000', config: 0xba, serviceByte: 0x02 }))).toEqual(
      fromHex('06 00 08 00 00 00 BA 09 78 03 02'),
    );
    expect(
      wire(registration({ password: '000000', config: 0xba, tlv: [{ tag: 0x1a, value: fromHex('04 00') }] })),
    ).toEqual(fromHex('06 00 0C 00 00 00 BA 09 78 06 04 1A 02 04 00'));
    const bits = Object.values(RegistrationConfig).reduce((a, b) => a | b, 0);
    expect(bits & KIOSK_REGISTRATION_CONFIG).toBe(KIOSK_REGISTRATION_CONFIG);
  });

  it('Authorization 06 01', () => {
    expect(wire(authorization({ amountCents: 1000 }))).toEqual(fromHex('06 01 07 04 00 00 00 00 10 00'));
    expect(
      wire(
        authorization({
          amountCents: 1234,
          currency: 978,
          timeoutSeconds: 60,
          maxStatusInfos: 5,
          paymentType: 0x40,
        }),
      ),
    ).toEqual(fromHex('06 01 10 04 00 00 00 00 12 34 49 09 78 19 40 01 3C 02 05'));
    expect(wire(authorization({ amountCents: 1, additionalText: 'R-1' }))).toEqual(
      fromHex('06 01 0E 04 00 00 00 00 00 01 3C F0 F0 F3 52 2D 31'),
    );
  });

  it('Reversal 06 30, Refund 06 31, End-of-Day 06 50, totals 06 10, repeat receipt 06 20', () => {
    expect(wire(reversal({ password: '000000', receiptNumber: 42 }))).toEqual(
      fromHex('06 30 06 00 00 00 87 00 42'),
    );
    expect(wire(reversal({ password: '000000', receiptNumber: 9999, amountCents: 500 }))).toEqual(
      fromHex('06 30 0D 00 00 00 87 99 99 04 00 00 00 00 05 00'),
    );
    expect(wire(refund({ password: '000000', amountCents: 250, currency: 978 }))).toEqual(
      fromHex('06 31 0D 00 00 00 04 00 00 00 00 02 50 49 09 78'),
    );
    expect(wire(endOfDay('000000'))).toEqual(fromHex('06 50 03 00 00 00'));
    expect(wire(sendTurnoverTotals('000000'))).toEqual(fromHex('06 10 03 00 00 00'));
    expect(wire(repeatReceipt('000000'))).toEqual(fromHex('06 20 03 00 00 00'));
  });

  it('Diagnosis 06 70, Status enquiry 05 01, Abort 06 B0, Log-off 06 02', () => {
    expect(wire(diagnosis())).toEqual(fromHex('06 70 00'));
    expect(wire(diagnosis([{ tag: 0x1b, value: fromHex('02') }]))).toEqual(
      fromHex('06 70 05 06 03 1B 01 02'),
    );
    expect(wire(statusEnquiry())).toEqual(fromHex('05 01 00'));
    expect(wire(statusEnquiry({ password: '000000', serviceByte: 1 }))).toEqual(
      fromHex('05 01 05 00 00 00 03 01'),
    );
    expect(wire(abortCommand())).toEqual(fromHex('06 B0 00'));
    expect(wire(logOff())).toEqual(fromHex('06 02 00'));
  });

  it('refuses bad input with ZvtEncodeError', () => {
    expect(() => registration({ password: '12345', config: 0xba })).toThrow(ZvtEncodeError);
    expect(() => registration({ password: '000000', config: 0x100 })).toThrow(ZvtEncodeError);
    expect(() => authorization({ amountCents: -5 })).toThrow(ZvtEncodeError);
    expect(() => authorization({ amountCents: 0.5 })).toThrow(ZvtEncodeError);
    expect(() => reversal({ password: '000000', receiptNumber: 10000 })).toThrow(ZvtEncodeError);
    expect(() => statusEnquiry({ serviceByte: 1 })).toThrow(ZvtEncodeError);
  });
});
