/**
 * ZVT over RS-232 / USB-serial (docs/zvt.md §2.1; spec PA00P015 ch. 2 "Transport layer"):
 * `DLE STX` + APDU with every `10` doubled + `DLE ETX` + CRC-16/KERMIT over APDU+ETX, low byte first.
 * After each frame the receiver answers one raw byte, ACK `06` or NAK `15`; on NAK the sender repeats.
 * Pure: the transport feeds bytes in, runs the timers in {@link SERIAL_LINK_POLICY} and writes the
 * ACK/NAK this module tells it about.
 */
import { ByteQueue } from './byte-queue.ts';
import { zvtFrameCrc } from './crc.ts';
import { ZvtDecodeError, hex } from './errors.ts';
import { MAX_APDU_LENGTH } from './apdu.ts';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

/**
 * What we send after a good / bad frame. ecrterm, packet-zvt.c and docs/zvt.md §2.1 use one raw byte.
 * Some spec readings write them as `10 06` (DLE ACK) and `15 15`; {@link SerialDeframer} accepts both
 * forms from the terminal, and {@link DLE_ACK_BYTES}/{@link NAK_NAK_BYTES} are there if a terminal needs
 * them sent. [unconfirmed against spec text]
 */
export const ACK_BYTES: Uint8Array = Uint8Array.of(ACK);
export const NAK_BYTES: Uint8Array = Uint8Array.of(NAK);
export const DLE_ACK_BYTES: Uint8Array = Uint8Array.of(DLE, ACK);
export const NAK_NAK_BYTES: Uint8Array = Uint8Array.of(NAK, NAK);

/**
 * Timing and retry policy for the serial transport (docs/zvt.md §2.1; values as ecrterm uses them,
 * exact spec semantics [unconfirmed]).
 */
export const SERIAL_LINK_POLICY = {
  /** T1: max gap between two bytes inside a frame; on expiry the partial frame is dropped and NAKed. */
  interByteTimeoutMs: 200,
  /** T2: how long to wait for the start of an expected frame. */
  frameHeaderTimeoutMs: 15_000,
  /** T3: wait for the ACK byte after sending a frame, and for the APDU-level `80 00 00`. */
  ackTimeoutMs: 5_000,
  /** T4: longest a command may keep master rights away from us. */
  masterRightsTimeoutMs: 180_000,
  /** Sends of one frame (1 + retries after NAK or missing ACK). Commonly 3 [unconfirmed in spec]. */
  maxSendAttempts: 3,
  /** Receptions of one frame with a bad CRC we NAK before giving up. */
  maxReceiveAttempts: 3,
} as const;

/** Line settings default (ecrterm: 9600 8N2, no flow control); every terminal is configurable. */
export const DEFAULT_SERIAL_LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 } as const;

/** Wraps one encoded APDU in a serial frame. */
export function encodeSerialFrame(apduBytes: Uint8Array): Uint8Array {
  const crc = zvtFrameCrc(apduBytes);
  let dles = 0;
  for (const b of apduBytes) if (b === DLE) dles++;
  const out = new Uint8Array(apduBytes.length + dles + 6);
  let i = 0;
  out[i++] = DLE;
  out[i++] = STX;
  for (const b of apduBytes) {
    out[i++] = b;
    if (b === DLE) out[i++] = DLE;
  }
  out[i++] = DLE;
  out[i++] = ETX;
  out[i++] = crc & 0xff;
  out[i++] = crc >> 8;
  return out;
}

export type SerialEvent =
  /** A frame with a good CRC: answer ACK, then decode `apdu` with decodeApdu. */
  | { readonly type: 'frame'; readonly apdu: Uint8Array }
  /** A complete frame whose CRC does not match: answer NAK, the sender repeats. */
  | {
      readonly type: 'crc_error';
      readonly error: ZvtDecodeError;
      readonly expected: number;
      readonly received: number;
    }
  /** A frame broken by a bad DLE sequence or excessive length: answer NAK. */
  | { readonly type: 'framing_error'; readonly error: ZvtDecodeError }
  /** The peer acknowledged our last frame (`06` or `10 06`). */
  | { readonly type: 'ack' }
  /** The peer refused our last frame (`15`, or `15 15` counted once): repeat it. */
  | { readonly type: 'nak' }
  /** Bytes outside any frame that mean nothing (line noise, a partial frame we joined late). */
  | { readonly type: 'garbage'; readonly count: number };

