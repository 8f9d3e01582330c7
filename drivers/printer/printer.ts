/**
 * A printer over a transport: real-time status with a timeout, and printing that only reports a
 * document as delivered when the printer confirms it printed every byte (escpos.md §6).
 */

import type { KioskError } from '../common/kiosk-error.ts';
import type { CodePage } from './codepage.ts';
import type { PrintDocument } from './document.ts';
import { encodeDocument } from './encoder.ts';
import {
  PrintEncodeError,
  PrinterNotReadyError,
  PrinterOfflineError,
  PrinterStatusError,
  PrinterTransportError,
  PrintNotDeliveredError,
} from './errors.ts';
import {
  ALL_STATUS_REQUESTS,
  decodeStatus,
  isStatusByte,
  type PrinterStatus,
  type PrinterWarning,
  readiness,
} from './status.ts';
import type { PrinterTransport } from './transports/transport.ts';
import type { PaperWidthMm } from './wrap.ts';

export interface PrinterOptions {
  readonly paperWidthMm: PaperWidthMm;
  readonly codePage: CodePage;
  /** How long to wait for the four DLE EOT answers (escpos.md §6 suggests ≈ 500 ms). */
  readonly statusTimeoutMs?: number;
  /** How long a document may take to print before it counts as not delivered. */
  readonly completionTimeoutMs?: number;
  /**
   * How the end of printing is detected. 'paper-sensor-query' sends GS r 1 after the document: it is
   * not real-time, so the printer answers only once everything before it has been processed; a
   * paper-out in the middle leaves it unanswered. 'status-only' skips it (for printers without GS r)
   * and trusts the real-time status right after sending: weaker, as a later paper-out is missed.
   */
  readonly completion?: 'paper-sensor-query' | 'status-only';
}

export type PrintResult =
  | {
      readonly delivered: true;
      readonly status: PrinterStatus;
      readonly warnings: readonly PrinterWarning[];
    }
  | {
      readonly delivered: false;
      /** False when nothing reached the printer: printing again cannot duplicate anything. */
      readonly bytesSent: boolean;
      readonly error: KioskError;
      readonly status?: PrinterStatus;
    };

/** GS r 1: transmit paper sensor status (non-real-time). */
const PAPER_SENSOR_QUERY = Uint8Array.of(0x1d, 0x72, 0x01);

/** GS r answers have bit 4 = 0 and bit 7 = 0 (escpos.md §6), unlike DLE EOT answers (bit 4 = 1). */
const isPaperSensorAnswer = (byte: number): boolean => (byte & 0x90) === 0;

const asKioskError = (error: unknown, fallback: (cause: unknown) => KioskError): KioskError =>
  error instanceof PrinterTransportError ||
  error instanceof PrinterOfflineError ||
  error instanceof PrinterStatusError ||
  error instanceof PrintEncodeError
    ? error
    : fallback(error);

export class Printer {
  private readonly transport: PrinterTransport;
  private readonly options: PrinterOptions;
  /** Status and print share one byte channel; calls run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  /** GS r 1 queries sent and not answered yet (documents not confirmed). */
  private pendingSensorAnswers = 0;

  constructor(transport: PrinterTransport, options: PrinterOptions) {
    this.transport = transport;
    this.options = options;
  }

  /** Sends DLE EOT 1–4 and decodes the answers; no full answer in time → `PrinterOfflineError`. */
  status(): Promise<PrinterStatus> {
    return this.serialise(() => this.readStatus());
  }

  /**
   * Prints `doc` if the printer is ready. Never rejects: the result says whether the printer
   * confirmed the whole document, and if not, whether any byte was sent.
   */
  print(doc: PrintDocument): Promise<PrintResult> {
    return this.serialise(() => this.printNow(doc));
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readStatus(): Promise<PrinterStatus> {
    const timeoutMs = this.options.statusTimeoutMs ?? 500;
    await this.drainInput();
    await this.transport.write(ALL_STATUS_REQUESTS);
    const deadline = Date.now() + timeoutMs;
    const answer: number[] = [];
    while (answer.length < 4) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const bytes = await this.transport.read(4 - answer.length, left);
      if (bytes.length === 0) break;
      for (const byte of bytes) {
        // A late GS r 1 answer of an unconfirmed document is not part of this status.
        if (this.pendingSensorAnswers > 0 && !isStatusByte(byte) && isPaperSensorAnswer(byte)) {
          this.pendingSensorAnswers -= 1;
        } else {
          answer.push(byte);
        }
      }
    }
    if (answer.length < 4) {
      throw new PrinterOfflineError(`${answer.length} of 4 DLE EOT answer bytes within ${timeoutMs} ms`);
    }
    return decodeStatus(Uint8Array.from(answer));
  }

