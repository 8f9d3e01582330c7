/**
 * The serial link layer of ZVT as a pure state machine (docs/zvt.md §2.1; spec PA00P015 ch. 2
 * "Transport layer"): every frame we receive is answered with one ACK `06` (good CRC) or NAK `15`
 * (bad CRC or framing); every frame we send waits T3 for the terminal's ACK and is repeated on NAK or
 * silence, up to `maxSendAttempts` sends. Bytes, timer expiries and send requests go in; the actions to
 * perform (write bytes, start/stop a timer, deliver an APDU, settle a send) come out. No I/O, no clock:
 * the adapter in serial-link.ts runs the timers and writes the bytes.
 */
import type { ZvtDecodeError } from '../errors.ts';
import {
  ACK_BYTES,
  NAK,
  NAK_BYTES,
  SERIAL_LINK_POLICY,
  SerialDeframer,
  encodeSerialFrame,
} from '../serial-framing.ts';
import { ZvtTransportError } from './errors.ts';

export type SerialTimer =
  /** T1: gap between two bytes inside a frame. */
  | 't1'
  /** T3: wait for the ACK byte after we sent a frame. */
  | 'ack';

export interface SerialLinkPolicy {
  readonly interByteTimeoutMs: number;
  readonly ackTimeoutMs: number;
  readonly maxSendAttempts: number;
  readonly maxReceiveAttempts: number;
}

export type SerialAction =
  | { readonly type: 'write'; readonly bytes: Uint8Array }
  | { readonly type: 'start_timer'; readonly timer: SerialTimer; readonly ms: number }
  | { readonly type: 'stop_timer'; readonly timer: SerialTimer }
  /** A frame with a good CRC arrived (already ACKed): the unstuffed APDU bytes. */
  | { readonly type: 'received'; readonly apdu: Uint8Array }
  /** `maxReceiveAttempts` bad frames in a row: the terminal has given up repeating this one. */
  | { readonly type: 'receive_failed'; readonly error: ZvtDecodeError }
  /** The terminal ACKed the frame of send `id`. */
  | { readonly type: 'sent'; readonly id: number }
  /** Send `id` failed after every attempt (`zvt.nak_limit` / `zvt.timeout`) or the link closed. */
  | { readonly type: 'send_failed'; readonly id: number; readonly error: ZvtTransportError }
  /** Bytes outside any frame that meant nothing (line noise); for the log only. */
  | { readonly type: 'garbage'; readonly count: number }
  /** A repeat or a NAK, for the technician's log. */
  | { readonly type: 'note'; readonly text: string };

interface Outgoing {
  readonly id: number;
  readonly frame: Uint8Array;
  /** First bytes of the APDU, for `detail` texts. */
  readonly label: string;
  attempts: number;
  naks: number;
}

export class SerialLinkMachine {
  readonly #policy: SerialLinkPolicy;
  readonly #deframer = new SerialDeframer();
  readonly #queue: Outgoing[] = [];
  #current: Outgoing | undefined;
  #nextId = 1;
  #badFrames = 0;
  #t1Running = false;
  #closed = false;
  /** Last byte fed to the deframer (see {@link SerialLinkMachine.#write}). */
  #lastByte = -1;

  constructor(policy: Partial<SerialLinkPolicy> = {}) {
    this.#policy = { ...SERIAL_LINK_POLICY, ...policy };
  }

  get policy(): SerialLinkPolicy {
    return this.#policy;
  }

  /** True while a frame of ours waits for its ACK. */
  get sending(): boolean {
    return this.#current !== undefined;
  }

