/**
 * The PT side of the ZVT serial link layer (zvt.md §2.1) over any byte channel: deframes, answers each
 * frame with ACK 06 / NAK 15, sends its own frames and repeats them on NAK. Fault injection: a NAK storm
 * on incoming frames and corrupted CRCs on outgoing ones. No port handling here (see pty.ts).
 */
import type { ApduLink } from './apdu-queue.ts';
import { ApduQueue, linkClosedError } from './apdu-queue.ts';
import { hex } from './bcd.ts';
import { ZvtLinkError } from './errors.ts';
import type { SerialFaults } from './scenarios.ts';
import { ACK, Deframer, encodeFrame, NAK } from './serial-frame.ts';

/** The raw byte pipe under the link: a serial port, a pty, or a test double. */
export interface ByteChannel {
  write(bytes: Uint8Array): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: () => void): void;
}

export interface SerialLinkOptions {
  /** Wait for the ECR's ACK byte after a frame (T3, zvt.md §2.1). */
  readonly ackTimeoutMs?: number | undefined;
  /** Inter-byte timeout inside a frame (T1). */
  readonly interByteTimeoutMs?: number | undefined;
  /** Sends of one frame before giving up on repeated NAKs (3, zvt.md §2.1 [unconfirmed]). */
  readonly maxAttempts?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

type LinkByte = 'ack' | 'nak';

export class SerialLink implements ApduLink {
  readonly #channel: ByteChannel;
  readonly #queue = new ApduQueue();
  readonly #deframer = new Deframer();
  readonly #ackTimeoutMs: number;
  readonly #interByteTimeoutMs: number;
  readonly #maxAttempts: number;
  readonly #log: (line: string) => void;
  #linkByteWaiter: ((b: LinkByte | undefined) => void) | undefined;
  #sending: Promise<void> = Promise.resolve();
  #t1: NodeJS.Timeout | undefined;
  #muted = false;
  #nakIncoming = 0;
  #corruptOutgoing = 0;

  constructor(channel: ByteChannel, options: SerialLinkOptions = {}) {
    this.#channel = channel;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.#interByteTimeoutMs = options.interByteTimeoutMs ?? 200;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#log = options.log ?? (() => {});
    channel.onData((bytes) => this.#onData(bytes));
    channel.onClose(() => this.close());
  }

  get closed(): boolean {
    return this.#queue.closed;
  }

  /** Adds link faults (counts add up to what is still pending). */
  injectFaults(faults: SerialFaults): void {
    this.#nakIncoming += faults.nakIncoming ?? 0;
    this.#corruptOutgoing += faults.corruptOutgoing ?? 0;
  }

  get pendingFaults(): Required<SerialFaults> {
    return { nakIncoming: this.#nakIncoming, corruptOutgoing: this.#corruptOutgoing };
  }

  /** While muted (terminal silent or rebooting) every byte is dropped unanswered. */
  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#deframer.reset();
    this.#queue.clear();
    if (muted) this.#resolveLinkByte(undefined);
  }

  close(): void {
    clearTimeout(this.#t1);
    this.#queue.close();
    this.#resolveLinkByte(undefined);
  }

  receive(timeoutMs: number): Promise<Uint8Array | undefined> {
    return this.#queue.receive(timeoutMs);
  }

  send(apdu: Uint8Array): Promise<void> {
    const run = this.#sending.then(() => this.#sendFrame(apdu));
    this.#sending = run.catch(() => {});
    return run;
  }

  async #sendFrame(apdu: Uint8Array): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw linkClosedError('send on a closed serial link');
      const corrupt = this.#corruptOutgoing > 0;
      if (corrupt) this.#corruptOutgoing--;
      const reply = this.#waitLinkByte();
      this.#channel.write(encodeFrame(apdu, { corruptCrc: corrupt }));
      const answer = await reply;
      if (answer === 'ack') return;
      if (answer === undefined) {
        throw new ZvtLinkError(
          'zvtsim.link_no_ack',
          'La caja (ECR) no ha confirmado la recepción de una trama.',
          `no ACK within ${this.#ackTimeoutMs} ms for ${hex(apdu.subarray(0, 2))} (attempt ${attempt})`,
        );
      }
      this.#log(`NAK for ${hex(apdu.subarray(0, 2))}, attempt ${attempt}`);
      if (attempt >= this.#maxAttempts) {
        throw new ZvtLinkError(
          'zvtsim.link_nak',
          'La caja (ECR) ha rechazado repetidamente una trama.',
          `${attempt} NAKs for ${hex(apdu.subarray(0, 2))}`,
        );
      }
    }
  }

  #waitLinkByte(): Promise<LinkByte | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#resolveLinkByte(undefined), this.#ackTimeoutMs);
      this.#linkByteWaiter = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
    });
  }

  #resolveLinkByte(b: LinkByte | undefined): void {
    const waiter = this.#linkByteWaiter;
    this.#linkByteWaiter = undefined;
    waiter?.(b);
  }

  #onData(bytes: Uint8Array): void {
    if (this.#muted || this.closed) return;
    clearTimeout(this.#t1);
    for (const event of this.#deframer.push(bytes)) {
      switch (event.type) {
        case 'ack':
        case 'nak':
          if (this.#linkByteWaiter) this.#resolveLinkByte(event.type);
          else this.#log(`stray ${event.type} byte`);
          break;
        case 'frame':
          if (this.#nakIncoming > 0) {
            this.#nakIncoming--;
            this.#log(`NAK storm: refusing ${hex(event.apdu.subarray(0, 2))}`);
            this.#channel.write(Uint8Array.of(NAK));
          } else {
            this.#channel.write(Uint8Array.of(ACK));
            this.#queue.push(event.apdu);
          }
          break;
        case 'bad-frame':
          this.#log(`bad frame (${event.reason}): ${event.detail}`);
          this.#channel.write(Uint8Array.of(NAK));
          break;
        case 'noise':
          break;
      }
    }
    if (this.#deframer.inFrame) {
      // T1: a frame that stalls mid-way is dropped; the ECR will time out and repeat it.
      this.#t1 = setTimeout(() => this.#deframer.reset(), this.#interByteTimeoutMs);
    }
  }
}
