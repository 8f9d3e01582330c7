import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScannerReportError, ScanTooLongError } from './errors.ts';
import {
  COMPACT_HID_POS_LAYOUT,
  decodeHidPosReport,
  encodeHidPosReports,
  HidPosDecoder,
  type HidPosLayout,
  HONEYWELL_HID_POS_LAYOUT,
  hidPosReportLength,
} from './hid-pos.ts';
import type { DecodeEvent } from './scan.ts';
import { textToBytes } from './symbology.ts';

// Synthetic Modalidad 2 barcode from spanish-formats.md §1.7.
const RECIBO = '905212807932500001234461100255334000123450';

function feed(decoder: HidPosDecoder, reports: readonly Uint8Array[]): DecodeEvent[] {
  return reports.flatMap((report) => decoder.push(report));
}

function honeywellReport(fields: {
  count: number;
  symbology: string;
  data: string;
  continued: boolean;
}): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = 0x02;
  report[1] = fields.count;
  report.set(textToBytes(fields.symbology), 2);
  report.set(textToBytes(fields.data), 5);
  report[61] = 0x6a; // Honeywell "Code ID" for Code 128: ignored by the decoder.
  report[63] = fields.continued ? 0x01 : 0x00;
  return report;
}

describe('HID POS layouts', () => {
  it('the Honeywell layout is a 64-byte report 2, the compact one 61 bytes', () => {
    expect(hidPosReportLength(HONEYWELL_HID_POS_LAYOUT)).toBe(64);
    expect(hidPosReportLength(COMPACT_HID_POS_LAYOUT)).toBe(61);
  });
});

describe('decodeHidPosReport', () => {
  it('reads count, symbology, data and the continued bit of a Honeywell report', () => {
    const piece = decodeHidPosReport(
      honeywellReport({ count: 42, symbology: ']C1', data: RECIBO, continued: false }),
      HONEYWELL_HID_POS_LAYOUT,
    );
    expect(piece).not.toBeNull();
    expect(new TextDecoder().decode(piece?.data)).toBe(RECIBO);
    expect(piece?.symbology).toBe(']C1');
    expect(piece?.continued).toBe(false);
  });

  it('cuts the data at the byte count even where the data field holds more', () => {
    const piece = decodeHidPosReport(
      honeywellReport({ count: 3, symbology: ']C1', data: '12345', continued: true }),
      HONEYWELL_HID_POS_LAYOUT,
    );
    expect(Array.from(piece?.data ?? [])).toEqual([0x31, 0x32, 0x33]);
    expect(piece?.continued).toBe(true);
  });

  it('trims padding NULs when the layout has no byte count', () => {
    const report = new Uint8Array(61);
    report.set([0x02, 0x5d, 0x45, 0x30], 0);
    report.set(textToBytes('5901234123457'), 4);
    const piece = decodeHidPosReport(report, COMPACT_HID_POS_LAYOUT);
    expect(new TextDecoder().decode(piece?.data)).toBe('5901234123457');
    expect(piece?.symbology).toBe(']E0');
  });

  it('gives no symbology when the three identifier bytes are zero', () => {
    const piece = decodeHidPosReport(
      honeywellReport({ count: 2, symbology: '\0\0\0', data: '12', continued: false }),
      HONEYWELL_HID_POS_LAYOUT,
    );
    expect(piece?.symbology).toBeUndefined();
  });

  it('returns null for another report id (trigger, vendor reports)', () => {
    const report = new Uint8Array(64);
    report[0] = 0x04;
    expect(decodeHidPosReport(report, HONEYWELL_HID_POS_LAYOUT)).toBeNull();
  });

  it('refuses an empty or short report as truncated', () => {
    expect(() => decodeHidPosReport(new Uint8Array(0), HONEYWELL_HID_POS_LAYOUT)).toThrow(
      expect.objectContaining({ code: 'scanner.hid_report_truncated' }),
    );
    expect(() => decodeHidPosReport(Uint8Array.of(0x02, 5, 0x5d), HONEYWELL_HID_POS_LAYOUT)).toThrow(
      expect.objectContaining({ code: 'scanner.hid_report_truncated' }),
    );
  });

  it('refuses a byte count larger than the data field and non-ASCII symbology bytes', () => {
    expect(() =>
      decodeHidPosReport(
        honeywellReport({ count: 57, symbology: ']C1', data: '', continued: false }),
        HONEYWELL_HID_POS_LAYOUT,
      ),
    ).toThrow(expect.objectContaining({ code: 'scanner.hid_report_invalid' }));
    const report = honeywellReport({ count: 1, symbology: ']C1', data: '1', continued: false });
    report[3] = 0x80;
    expect(() => decodeHidPosReport(report, HONEYWELL_HID_POS_LAYOUT)).toThrow(ScannerReportError);
  });
});

