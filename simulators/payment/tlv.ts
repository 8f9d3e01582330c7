/**
 * The TLV container of BMP 06 (zvt.md §1): BER-style lengths (< 80 one byte, 81 xx, 82 xx xx big-endian),
 * tags of one byte or several when the low five bits of the first byte are 1F (continuation while bit 7 set).
 */
import { hex } from './bcd.ts';
import { codecError } from './errors.ts';

export interface TlvObject {
  /** Tag bytes as a hex string without spaces, e.g. '24' or '1F07'. */
  readonly tag: string;
  readonly value: Uint8Array;
}

export function encodeBerLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  throw codecError('zvtsim.tlv_invalid', `TLV length ${length} too large`);
}

/** Reads a BER length at `offset`; returns the length and how many bytes it took. */
export function decodeBerLength(bytes: Uint8Array, offset: number): { length: number; size: number } {
  const first = bytes[offset];
  if (first === undefined) throw codecError('zvtsim.tlv_invalid', `missing TLV length at ${offset}`);
  if (first < 0x80) return { length: first, size: 1 };
  if (first === 0x81 && offset + 1 < bytes.length) return { length: bytes[offset + 1]!, size: 2 };
  if (first === 0x82 && offset + 2 < bytes.length) {
    return { length: (bytes[offset + 1]! << 8) | bytes[offset + 2]!, size: 3 };
  }
  throw codecError('zvtsim.tlv_invalid', `bad TLV length byte ${hex(first)} at ${offset}`);
}

function tagBytes(tag: string): Uint8Array {
  if (!/^([0-9A-F]{2})+$/.test(tag)) throw codecError('zvtsim.tlv_invalid', `bad TLV tag "${tag}"`);
  return Uint8Array.from(tag.match(/../g)!.map((h) => Number.parseInt(h, 16)));
}

export function encodeTlv(objects: readonly TlvObject[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const o of objects) parts.push(tagBytes(o.tag), encodeBerLength(o.value.length), o.value);
  return concat(parts);
}

/** Decodes the objects of one level; constructed values stay as bytes (decode them again if needed). */
export function decodeTlv(bytes: Uint8Array): TlvObject[] {
  const out: TlvObject[] = [];
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    const first = bytes[i++]!;
    if ((first & 0x1f) === 0x1f) {
      for (;;) {
        const next = bytes[i++];
        if (next === undefined) throw codecError('zvtsim.tlv_invalid', `tag truncated at ${start}`);
        if ((next & 0x80) === 0) break;
      }
    }
    const tag = hex(bytes.subarray(start, i)).replaceAll(' ', '');
    const { length, size } = decodeBerLength(bytes, i);
    i += size;
    if (i + length > bytes.length) {
      throw codecError('zvtsim.tlv_invalid', `TLV ${tag} wants ${length} bytes, ${bytes.length - i} left`);
    }
    out.push({ tag, value: bytes.slice(i, i + length) });
    i += length;
  }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