  /** Drops whatever is waiting (late answers), still counting late GS r 1 answers. */
  private async drainInput(): Promise<void> {
    for (;;) {
      const bytes = await this.transport.read(64, 0);
      if (bytes.length === 0) return;
      for (const byte of bytes) {
        if (this.pendingSensorAnswers > 0 && isPaperSensorAnswer(byte)) this.pendingSensorAnswers -= 1;
      }
    }
  }

  private async printNow(doc: PrintDocument): Promise<PrintResult> {
    let bytes: Uint8Array;
    let before: PrinterStatus;
    try {
      bytes = encodeDocument(doc, this.options);
      before = await this.readStatus();
    } catch (error) {
      return { delivered: false, bytesSent: false, error: asKioskError(error, unexpected) };
    }
    const verdict = readiness(before);
    if (!verdict.ready) {
      const error = new PrinterNotReadyError(verdict.reason, verdict.citizen, verdict.technician);
      return { delivered: false, bytesSent: false, error, status: before };
    }

    if (this.pendingSensorAnswers > 0) {
      // An earlier document was not confirmed: let it finish (its answer may still come) so that
      // answer is not taken for this one. If it never comes (power cycle cleared the buffer), give up
      // counting it after one completion timeout.
      const settled = await this.awaitSensorAnswers(this.options.completionTimeoutMs ?? 20_000).catch(
        () => false,
      );
      if (!settled) this.pendingSensorAnswers = 0;
    }

    const completion = this.options.completion ?? 'paper-sensor-query';
    let confirmed = completion === 'status-only';
    try {
      await this.transport.write(bytes);
      if (completion === 'paper-sensor-query') confirmed = await this.waitForCompletion();
    } catch (error) {
      const detail = `sending ${bytes.length} bytes failed: ${describe(error)}`;
      return {
        delivered: false,
        bytesSent: true,
        error: new PrintNotDeliveredError(detail, { cause: error }),
      };
    }

    let after: PrinterStatus;
    try {
      after = await this.readStatus();
    } catch (error) {
      const detail = `no valid status after sending ${bytes.length} bytes: ${describe(error)}`;
      return {
        delivered: false,
        bytesSent: true,
        error: new PrintNotDeliveredError(detail, { cause: error }),
      };
    }
    const afterVerdict = readiness(after);
    if (!afterVerdict.ready) {
      const detail = `${afterVerdict.reason} after sending ${bytes.length} bytes: ${afterVerdict.technician}`;
      return { delivered: false, bytesSent: true, error: new PrintNotDeliveredError(detail), status: after };
    }
    if (!confirmed) {
      const timeoutMs = this.options.completionTimeoutMs ?? 20_000;
      const detail = `GS r 1 not answered within ${timeoutMs} ms after ${bytes.length} bytes; status is ready`;
      return { delivered: false, bytesSent: true, error: new PrintNotDeliveredError(detail), status: after };
    }
    return { delivered: true, status: after, warnings: afterVerdict.warnings };
  }

  /** True once the printer answers GS r 1, i.e. has processed everything sent before it. */
  private async waitForCompletion(): Promise<boolean> {
    this.pendingSensorAnswers += 1;
    await this.transport.write(PAPER_SENSOR_QUERY);
    return this.awaitSensorAnswers(this.options.completionTimeoutMs ?? 20_000);
  }

  /**
   * Waits until every GS r 1 sent so far is answered. They carry no id, so answers are counted: a
   * late answer for an interrupted document must never confirm the next one.
   */
  private async awaitSensorAnswers(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingSensorAnswers > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const [byte] = await this.transport.read(1, left);
      if (byte === undefined) return false;
      // Skip anything else that may arrive meanwhile (late DLE EOT answers, XON/XOFF: bit 4 set).
      if (isPaperSensorAnswer(byte)) this.pendingSensorAnswers -= 1;
    }
    return true;
  }
}

function describe(error: unknown): string {
  if (error instanceof PrinterTransportError || error instanceof PrinterOfflineError) {
    return `${error.code}: ${error.detail ?? error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function unexpected(cause: unknown): KioskError {
  return new PrintNotDeliveredError(`unexpected: ${describe(cause)}`, { cause });
}
