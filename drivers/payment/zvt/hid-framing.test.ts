import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import {
  type HidFramingOptions,
  type HidReassemblyEvent,
  HidReassembler,
  packHidReports,
} from './hid-framing.ts';
import { fromHex } from './test-support.ts';

const opts: HidFramingOptions = { reportSize: 8, reportId: 0x02 };
const codes = (events: HidReassemblyEvent[]): string[] =>
  events.map((e) => (e.type === 'error' ? e.error.code : 'message'));

describe('HID framing', () => {
  it('packs into padded reports with id, control and length bytes', () => {
    const reports = packHidReports(fromHex('06 01 07 04 00 00 00 00 10 00'), opts);
    expect(reports).toEqual([fromHex('02 80 05 06 01 07 04 00'), fromHex('02 41 05 00 00 00 10 00')]);
    expect(packHidReports(fromHex('80 00 00'), opts)).toEqual([fromHex('02 C0 03 80 00 00 00 00')]);
    expect(packHidReports(new Uint8Array(0), opts)).toEqual([fromHex('02 C0 00 00 00 00 00 00')]);
  });

  it('reassembles', () => {
    const r = new HidReassembler(opts);
    expect(r.push(fromHex('02 80 05 06 01 07 04 00'))).toEqual([]);
    expect(r.inMessage).toBe(true);
    expect(r.push(fromHex('02 41 05 00 00 00 10 00'))).toEqual([
      { type: 'message', message: fromHex('06 01 07 04 00 00 00 00 10 00') },
    ]);
    expect(r.inMessage).toBe(false);
  });

  it('reports out-of-order, orphan and truncated reports as typed errors', () => {
    const r = new HidReassembler(opts);
    r.push(fromHex('02 80 05 06 01 07 04 00'));
    expect(codes(r.push(fromHex('02 42 05 00 00 00 10 00')))).toEqual(['zvt.hid_out_of_order']);
    expect(codes(r.push(fromHex('02 41 05 00 00 00 10 00')))).toEqual(['zvt.hid_out_of_order']); // no message open
    expect(codes(r.push(fromHex('02 C0 03 80 00')))).toEqual(['zvt.hid_truncated']); // short read
    expect(codes(r.push(fromHex('03 C0 03 80 00 00 00 00')))).toEqual(['zvt.hid_report_invalid']); // wrong id
    expect(codes(r.push(fromHex('02 C0 06 80 00 00 00 00')))).toEqual(['zvt.hid_report_invalid']); // length > 5
    expect(codes(r.push(fromHex('02 C1 03 80 00 00 00 00')))).toEqual(['zvt.hid_report_invalid']); // first with seq 1
    expect(codes(r.push(fromHex('02 C0 03 80 00 00 00 00 00')))).toEqual(['zvt.hid_report_invalid']); // too long
  });

  it('a new first report cuts the open message short and still yields its own message', () => {
    const r = new HidReassembler(opts);
    r.push(fromHex('02 80 05 06 01 07 04 00'));
    const events = r.push(fromHex('02 C0 03 80 00 00 00 00'));
    expect(codes(events)).toEqual(['zvt.hid_truncated', 'message']);
    expect(events[1]).toEqual({ type: 'message', message: fromHex('80 00 00') });
  });

  it('a lost report is detected by the sequence number', () => {
    const msg = Uint8Array.from({ length: 30 }, (_, i) => i);
    const reports = packHidReports(msg, opts);
    const r = new HidReassembler(opts);
    const events = [reports[0]!, reports[1]!, reports[3]!].flatMap((rep) => r.push(rep));
    expect(codes(events)).toEqual(['zvt.hid_out_of_order']);
  });

  it('refuses bad options', () => {
    expect(() => packHidReports(new Uint8Array(1), { reportSize: 3, reportId: 0 })).toThrow(ZvtEncodeError);
    expect(() => new HidReassembler({ reportSize: 64, reportId: 300 })).toThrow(ZvtEncodeError);
  });

  it('round-trips any message at any report size, including sequence wrap-around', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 400 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 4, max: 65 }),
        fc.integer({ min: 0, max: 255 }),
        (messages, reportSize, reportId) => {
          const o = { reportSize, reportId };
          const r = new HidReassembler(o);
          const events = messages.flatMap((m) => packHidReports(m, o)).flatMap((rep) => r.push(rep));
          expect(events).toEqual(messages.map((message) => ({ type: 'message', message })));
        },
      ),
    );
  });

  it('arbitrary reports never throw; errors are typed values', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 6, maxLength: 9 }), { maxLength: 12 }), (reports) => {
        const r = new HidReassembler(opts);
        for (const rep of reports) {
          for (const e of r.push(rep)) if (e.type === 'error') expect(e.error).toBeInstanceOf(ZvtDecodeError);
        }
      }),
    );
  });
});
