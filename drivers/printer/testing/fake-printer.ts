/**
 * A tiny fake ESC/POS printer for the driver's wire tests (not the emulator in simulators/):
 * answers DLE EOT n and GS r 1, counts printed bytes and can run out of paper after N of them.
 * It scans the stream naively, so test documents must not contain 10 04 or 1D 72 inside data.
 */
export class FakePrinterBrain {
  /** Answers to DLE EOT 1..4. */
  status: [number, number, number, number] = [0x12, 0x12, 0x12, 0x12];
  /** Document bytes it can print before the paper runs out. */
  paperLeft = Number.POSITIVE_INFINITY;
  /** Whether it answers at all (a switched-off printer does not). */
  silent = false;
  /** Whether it implements GS r 1. */
  answersPaperSensorQuery = true;
  /** Every byte received, in order. */
  received: number[] = [];
  /** GS r 1 queries held back while out of paper (answered on `reloadPaper`, like a real buffer). */
  heldQueries = 0;
  private parsed = 0;

  /** Feeds received bytes; returns the bytes to answer. */
  receive(chunk: Uint8Array): Uint8Array {
    this.received.push(...chunk);
    const reply: number[] = [];
    const bytes = this.received;
    while (this.parsed < bytes.length) {
      const i = this.parsed;
      const [b0, b1, b2] = [bytes[i], bytes[i + 1], bytes[i + 2]];
      if ((b0 === 0x10 || b0 === 0x1d) && b2 === undefined) break; // wait for the rest of a command
      if (b0 === 0x10 && b1 === 0x04 && b2 !== undefined && b2 >= 1 && b2 <= 4) {
        if (!this.silent) reply.push(this.status[b2 - 1] ?? 0);
        this.parsed += 3;
      } else if (b0 === 0x1d && b1 === 0x72 && b2 === 0x01) {
        if (this.outOfPaper()) this.heldQueries += 1;
        else if (!this.silent && this.answersPaperSensorQuery) reply.push(0x00);
        this.parsed += 3;
      } else {
        this.print();
        this.parsed += 1;
      }
    }
    return Uint8Array.from(reply);
  }

  /** New roll: healthy again; returns the answers to the queries held while out of paper. */
  reloadPaper(): Uint8Array {
    this.status = [0x12, 0x12, 0x12, 0x12];
    this.paperLeft = Number.POSITIVE_INFINITY;
    const answers = new Uint8Array(this.heldQueries);
    this.heldQueries = 0;
    return answers;
  }

  private outOfPaper(): boolean {
    return (this.status[3] & 0x60) !== 0;
  }

  private print(): void {
    if (this.outOfPaper()) return;
    this.paperLeft -= 1;
    if (this.paperLeft <= 0) this.status = [0x1a, 0x32, 0x12, 0x72];
  }
}