  /** Queues one APDU (encoded bytes) for sending; frames go out one at a time, in order. */
  send(apduBytes: Uint8Array): { readonly id: number; readonly actions: SerialAction[] } {
    const id = this.#nextId++;
    if (this.#closed) {
      return {
        id,
        actions: [
          {
            type: 'send_failed',
            id,
            error: new ZvtTransportError('zvt.link_closed', 'send on a closed serial link'),
          },
        ],
      };
    }
    const label = Array.from(apduBytes.subarray(0, 2), (b) => b.toString(16).padStart(2, '0')).join(' ');
    this.#queue.push({ id, frame: encodeSerialFrame(apduBytes), label, attempts: 0, naks: 0 });
    return { id, actions: this.#next() };
  }

  /** Bytes read from the line, in any chunking. */
  bytes(chunk: Uint8Array): SerialAction[] {
    if (this.#closed) return [];
    if (chunk.length > 0) this.#lastByte = chunk[chunk.length - 1]!;
    const actions: SerialAction[] = [];
    for (const event of this.#deframer.push(chunk)) {
      switch (event.type) {
        case 'frame':
          this.#badFrames = 0;
          actions.push({ type: 'write', bytes: ACK_BYTES }, { type: 'received', apdu: event.apdu });
          break;
        case 'crc_error':
        case 'framing_error':
          actions.push(...this.#badFrame(event.error));
          break;
        case 'ack':
          actions.push(...this.#acked());
          break;
        case 'nak':
          actions.push(...this.#refused('nak'));
          break;
        case 'garbage':
          actions.push({ type: 'garbage', count: event.count });
          break;
      }
    }
    // T1 runs only inside a frame; every chunk restarts it.
    if (this.#deframer.inFrame) {
      this.#t1Running = true;
      actions.push({ type: 'start_timer', timer: 't1', ms: this.#policy.interByteTimeoutMs });
    } else if (this.#t1Running) {
      this.#t1Running = false;
      actions.push({ type: 'stop_timer', timer: 't1' });
    }
    return actions;
  }

  /** A timer the adapter started has expired. */
  timer(timer: SerialTimer): SerialAction[] {
    if (this.#closed) return [];
    if (timer === 't1') {
      this.#t1Running = false;
      const broken = this.#deframer.reset();
      return broken?.type === 'framing_error' ? this.#badFrame(broken.error) : [];
    }
    return this.#current === undefined ? [] : this.#refused('silence');
  }

  /** The channel is gone: every pending send fails, nothing else happens. */
  close(detail: string): SerialAction[] {
    if (this.#closed) return [];
    this.#closed = true;
    const pending = [...(this.#current === undefined ? [] : [this.#current]), ...this.#queue.splice(0)];
    this.#current = undefined;
    const actions: SerialAction[] = [
      { type: 'stop_timer', timer: 'ack' },
      { type: 'stop_timer', timer: 't1' },
    ];
    for (const o of pending) {
      actions.push({
        type: 'send_failed',
        id: o.id,
        error: new ZvtTransportError('zvt.connection_lost', detail),
      });
    }
    return actions;
  }

  #badFrame(error: ZvtDecodeError): SerialAction[] {
    this.#badFrames++;
    const actions: SerialAction[] = [
      { type: 'write', bytes: NAK_BYTES },
      { type: 'note', text: `NAK sent (${this.#badFrames} in a row): ${error.detail ?? error.code}` },
    ];
    if (this.#badFrames >= this.#policy.maxReceiveAttempts) {
      this.#badFrames = 0;
      actions.push({ type: 'receive_failed', error });
    }
    return actions;
  }

  #acked(): SerialAction[] {
    const done = this.#current;
    // A stray ACK (a repeat, or line noise that looks like one) acknowledges nothing.
    if (done === undefined) return [];
    this.#current = undefined;
    return [{ type: 'stop_timer', timer: 'ack' }, { type: 'sent', id: done.id }, ...this.#next()];
  }

  /** NAK or T3 silence for the frame in flight: repeat it, or give up after maxSendAttempts. */
  #refused(why: 'nak' | 'silence'): SerialAction[] {
    const o = this.#current;
    if (o === undefined) return [];
    if (why === 'nak') o.naks++;
    if (o.attempts < this.#policy.maxSendAttempts) {
      const reason = why === 'nak' ? 'NAK' : `no ACK within ${this.#policy.ackTimeoutMs} ms`;
      return [
        { type: 'note', text: `frame ${o.label}: ${reason}, send ${o.attempts + 1}` },
        ...this.#write(o),
      ];
    }
    this.#current = undefined;
    const detail = `frame ${o.label}: ${o.attempts} sends, ${o.naks} NAK(s), ${o.attempts - o.naks} without ACK within ${this.#policy.ackTimeoutMs} ms`;
    const error = new ZvtTransportError(o.naks === o.attempts ? 'zvt.nak_limit' : 'zvt.timeout', detail);
    return [{ type: 'stop_timer', timer: 'ack' }, { type: 'send_failed', id: o.id, error }, ...this.#next()];
  }

  #next(): SerialAction[] {
    if (this.#current !== undefined) return [];
    const o = this.#queue.shift();
    if (o === undefined) return [];
    this.#current = o;
    return this.#write(o);
  }

  #write(o: Outgoing): SerialAction[] {
    o.attempts++;
    // The deframer reads `15 15` as one NAK, so after a lone `15` it swallows the next `15` — which, once
    // we have repeated the frame, is the terminal's refusal of the repeat. A new frame of ours starts a
    // new answer: forget the pending half pair. Safe only outside a frame and right after a `15`
    // (the deframer is then idle or waiting for the second NAK, never holding a DLE).
    if (this.#lastByte === NAK && !this.#deframer.inFrame) {
      this.#deframer.reset();
      this.#lastByte = -1;
    }
    return [
      { type: 'write', bytes: o.frame },
      { type: 'start_timer', timer: 'ack', ms: this.#policy.ackTimeoutMs },
    ];
  }
}