describe('HidPosDecoder', () => {
  it('delivers a scan that fits in one report', () => {
    const decoder = new HidPosDecoder();
    expect(
      decoder.push(honeywellReport({ count: 42, symbology: ']C1', data: RECIBO, continued: false })),
    ).toEqual([{ kind: 'scan', scan: { text: RECIBO, symbology: ']C1' } }]);
  });

  it('reassembles a scan spread over several reports', () => {
    const decoder = new HidPosDecoder();
    const text = `${RECIBO}${RECIBO}${RECIBO}`; // 126 bytes: 56 + 56 + 14
    const reports = encodeHidPosReports(textToBytes(text), ']C1');
    expect(reports).toHaveLength(3);
    expect(decoder.push(reports[0] as Uint8Array)).toEqual([]);
    expect(decoder.pending).toBe(true);
    expect(decoder.push(reports[1] as Uint8Array)).toEqual([]);
    expect(decoder.push(reports[2] as Uint8Array)).toEqual([
      { kind: 'scan', scan: { text, symbology: ']C1' } },
    ]);
    expect(decoder.pending).toBe(false);
  });

  it('ignores reports of other ids in the middle of a scan', () => {
    const decoder = new HidPosDecoder();
    const reports = encodeHidPosReports(textToBytes(RECIBO), ']C1', HONEYWELL_HID_POS_LAYOUT, [21]);
    expect(reports).toHaveLength(2);
    const other = Uint8Array.of(0x04, 0x01);
    expect(feed(decoder, [reports[0] as Uint8Array, other, reports[1] as Uint8Array])).toEqual([
      { kind: 'scan', scan: { text: RECIBO, symbology: ']C1' } },
    ]);
  });

  it('reports a truncated report as an error and drops the scan it interrupted', () => {
    const decoder = new HidPosDecoder();
    const [first] = encodeHidPosReports(textToBytes(RECIBO), ']C1', HONEYWELL_HID_POS_LAYOUT, [10]);
    const events = feed(decoder, [first as Uint8Array, Uint8Array.of(0x02, 1)]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'error', error: { code: 'scanner.hid_report_truncated' } });
    expect(decoder.pending).toBe(false);
    expect(feed(decoder, encodeHidPosReports(textToBytes('12345678'), ']C1'))).toEqual([
      { kind: 'scan', scan: { text: '12345678', symbology: ']C1' } },
    ]);
  });

  it('reports a symbology change in the middle of a scan, then reads the new scan', () => {
    const decoder = new HidPosDecoder();
    const [first] = encodeHidPosReports(textToBytes(RECIBO), ']C1', HONEYWELL_HID_POS_LAYOUT, [10]);
    const events = feed(decoder, [
      first as Uint8Array,
      ...encodeHidPosReports(textToBytes('4006381333931'), ']E0'),
    ]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'error', error: { code: 'scanner.hid_report_invalid' } });
    expect(events[1]).toEqual({ kind: 'scan', scan: { text: '4006381333931', symbology: ']E0' } });
  });

  it('accepts continuation reports that leave the symbology bytes zero', () => {
    const decoder = new HidPosDecoder();
    const reports = encodeHidPosReports(textToBytes(RECIBO), ']C1', HONEYWELL_HID_POS_LAYOUT, [30]);
    const last = reports[1] as Uint8Array;
    last.fill(0, 2, 5);
    expect(feed(decoder, reports)).toEqual([{ kind: 'scan', scan: { text: RECIBO, symbology: ']C1' } }]);
  });

  it('refuses a scan longer than maxLength once, and reads the next one', () => {
    const decoder = new HidPosDecoder({ maxLength: 48 });
    const long = encodeHidPosReports(textToBytes('1'.repeat(100)), ']C1', HONEYWELL_HID_POS_LAYOUT, [20]);
    const events = feed(decoder, [...long, ...encodeHidPosReports(textToBytes(RECIBO), ']C1')]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'error' });
    expect(events[0]?.kind === 'error' && events[0].error).toBeInstanceOf(ScanTooLongError);
    expect(events[1]).toEqual({ kind: 'scan', scan: { text: RECIBO, symbology: ']C1' } });
  });

  it('delivers nothing for an empty final report', () => {
    const decoder = new HidPosDecoder();
    expect(decoder.push(honeywellReport({ count: 0, symbology: ']C1', data: '', continued: false }))).toEqual(
      [],
    );
  });
});

const layouts: readonly [string, HidPosLayout][] = [
  ['Honeywell', HONEYWELL_HID_POS_LAYOUT],
  ['compact', COMPACT_HID_POS_LAYOUT],
];
const symbologyArb = fc.option(fc.constantFrom(']C1', ']C0', ']E0', ']Q1'), { nil: undefined });

/** Any bytes, most of them with the scanned-data report id in front so they reach the field checks. */
function reportArb(layout: HidPosLayout): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 70 })).map(([numbered, report]) => {
    if (numbered && report.length > 0) report[0] = layout.reportId ?? 0;
    return report;
  });
}

describe.each(layouts)('HID POS properties, %s layout', (_name, layout) => {
  it('decode(encode(data)) = data, wherever the scanner splits it into reports', () => {
    fc.assert(
      fc.property(
        // Compact reports cannot carry NUL at the end of a piece (it is padding), so data bytes are 1..255.
        fc.uint8Array({ minLength: 1, maxLength: 300, min: 1, max: 255 }),
        symbologyArb,
        fc.array(fc.integer({ min: 1, max: 56 }), { maxLength: 8 }),
        (data, symbology, chunks) => {
          const decoder = new HidPosDecoder({ layout, maxLength: 300 });
          const events = feed(decoder, encodeHidPosReports(data, symbology, layout, chunks));
          const text = String.fromCharCode(...data);
          expect(events).toEqual([
            { kind: 'scan', scan: symbology === undefined ? { text } : { text, symbology } },
          ]);
        },
      ),
    );
  });

  it('no report makes it throw; every error is a typed scanner error', () => {
    fc.assert(
      fc.property(fc.array(reportArb(layout), { maxLength: 20 }), (reports) => {
        const decoder = new HidPosDecoder({ layout });
        for (const report of reports) {
          for (const event of decoder.push(report)) {
            if (event.kind === 'error') {
              expect(
                event.error instanceof ScannerReportError || event.error instanceof ScanTooLongError,
              ).toBe(true);
            }
          }
          try {
            decodeHidPosReport(report, layout);
          } catch (error) {
            expect(error).toBeInstanceOf(ScannerReportError);
          }
        }
      }),
    );
  });
});
