/**
 * The emulated printer without any transport: one receive stream, the page model and the condition.
 * `receive` returns the bytes the printer sends back (DLE EOT answers first, as they are real-time,
 * then GS r and automatic status back) and the documents finished by cuts. Pure apart from its state.
 */
import { EscPosDecoder } from './decoder.ts';
import { PageBuilder, type PageOptions, type PrintedDocument } from './page.ts';
import {
  automaticStatusBytes,
  HEALTHY_STATE,
  type PrinterState,
  paperSensorStatusByte,
  printBlocker,
  realtimeStatusByte,
} from './status.ts';

export type ReceiveResult = {
  readonly reply: Uint8Array;
  readonly finished: readonly PrintedDocument[];
};

export type StateChangeResult = {
  /** Automatic status back bytes to send to every connected host (GS a enabled), else empty. */
  readonly reply: Uint8Array;
  /** A document cut short by power loss. */
  readonly finished: readonly PrintedDocument[];
};

export class EmulatedPrinter {
  private readonly decoder = new EscPosDecoder();
  private readonly page: PageBuilder;
  private current: PrinterState = HEALTHY_STATE;
  /** GS a n: which status changes are reported automatically (0 = ASB off). */
  private asbMask = 0;
  /** Bytes left before the roll runs out (fault injection), or null. */
  private paperLeftBytes: number | null = null;

  constructor(options: PageOptions) {
    this.page = new PageBuilder(options);
  }

  state(): PrinterState {
    return this.current;
  }

  pending(): PrintedDocument {
    return this.page.pending();
  }

  /**
   * Fault injection: the roll runs out after `bytes` more received bytes (null: never). The bytes up
   * to that point are processed with paper, the rest as with paper out, as when the end of the roll
   * passes the sensor in the middle of a document.
   */
  runOutOfPaperAfter(bytes: number | null): void {
    this.paperLeftBytes = bytes === null ? null : Math.max(0, Math.floor(bytes));
  }

  receive(bytes: Uint8Array): ReceiveResult {
    const left = this.paperLeftBytes;
    if (left === null || this.current.power === 'off') return this.receiveNow(bytes);
    if (bytes.length < left) {
      this.paperLeftBytes = left - bytes.length;
      return this.receiveNow(bytes);
    }
    this.paperLeftBytes = null;
    const before = this.receiveNow(bytes.subarray(0, left));
    const change = this.setState({ paperOut: true });
    const after = this.receiveNow(bytes.subarray(left));
    return {
      reply: Uint8Array.from([...before.reply, ...change.reply, ...after.reply]),
      finished: [...before.finished, ...change.finished, ...after.finished],
    };
  }

  private receiveNow(bytes: Uint8Array): ReceiveResult {
    if (this.current.power === 'off') return { reply: new Uint8Array(0), finished: [] };
    const { statusRequests, commands } = this.decoder.push(bytes);
    const reply: number[] = [];
    for (const n of statusRequests) {
      const b = realtimeStatusByte(n, this.current);
      if (b !== null) reply.push(b);
    }
    const finished: PrintedDocument[] = [];
    const blocker = printBlocker(this.current);
    for (const command of commands) {
      if (command.kind === 'paper_status_request') {
        const b = paperSensorStatusByte(command.n, this.current);
        if (b !== null) reply.push(b);
      } else if (command.kind === 'asb') {
        this.asbMask = command.n & 0x0f;
        if (this.asbMask !== 0) reply.push(...automaticStatusBytes(this.current));
      }
      // ESC @ may reset the ASB setting on clones (escpos.md §6); like Epson TM, this printer keeps it.
      const doc = this.page.apply(command, blocker);
      if (doc !== null) finished.push(doc);
    }
    return { reply: Uint8Array.from(reply), finished };
  }

  setState(patch: Partial<PrinterState>): StateChangeResult {
    const before = this.current;
    const next: PrinterState = { ...before, ...patch };
    this.current = next;
    const finished: PrintedDocument[] = [];
    if (before.power === 'on' && next.power === 'off') {
      const lost = this.page.powerLoss();
      if (lost !== null) finished.push(lost);
      this.decoder.reset();
      this.asbMask = 0;
      return { reply: new Uint8Array(0), finished };
    }
    const blocker = printBlocker(next);
    if (blocker !== null && this.page.hasContent()) this.page.interrupt(blocker);
    const changed = JSON.stringify(before) !== JSON.stringify(next);
    const reply =
      this.asbMask !== 0 && changed && next.power === 'on' ? automaticStatusBytes(next) : new Uint8Array(0);
    return { reply, finished };
  }
}
