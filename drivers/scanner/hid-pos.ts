/**
 * USB HID POS barcode scanners (usage page 0x8C "Bar Code Scanner", HID Point of Sale Usage Tables
 * 1.02, now chapter "Barcode Scanner Page" of the HID Usage Tables): input reports → scans.
 *
 * What the Usage Tables fix, and we rely on: a Scanned Data Report (usage 0x12) carries the AIM
 * symbology identifier as Symbology Identifier 1/2/3 (usages 0xFB–0xFD, one byte each), the bytes read
 * as Decoded Data (0xFE, a buffered-bytes field) and a Decode Data Continued flag (0xFF) set on every
 * report but the last of a scan that does not fit in one report.
 *
 * What the tables do NOT fix: where each field lies and how long the data field is. That is in each
 * device's report descriptor. We therefore take a byte layout as a parameter and ship two presets:
 * - HONEYWELL_HID_POS_LAYOUT, from Honeywell's scanner firmware descriptor (report 2: Generic Desktop
 *   Byte Count 0x3B, 3 symbology bytes, 56 data bytes, 2 vendor "Code ID" bytes, a flags byte whose
 *   bit 0 is Decode Data Continued; 64 bytes with the report id). Other public firmwares fill the same
 *   64-byte layout (count = data bytes in this report).
 * - COMPACT_HID_POS_LAYOUT: report 2 with 3 symbology bytes, 56 data bytes and the continued bit in
 *   the byte after them, no byte count; data padding NULs are trimmed from the end.
 * ASSUMPTION: node-hid (hidapi) delivers a numbered report with its report id as byte 0, as hidraw
 * reads it; offsets below count that byte. Check a new scanner model's descriptor before trusting it.
 */
import { hexPreview, ScannerReportError, ScanTooLongError } from './errors.ts';
import { type DecodeEvent, scanEvent } from './scan.ts';
import { bytesToText } from './symbology.ts';

/** Byte offsets of a Scanned Data Report as node-hid delivers it (report id, when numbered, at 0). */
export interface HidPosLayout {
  /** Report id of the Scanned Data Report; `null` when the device sends unnumbered reports. */
  readonly reportId: number | null;
  /** Offset of a one-byte count of the data bytes in this report (Generic Desktop Byte Count), if any. */
  readonly byteCountOffset: number | null;
  /** Offset of Symbology Identifier 1; identifiers 2 and 3 follow it. */
  readonly symbologyOffset: number;
  /** Offset and size of the Decoded Data field. */
  readonly dataOffset: number;
  readonly dataLength: number;
  /** Byte and bit mask of Decode Data Continued. */
  readonly continuedOffset: number;
  readonly continuedMask: number;
}

export const HONEYWELL_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  byteCountOffset: 1,
  symbologyOffset: 2,
  dataOffset: 5,
  dataLength: 56,
  continuedOffset: 63,
  continuedMask: 0x01,
};

export const COMPACT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  byteCountOffset: null,
  symbologyOffset: 1,
  dataOffset: 4,
  dataLength: 56,
  continuedOffset: 60,
  continuedMask: 0x01,
};

/** The bytes a report must have for every field of the layout to be in it. */
export function hidPosReportLength(layout: HidPosLayout): number {
  return Math.max(
    layout.reportId === null ? 0 : 1,
    layout.byteCountOffset === null ? 0 : layout.byteCountOffset + 1,
    layout.symbologyOffset + 3,
    layout.dataOffset + layout.dataLength,
    layout.continuedOffset + 1,
  );
}

/** One report's part of a scan. */
export interface HidPosPiece {
  readonly data: Uint8Array;
  /** `]C1`…, or undefined when the three identifier bytes are zero. */
  readonly symbology: string | undefined;
  /** More of the same scan comes in the next report (Decode Data Continued). */
  readonly continued: boolean;
}

function isPrintableAscii(byte: number): boolean {
  return byte >= 0x21 && byte <= 0x7e;
}

/**
 * Decodes one input report. Returns `null` for a report that is not the Scanned Data Report (another
 * report id); throws ScannerReportError for a report too short for the layout or with impossible fields.
 */
export function decodeHidPosReport(report: Uint8Array, layout: HidPosLayout): HidPosPiece | null {
  if (report.length === 0) {
    throw new ScannerReportError('scanner.hid_report_truncated', 'empty HID POS report');
  }
  if (layout.reportId !== null && report[0] !== layout.reportId) return null;
  const needed = hidPosReportLength(layout);
  if (report.length < needed) {
    throw new ScannerReportError(
      'scanner.hid_report_truncated',
      `HID POS report has ${report.length} bytes, layout needs ${needed}; starts ${hexPreview(report, 2)}`,
    );
  }
  const symbologyBytes = report.subarray(layout.symbologyOffset, layout.symbologyOffset + 3);
  const shown = symbologyBytes.filter((byte) => byte !== 0);
  if (!shown.every(isPrintableAscii)) {
    throw new ScannerReportError(
      'scanner.hid_report_invalid',
      `symbology identifier bytes are not ASCII: ${hexPreview(symbologyBytes)}`,
    );
  }
  const field = report.subarray(layout.dataOffset, layout.dataOffset + layout.dataLength);
  let data: Uint8Array;
  if (layout.byteCountOffset === null) {
    let end = field.length;
    while (end > 0 && field[end - 1] === 0) end--;
    data = field.subarray(0, end);
  } else {
    const count = report[layout.byteCountOffset] ?? 0;
    if (count > layout.dataLength) {
      throw new ScannerReportError(
        'scanner.hid_report_invalid',
        `byte count ${count} exceeds the ${layout.dataLength}-byte data field`,
      );
    }
    data = field.subarray(0, count);
  }
  const continued = ((report[layout.continuedOffset] ?? 0) & layout.continuedMask) !== 0;
  return {
    data: Uint8Array.from(data),
    symbology: shown.length === 0 ? undefined : bytesToText(shown),
    continued,
  };
}

