import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeApdu } from './apdu.ts';
import {
  abortMessage,
  decodeSingleTotals,
  decodeStatusInformation,
  encodeSingleTotals,
  intermediateStatus,
  printLine,
  type SingleTotals,
  type StatusInformation,
  statusEnquiryCompletion,
  statusInformation,
} from './pt-messages.ts';

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const group = fc.record({
  count: fc.integer({ min: 0, max: 255 }),
  cents: fc.integer({ min: 0, max: 999_999_999_999 }),
});
const totalsArb: fc.Arbitrary<SingleTotals> = fc.record({
  firstReceiptNo: fc.integer({ min: 0, max: 9999 }),
  lastReceiptNo: fc.integer({ min: 0, max: 9999 }),
  girocard: group,
  jcb: group,
  mastercard: group,
  amex: group,
  visa: group,
  diners: group,
  others: group,
});
const infoArb: fc.Arbitrary<StatusInformation> = fc.record({
  resultCode: fc.integer({ min: 0, max: 255 }),
  amountCents: fc.option(fc.integer({ min: 0, max: 999_999_999_999 }), { nil: undefined }),
  currency: fc.option(digits(4), { nil: undefined }),
  traceNo: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
  receiptNo: fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }),
  turnoverNo: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
  terminalId: fc.option(digits(8), { nil: undefined }),
  dateTime: fc.option(fc.record({ date: digits(6), time: digits(6) }), { nil: undefined }),
  cardType: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
  cardName: fc.option(fc.stringMatching(/^[A-Z ]{0,20}$/), { nil: undefined }),
  pan: fc.option(fc.stringMatching(/^[0-9*]{12,19}$/), { nil: undefined }),
  expiry: fc.option(digits(4), { nil: undefined }),
  authCode: fc.option(fc.stringMatching(/^[0-9A-Z]{0,8}$/), { nil: undefined }),
  totals: fc.option(totalsArb, { nil: undefined }),
});

describe('PT messages', () => {
  it('builds 04 FF, 06 D1 and 06 1E as zvt.md §3 shows', () => {
    expect([...encodeApdu(intermediateStatus(0x0a))]).toEqual([0x04, 0xff, 0x02, 0x0a, 0x00]);
    expect([...encodeApdu(printLine('AB', 0x81))]).toEqual([0x06, 0xd1, 0x03, 0x81, 0x41, 0x42]);
    expect([...encodeApdu(abortMessage(0x6c))]).toEqual([0x06, 0x1e, 0x01, 0x6c]);
    expect([...encodeApdu(statusEnquiryCompletion('V1', 0))]).toEqual([
      0x06, 0x0f, 0x06, 0xf0, 0xf0, 0xf2, 0x56, 0x31, 0x00,
    ]);
  });

  it('puts the result code first in 04 0F', () => {
    const apdu = encodeApdu(statusInformation({ resultCode: 0x05, amountCents: 1000 }));
    expect([...apdu.subarray(0, 5)]).toEqual([0x04, 0x0f, 0x09, 0x27, 0x05]);
  });

  it('round-trips status information', () => {
    fc.assert(
      fc.property(infoArb, (info) => {
        const decoded = decodeStatusInformation(statusInformation(info));
        const expected = { ...info, authCode: info.authCode?.trimEnd() };
        expect(decoded).toEqual(expected);
      }),
    );
  });

  it('round-trips BMP 60 single totals (4 + 7 × 7 bytes, zvt.md §7)', () => {
    fc.assert(
      fc.property(totalsArb, (totals) => {
        const bytes = encodeSingleTotals(totals);
        expect(bytes).toHaveLength(53);
        expect(decodeSingleTotals(bytes)).toEqual(totals);
      }),
    );
  });
});