type State = 'idle' | 'idle_dle' | 'idle_nak' | 'frame' | 'frame_dle' | 'crc_lo' | 'crc_hi';

/** Streaming deframer for bytes from the serial line. */
export class SerialDeframer {
  #state: State = 'idle';
  readonly #apdu = new ByteQueue();
  #crcLo = 0;
  #garbage = 0;
  readonly #maxApdu: number;

  constructor(options: { readonly maxApduLength?: number } = {}) {
    this.#maxApdu = options.maxApduLength ?? MAX_APDU_LENGTH;
  }

  /** True while inside a frame: the transport runs the T1 inter-byte timer only then. */
  get inFrame(): boolean {
    return this.#state !== 'idle' && this.#state !== 'idle_dle' && this.#state !== 'idle_nak';
  }

  /**
   * Drops any partial frame (call on T1 expiry). Returns the framing error to NAK, or undefined if no
   * frame was in progress.
   */
  reset(): SerialEvent | undefined {
    const had = this.inFrame;
    this.#state = 'idle';
    this.#apdu.clear();
    return had
      ? { type: 'framing_error', error: new ZvtDecodeError('zvt.serial_framing', 'frame abandoned (T1)') }
      : undefined;
  }

  push(chunk: Uint8Array): SerialEvent[] {
    const events: SerialEvent[] = [];
    const flushGarbage = (): void => {
      if (this.#garbage > 0) {
        events.push({ type: 'garbage', count: this.#garbage });
        this.#garbage = 0;
      }
    };
    const emit = (e: SerialEvent): void => {
      flushGarbage();
      events.push(e);
    };
    const fail = (detail: string): void => {
      this.#apdu.clear();
      this.#state = 'idle';
      emit({ type: 'framing_error', error: new ZvtDecodeError('zvt.serial_framing', detail) });
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.#state === 'idle_nak') {
        this.#state = 'idle';
        if (b === NAK) continue; // second byte of `15 15`: one refusal, not two
      }
      switch (this.#state) {
        case 'idle':
          if (b === DLE) this.#state = 'idle_dle';
          else if (b === ACK) emit({ type: 'ack' });
          else if (b === NAK) {
            emit({ type: 'nak' });
            this.#state = 'idle_nak';
          } else this.#garbage++;
          break;
        case 'idle_dle':
          if (b === STX) {
            flushGarbage();
            this.#apdu.clear();
            this.#state = 'frame';
          } else if (b === ACK) {
            emit({ type: 'ack' });
            this.#state = 'idle';
          } else if (b === DLE) {
            this.#garbage++;
          } else {
            this.#garbage += 2;
            this.#state = 'idle';
          }
          break;
        case 'frame':
          if (b === DLE) this.#state = 'frame_dle';
          else this.#append(b, fail);
          break;
        case 'frame_dle':
          if (b === DLE) {
            this.#state = 'frame';
            this.#append(b, fail);
          } else if (b === ETX) {
            this.#state = 'crc_lo';
          } else if (b === STX) {
            // The sender restarted mid-frame: report the broken one and read the new one.
            fail(`new DLE STX inside a frame after ${this.#apdu.length} B`);
            this.#state = 'frame';
          } else {
            fail(`DLE followed by 0x${b.toString(16).padStart(2, '0')} inside a frame`);
          }
          break;
        case 'crc_lo':
          this.#crcLo = b;
          this.#state = 'crc_hi';
          break;
        case 'crc_hi': {
          const apdu = this.#apdu.view().slice();
          this.#apdu.clear();
          this.#state = 'idle';
          const received = this.#crcLo | (b << 8);
          const expected = zvtFrameCrc(apdu);
          if (received === expected) emit({ type: 'frame', apdu });
          else {
            const detail = `CRC ${received.toString(16)} != ${expected.toString(16)} over ${hex(apdu, 8)}`;
            emit({
              type: 'crc_error',
              error: new ZvtDecodeError('zvt.crc_mismatch', detail),
              expected,
              received,
            });
          }
          break;
        }
      }
    }
    if (!this.inFrame && this.#state !== 'idle_dle') flushGarbage();
    return events;
  }

  #append(b: number, fail: (detail: string) => void): void {
    if (this.#apdu.length >= this.#maxApdu) {
      fail(`frame longer than ${this.#maxApdu} B`);
      return;
    }
    this.#apdu.appendByte(b);
  }
}
