/**
 * ZVT over USB HID. ZVT defines no HID mapping, and terminals that offer one use vendor schemes, so this is
 * our own documented scheme (adapt per device; [assumption]). Every report has a fixed size and carries:
 *
 * ```
 * byte 0      report id (fixed per device, e.g. 0x00 when the device uses no report ids)
 * byte 1      control: bit 7 FIRST (first report of a message), bit 6 LAST, bits 0–5 sequence number
 *             (0 on the first report, +1 per report, wrapping at 64)
 * byte 2      payload length n in this report (0 … reportSize − 3)
 * bytes 3…    n payload bytes, then 0x00 padding to the report size
 * ```
 * A message is one complete ZVT APDU (no DLE framing or CRC: USB already checks integrity). The sequence
 * number and flags let the reassembler see lost, repeated or reordered reports and short reads.
 */
import { MAX_APDU_LENGTH } from './apdu.ts';
import { ByteQueue } from './byte-queue.ts';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';

export interface HidFramingOptions {
  /** Bytes per report including the report id (64 for full-speed USB HID). */
  readonly reportSize: number;
  readonly reportId: number;
}

export const DEFAULT_HID_FRAMING: HidFramingOptions = { reportSize: 64, reportId: 0x00 };

const FIRST = 0x80;
const LAST = 0x40;
const SEQ_MASK = 0x3f;
const HEADER = 3;

function checkOptions(o: HidFramingOptions): void {
  if (!Number.isInteger(o.reportSize) || o.reportSize < HEADER + 1 || o.reportSize > 1024) {
    throw new ZvtEncodeError(`HID report size must be ${HEADER + 1}..1024, got ${o.reportSize}`);
  }
  if (!Number.isInteger(o.reportId) || o.reportId < 0 || o.reportId > 0xff) {
    throw new ZvtEncodeError(`HID report id must be a byte, got ${o.reportId}`);
  }
}

/** Splits one message into padded reports. An empty message still takes one report. */
export function packHidReports(
  message: Uint8Array,
  options: HidFramingOptions = DEFAULT_HID_FRAMING,
): Uint8Array[] {
  checkOptions(options);
  if (message.length > MAX_APDU_LENGTH) {
    throw new ZvtEncodeError(`HID message of ${message.length} B exceeds ${MAX_APDU_LENGTH} B`);
  }
  const capacity = options.reportSize - HEADER;
  const count = Math.max(1, Math.ceil(message.length / capacity));
  const reports: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const payload = message.subarray(i * capacity, (i + 1) * capacity);
    const report = new Uint8Array(options.reportSize);
    report[0] = options.reportId;
    report[1] = (i === 0 ? FIRST : 0) | (i === count - 1 ? LAST : 0) | (i & SEQ_MASK);
    report[2] = payload.length;
    report.set(payload, HEADER);
    reports.push(report);
  }
  return reports;
}

export type HidReassemblyEvent =
  | { readonly type: 'message'; readonly message: Uint8Array }
  /** The report (and any partial message before it) was dropped; the next FIRST report starts afresh. */
  | { readonly type: 'error'; readonly error: ZvtDecodeError };

/**
 * Rebuilds messages from reports in arrival order. `push` returns what the report completed: nothing
 * (message still open), a message, an error, or an error for the cut-short message followed by the
 * message the new report completes on its own.
 */
export class HidReassembler {
  readonly #options: HidFramingOptions;
  readonly #buffer = new ByteQueue();
  #expectedSeq = 0;
  #inMessage = false;

  constructor(options: HidFramingOptions = DEFAULT_HID_FRAMING) {
    checkOptions(options);
    this.#options = options;
  }

  get inMessage(): boolean {
    return this.#inMessage;
  }

  reset(): void {
    this.#buffer.clear();
    this.#inMessage = false;
    this.#expectedSeq = 0;
  }

  push(report: Uint8Array): HidReassemblyEvent[] {
    const { reportSize, reportId } = this.#options;
    if (report.length < reportSize) {
      return this.#fail('zvt.hid_truncated', `report of ${report.length} B, expected ${reportSize} B`);
    }
    if (report.length > reportSize) {
      return this.#fail('zvt.hid_report_invalid', `report of ${report.length} B, expected ${reportSize} B`);
    }
    if (report[0] !== reportId) {
      return this.#fail('zvt.hid_report_invalid', `report id ${report[0]} != ${reportId}`);
    }
    const control = report[1]!;
    const length = report[2]!;
    const seq = control & SEQ_MASK;
    if (length > reportSize - HEADER) {
      return this.#fail('zvt.hid_report_invalid', `payload length ${length} > ${reportSize - HEADER}`);
    }
    if (control & FIRST) {
      if (seq !== 0) return this.#fail('zvt.hid_report_invalid', `first report with sequence ${seq}`);
      if (this.#inMessage) {
        // The previous message never got its LAST report: report it, keep the new one.
        const error = new ZvtDecodeError('zvt.hid_truncated', 'message cut short by a new first report');
        this.reset();
        return [{ type: 'error', error }, ...this.#accept(report, control, length)];
      }
    } else if (!this.#inMessage) {
      return this.#fail('zvt.hid_out_of_order', `continuation report seq ${seq} with no message open`);
    } else if (seq !== this.#expectedSeq) {
      return this.#fail('zvt.hid_out_of_order', `sequence ${seq}, expected ${this.#expectedSeq}`);
    }
    if (this.#buffer.length + length > MAX_APDU_LENGTH) {
      return this.#fail('zvt.hid_report_invalid', `message longer than ${MAX_APDU_LENGTH} B`);
    }
    return this.#accept(report, control, length);
  }

  #accept(report: Uint8Array, control: number, length: number): HidReassemblyEvent[] {
    this.#inMessage = true;
    this.#buffer.append(report.subarray(HEADER, HEADER + length));
    this.#expectedSeq = ((control & SEQ_MASK) + 1) & SEQ_MASK;
    if (control & LAST) {
      const message = this.#buffer.view().slice();
      this.reset();
      return [{ type: 'message', message }];
    }
    return [];
  }

  #fail(
    code: 'zvt.hid_truncated' | 'zvt.hid_report_invalid' | 'zvt.hid_out_of_order',
    detail: string,
  ): HidReassemblyEvent[] {
    this.reset();
    return [{ type: 'error', error: new ZvtDecodeError(code, detail) }];
  }
}