export interface HidPosDecoderOptions {
  readonly layout?: HidPosLayout;
  /** Longest scan accepted, in bytes; the longest Cuaderno 60 barcode is 48 digits (§1.2). */
  readonly maxLength?: number;
}

/**
 * Reassembles scans from Scanned Data Reports: the data of reports with Decode Data Continued set is
 * kept until a report without it closes the scan. Never throws: bad reports become error events and
 * drop the scan they interrupt.
 */
export class HidPosDecoder {
  private readonly layout: HidPosLayout;
  private readonly maxLength: number;
  private parts: Uint8Array[] = [];
  private length = 0;
  private symbology: string | undefined;
  private inScan = false;
  /** A scan passed `maxLength`: its remaining reports are dropped until one closes it. */
  private discarding = false;

  constructor(options: HidPosDecoderOptions = {}) {
    this.layout = options.layout ?? HONEYWELL_HID_POS_LAYOUT;
    this.maxLength = options.maxLength ?? 256;
  }

  /** True while a scan has started (continued reports) and not yet ended. */
  get pending(): boolean {
    return this.inScan;
  }

  /** Drops a scan in progress (for example after the device went away). */
  reset(): void {
    this.parts = [];
    this.length = 0;
    this.symbology = undefined;
    this.inScan = false;
    this.discarding = false;
  }

  push(report: Uint8Array): DecodeEvent[] {
    let piece: HidPosPiece | null;
    try {
      piece = decodeHidPosReport(report, this.layout);
    } catch (error) {
      if (!(error instanceof ScannerReportError)) throw error;
      this.reset();
      return [{ kind: 'error', error }];
    }
    if (piece === null) return [];
    const events: DecodeEvent[] = [];
    if (
      this.inScan &&
      !this.discarding &&
      piece.symbology !== undefined &&
      this.symbology !== undefined &&
      piece.symbology !== this.symbology
    ) {
      // A report of another symbology cannot continue this scan: the end of the last one was lost.
      // ASSUMPTION: a scanner may leave the identifier zero on continuation reports; that is accepted.
      events.push({
        kind: 'error',
        error: new ScannerReportError(
          'scanner.hid_report_invalid',
          `scan of ${this.symbology ?? 'no symbology'} interrupted by a report of ${piece.symbology ?? 'none'}`,
        ),
      });
      this.reset();
    }
    if (!this.inScan) {
      this.inScan = true;
      this.symbology = piece.symbology;
    }
    if (!this.discarding) {
      this.length += piece.data.length;
      if (this.length > this.maxLength) {
        events.push({
          kind: 'error',
          error: new ScanTooLongError(this.maxLength, `HID POS scan passed ${this.maxLength} bytes`),
        });
        this.parts = [];
        this.discarding = true;
      } else {
        this.parts.push(piece.data);
      }
    }
    if (!piece.continued) {
      if (!this.discarding && this.length > 0) {
        events.push(scanEvent(this.parts.map(bytesToText).join(''), this.symbology));
      }
      this.reset();
    }
    return events;
  }
}

/**
 * The reports a scanner with `layout` sends for `data`: for fakes, the simulator-free tests and the
 * split-point properties. `chunkSizes` cut the data (each clamped to 1…dataLength, used in turn and
 * repeated); by default every report but the last is full.
 */
export function encodeHidPosReports(
  data: Uint8Array,
  symbology: string | undefined,
  layout: HidPosLayout = HONEYWELL_HID_POS_LAYOUT,
  chunkSizes: readonly number[] = [],
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  let at = 0;
  let turn = 0;
  do {
    const wanted = chunkSizes.length === 0 ? layout.dataLength : (chunkSizes[turn % chunkSizes.length] ?? 1);
    turn++;
    const size = Math.min(Math.max(1, Math.floor(wanted)), layout.dataLength, data.length - at);
    const report = new Uint8Array(hidPosReportLength(layout));
    if (layout.reportId !== null) report[0] = layout.reportId;
    if (layout.byteCountOffset !== null) report[layout.byteCountOffset] = size;
    for (let i = 0; i < 3; i++) {
      report[layout.symbologyOffset + i] = symbology?.charCodeAt(i) ?? 0;
    }
    report.set(data.subarray(at, at + size), layout.dataOffset);
    at += size;
    if (at < data.length) report[layout.continuedOffset] = layout.continuedMask;
    reports.push(report);
  } while (at < data.length);
  return reports;
}
