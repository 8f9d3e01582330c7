/**
 * The vpcd wire protocol (vsmartcard vpcd.c / vpcd.h, dnie.md §9 "vpcd wire protocol"): every message in
 * both directions is a 2-byte big-endian length and the payload. A 1-byte payload from vpcd is a control
 * message (00 power off, 01 power on, 02 reset, 04 get ATR; only get ATR wants an answer, the ATR framed
 * the same way); any other payload is a command APDU answered by the response APDU.
 */
import { DnieSimError } from './errors.ts';

export const VPCD_CONTROL = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;
export const VPCD_DEFAULT_PORT = 35963;
export const MAX_FRAME = 0xffff;

export type VpcdMessage =
  | { readonly kind: 'power-off' }
  | { readonly kind: 'power-on' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'get-atr' }
  | { readonly kind: 'unknown-control'; readonly value: number }
  | { readonly kind: 'apdu'; readonly apdu: Uint8Array };

export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_FRAME) {
    throw new DnieSimError(
      'dnie_sim.frame_invalid',
      `payload of ${payload.length} bytes exceeds ${MAX_FRAME}`,
    );
  }
  const out = new Uint8Array(payload.length + 2);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

export function classifyMessage(payload: Uint8Array): VpcdMessage {
  if (payload.length === 1) {
    switch (payload[0]) {
      case VPCD_CONTROL.powerOff:
        return { kind: 'power-off' };
      case VPCD_CONTROL.powerOn:
        return { kind: 'power-on' };
      case VPCD_CONTROL.reset:
        return { kind: 'reset' };
      case VPCD_CONTROL.getAtr:
        return { kind: 'get-atr' };
      default:
        return { kind: 'unknown-control', value: payload[0]! };
    }
  }
  return { kind: 'apdu', apdu: payload };
}

/** Incremental de-framer: feed TCP chunks, get complete payloads. */
export class FrameReader {
  #buffer: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (joined.length - offset >= 2) {
      const length = (joined[offset]! << 8) | joined[offset + 1]!;
      if (joined.length - offset - 2 < length) break;
      frames.push(joined.slice(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    this.#buffer = joined.slice(offset);
    return frames;
  }

  get pending(): number {
    return this.#buffer.length;
  }
}
