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

  constructor(options: PageOptions) {
    this.page = new PageBuilder(options);
  }

  state(): PrinterState {
    return this.current;
  }

  pending(): PrintedDocument {
    return this.page.pending();
  }

  receive(bytes: Uint8Array): ReceiveResult {
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
