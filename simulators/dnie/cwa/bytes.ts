/** Byte helpers of the card side (its own; simulators share no code with drivers/). */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function bigOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${hexOf(bytes)}`);
}

export function bytesOf(value: bigint, length: number): Uint8Array {
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex'));
}

/** The card's own reading of a simple TLV list (tags of 1–2 bytes, lengths up to 82 xx xx). */
export interface CardTlv {
  readonly tag: number;
  readonly value: Uint8Array;
  /** The whole object as it came (for MAC input). */
  readonly raw: Uint8Array;
}

export function readTlvs(bytes: Uint8Array): CardTlv[] | undefined {
  const out: CardTlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    let tag = bytes[i++]!;
    if ((tag & 0x1f) === 0x1f) {
      if (i >= bytes.length) return undefined;
      tag = (tag << 8) | bytes[i++]!;
    }
    if (i >= bytes.length) return undefined;
    let length = bytes[i++]!;
    if (length === 0x81) {
      if (i >= bytes.length) return undefined;
      length = bytes[i++]!;
    } else if (length === 0x82) {
      if (i + 1 >= bytes.length) return undefined;
      length = (bytes[i]! << 8) | bytes[i + 1]!;
      i += 2;
    } else if (length > 0x80) return undefined;
    if (i + length > bytes.length) return undefined;
    out.push({ tag, value: bytes.slice(i, i + length), raw: bytes.slice(start, i + length) });
    i += length;
  }
  return out;
}

export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagPart = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const n = value.length;
  const lengthPart = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return cat(Uint8Array.from([...tagPart, ...lengthPart]), value);
}
