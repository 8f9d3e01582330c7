/**
 * ZVT serial framing (zvt.md §2.1): DLE STX + APDU with every DLE doubled + DLE ETX + CRC low byte first.
 * The CRC covers the unstuffed APDU plus the ETX byte. Between frames, the other side sends single
 * link bytes: ACK 06 (frame ok) or NAK 15 (repeat it).
 */
import { hex } from './bcd.ts';
import { crc16Kermit } from './crc.ts';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

/** Builds a wire frame. `corruptCrc` flips the CRC bits: a fault the simulator can inject on purpose. */
export function encodeFrame(apdu: Uint8Array, options: { corruptCrc?: boolean } = {}): Uint8Array {
  const out: number[] = [DLE, STX];
  for (const byte of apdu) {
    out.push(byte);
    if (byte === DLE) out.push(DLE);
  }
  out.push(DLE, ETX);
  let crc = frameCrc(apdu);
  if (options.corruptCrc) crc ^= 0xffff;
  out.push(crc & 0xff, crc >> 8);
  return Uint8Array.from(out);
}

export function frameCrc(apdu: Uint8Array): number {
  const covered = new Uint8Array(apdu.length + 1);
  covered.set(apdu, 0);
  covered[apdu.length] = ETX;
  return crc16Kermit(covered);
}

export type DeframerEvent =
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  | { readonly type: 'frame'; readonly apdu: Uint8Array }
  | { readonly type: 'bad-frame'; readonly reason: 'crc' | 'framing'; readonly detail: string }
  | { readonly type: 'noise'; readonly byte: number };

type State = 'idle' | 'after-dle-idle' | 'data' | 'after-dle' | 'crc1' | 'crc2';

/**
 * Incremental receiver. Pure state machine: bytes in, events out; the inter-byte timeout (T1) is the
 * transport's business, which calls reset() when a frame stalls.
 */
export class Deframer {
  #state: State = 'idle';
  #data: number[] = [];
  #crcLow = 0;

  get inFrame(): boolean {
    return this.#state !== 'idle';
  }

  reset(): void {
    this.#state = 'idle';
    this.#data = [];
  }

  push(bytes: Uint8Array): DeframerEvent[] {
    const events: DeframerEvent[] = [];
    for (const byte of bytes) {
      const event = this.#step(byte);
      if (event) events.push(event);
    }
    return events;
  }

  #step(byte: number): DeframerEvent | undefined {
    switch (this.#state) {
      case 'idle':
        if (byte === ACK) return { type: 'ack' };
        if (byte === NAK) return { type: 'nak' };
        if (byte === DLE) {
          this.#state = 'after-dle-idle';
          return undefined;
        }
        return { type: 'noise', byte };
      case 'after-dle-idle':
        if (byte === STX) {
          this.#state = 'data';
          this.#data = [];
          return undefined;
        }
        this.#state = 'idle';
        return { type: 'noise', byte };
      case 'data':
        if (byte === DLE) this.#state = 'after-dle';
        else this.#data.push(byte);
        return undefined;
      case 'after-dle':
        if (byte === DLE) {
          this.#data.push(DLE);
          this.#state = 'data';
          return undefined;
        }
        if (byte === ETX) {
          this.#state = 'crc1';
          return undefined;
        }
        this.reset();
        return {
          type: 'bad-frame',
          reason: 'framing',
          detail: `DLE followed by ${hex(byte)} inside a frame`,
        };
      case 'crc1':
        this.#crcLow = byte;
        this.#state = 'crc2';
        return undefined;
      case 'crc2': {
        const apdu = Uint8Array.from(this.#data);
        this.reset();
        const received = this.#crcLow | (byte << 8);
        const expected = frameCrc(apdu);
        if (received !== expected) {
          return {
            type: 'bad-frame',
            reason: 'crc',
            detail: `CRC ${received.toString(16)} received, ${expected.toString(16)} computed over ${hex(apdu)}`,
          };
        }
        return { type: 'frame', apdu };
      }
    }
  }
}
