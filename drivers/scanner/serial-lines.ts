/**
 * Serial scanners (RS-232 or USB CDC-ACM "virtual COM"): bytes in chunks of any size → one scan per
 * line. A line ends at CR or LF; empty lines are skipped, which makes CRLF (even split across two chunks)
 * one end of line without keeping track of it. A prefix and a suffix the scanner was configured to add (STX/ETX, a letter…) are
 * taken off when present, and then a leading AIM identifier (`]C1`, spanish-formats.md §1.1) becomes
 * the scan's `symbology`. Bytes are read as latin-1: the data of a recibo barcode is ASCII digits.
 */
import { ScanTooLongError } from './errors.ts';
import { type DecodeEvent, scanEvent } from './scan.ts';
import { bytesToText, splitAimIdentifier } from './symbology.ts';

export interface SerialLineOptions {
  /** Longest line accepted, in bytes without the end of line; a longer one is a ScanTooLongError. */
  readonly maxLength?: number;
  /** Text the scanner puts before every code (its "prefix" setting), removed when a line starts with it. */
  readonly prefix?: string;
  /** Text the scanner puts after every code, before the CR/LF (its "suffix" setting). */
  readonly suffix?: string;
  /** Split a leading AIM identifier off the text into `symbology`; default true. */
  readonly splitAimIdentifier?: boolean;
}

const CR = 0x0d;
const LF = 0x0a;

export class SerialLineDecoder {
  private readonly maxLength: number;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly splitAim: boolean;
  private line: number[] = [];
  /** The line passed maxLength: drop its bytes until its end of line. */
  private discarding = false;

  constructor(options: SerialLineOptions = {}) {
    this.maxLength = options.maxLength ?? 256;
    this.prefix = options.prefix ?? '';
    this.suffix = options.suffix ?? '';
    this.splitAim = options.splitAimIdentifier ?? true;
  }

  push(chunk: Uint8Array): DecodeEvent[] {
    const events: DecodeEvent[] = [];
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        this.endLine(events);
      } else if (!this.discarding) {
        this.line.push(byte);
        if (this.line.length > this.maxLength) {
          events.push({
            kind: 'error',
            error: new ScanTooLongError(this.maxLength, `serial line passed ${this.maxLength} bytes`),
          });
          this.line = [];
          this.discarding = true;
        }
      }
    }
    return events;
  }

  /** Drops a partial line (for example after the port was reopened). */
  reset(): void {
    this.line = [];
    this.discarding = false;
  }

  private endLine(events: DecodeEvent[]): void {
    const bytes = this.line;
    const dropped = this.discarding;
    this.line = [];
    this.discarding = false;
    if (dropped || bytes.length === 0) return;
    let text = bytesToText(Uint8Array.from(bytes));
    if (this.prefix !== '' && text.startsWith(this.prefix)) text = text.slice(this.prefix.length);
    if (this.suffix !== '' && text.endsWith(this.suffix))
      text = text.slice(0, text.length - this.suffix.length);
    const scan = this.splitAim ? splitAimIdentifier(text) : { text };
    if (scan.text === '') return;
    events.push(scanEvent(scan.text, scan.symbology));
  }
}
