/**
 * Answer-to-reset parsing (ISO 7816-3 §8.2): the format byte T0, the interface bytes TAi..TDi, the
 * historical bytes and the protocols offered. Pure; throws only AtrFormatError.
 */
import { KioskError } from '../common/kiosk-error.ts';

export class AtrFormatError extends KioskError {
  readonly code = 'pcsc.atr_invalid';

  constructor(detail: string) {
    super('La tarjeta no se reconoce.', detail);
  }
}

export interface ParsedAtr {
  readonly ts: number;
  /** Protocols announced by TD bytes; T=0 when there is no TD1 (ISO 7816-3 §8.2.3). */
  readonly protocols: readonly number[];
  readonly historical: Uint8Array;
  /** TA1, TB1, TC1 when present. */
  readonly ta1: number | undefined;
}

export function parseAtr(atr: Uint8Array): ParsedAtr {
  if (atr.length < 2) throw new AtrFormatError(`ATR of ${atr.length} bytes`);
  const ts = atr[0]!;
  if (ts !== 0x3b && ts !== 0x3f) throw new AtrFormatError(`TS=${ts.toString(16)} is neither 3B nor 3F`);
  const t0 = atr[1]!;
  const historicalCount = t0 & 0x0f;
  let y = t0 >> 4;
  let index = 2;
  let ta1: number | undefined;
  const protocols: number[] = [];
  let level = 1;
  for (;;) {
    for (const bit of [0x1, 0x2, 0x4]) {
      if ((y & bit) === 0) continue;
      if (index >= atr.length) throw new AtrFormatError(`interface bytes run past the end (${atr.length})`);
      if (level === 1 && bit === 0x1) ta1 = atr[index];
      index++;
    }
    if ((y & 0x8) === 0) break;
    if (index >= atr.length) throw new AtrFormatError('TD byte missing');
    const td = atr[index++]!;
    if (!protocols.includes(td & 0x0f)) protocols.push(td & 0x0f);
    y = td >> 4;
    level++;
  }
  if (index + historicalCount > atr.length) {
    throw new AtrFormatError(`${historicalCount} historical bytes announced, ${atr.length - index} present`);
  }
  return {
    ts,
    protocols: protocols.length === 0 ? [0] : protocols,
    historical: atr.slice(index, index + historicalCount),
    ta1,
  };
}
