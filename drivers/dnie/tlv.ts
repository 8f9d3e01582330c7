/**
 * BER-TLV as the DNIe uses it in secure messaging and CVCs (ISO 7816-4 §5.4, ISO 8825-1): tags of one
 * or two bytes (the first byte's low five bits all set means a second byte follows), lengths in the short
 * form or 81 xx / 82 xx xx. Pure; decoders throw only TlvFormatError.
 */
import { TlvFormatError } from './errors.ts';

export interface Tlv {
  /** The tag bytes as a number: 0x87, 0x8E, 0x7F21, 0x5F37. */
  readonly tag: number;
  readonly value: Uint8Array;
}

const MAX_LENGTH = 0xffff;

function tagBytes(tag: number): number[] {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffff) throw new TlvFormatError(`tag ${tag} out of range`);
  if (tag > 0xff) {
    if ((tag >> 8) % 32 !== 0x1f)
      throw new TlvFormatError(`two-byte tag ${tag.toString(16)} without 1F marker`);
    if ((tag & 0x80) !== 0) throw new TlvFormatError(`tag ${tag.toString(16)} longer than two bytes`);
    return [tag >> 8, tag & 0xff];
  }
  if ((tag & 0x1f) === 0x1f)
    throw new TlvFormatError(`one-byte tag ${tag.toString(16)} announces a second byte`);
  return [tag];
}

export function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= MAX_LENGTH) return [0x82, length >> 8, length & 0xff];
  throw new TlvFormatError(`length ${length} too long`);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const head = [...tagBytes(tag), ...encodeLength(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head);
  out.set(value, head.length);
  return out;
}

export function encodeTlvs(items: readonly Tlv[]): Uint8Array {
  const parts = items.map((item) => encodeTlv(item.tag, item.value));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Decodes one TLV at `offset`; returns it and the offset after it. */
export function decodeTlvAt(bytes: Uint8Array, offset: number): { tlv: Tlv; next: number } {
  let at = offset;
  const byte = (): number => {
    const value = bytes[at];
    if (value === undefined) throw new TlvFormatError(`truncated TLV at ${offset}`);
    at++;
    return value;
  };
  let tag = byte();
  if ((tag & 0x1f) === 0x1f) {
    const second = byte();
    if ((second & 0x80) !== 0) throw new TlvFormatError(`tag longer than two bytes at ${offset}`);
    tag = (tag << 8) | second;
  }
  let length = byte();
  if (length === 0x81) {
    length = byte();
    if (length < 0x80) throw new TlvFormatError(`non-minimal length 81 ${length.toString(16)} at ${offset}`);
  } else if (length === 0x82) {
    length = (byte() << 8) | byte();
    if (length <= 0xff) throw new TlvFormatError(`non-minimal length 82 at ${offset}`);
  } else if (length >= 0x80) {
    throw new TlvFormatError(`length form ${length.toString(16)} not supported at ${offset}`);
  }
  if (at + length > bytes.length) {
    throw new TlvFormatError(
      `TLV ${tag.toString(16)} at ${offset} claims ${length} bytes, ${bytes.length - at} left`,
    );
  }
  return { tlv: { tag, value: bytes.slice(at, at + length) }, next: at + length };
}

/** Decodes a sequence of TLVs filling `bytes` exactly. */
export function decodeTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const { tlv, next } = decodeTlvAt(bytes, at);
    out.push(tlv);
    at = next;
  }
  return out;
}
