/**
 * The TLV container carried in BMP 06 (docs/zvt.md §1; spec PA00P015 ch. 9 "TLV-container"). BER-style:
 * - tag: 1 byte, or several when the low 5 bits of the first byte are `1F` (continuation while bit 7 set);
 *   bit `20` of the first byte marks a constructed object whose value is itself a TLV list;
 * - length: `< 80` one byte, `81 xx`, `82 xx xx` (big-endian).
 * Tags are held as numbers built from their bytes (`1F 07` → 0x1F07).
 */
import { ZvtDecodeError, ZvtEncodeError, hex } from './errors.ts';

export type TlvNode =
  | { readonly tag: number; readonly value: Uint8Array }
  | { readonly tag: number; readonly children: readonly TlvNode[] };

/** Tags this driver reads or writes (docs/zvt.md §1). */
export const TlvTag = {
  TextLines: 0x07,
  ZvtCommand: 0x0a,
  PrinterCharsPerLine: 0x12,
  IsoCharSet: 0x14,
  MaxApduLength: 0x1a,
  DisplayTexts: 0x24,
  PrintTexts: 0x25,
  PermittedCommands: 0x26,
  SupportedCharSets: 0x27,
  PaymentType: 0x2f,
  CardTypeId: 0x41,
  ReceiptParameter: 0x1f04,
  TransactionParameter: 0x1f05,
  ReceiptType: 0x1f07,
  CardholderAuthentication: 0x1f10,
  OnlineFlag: 0x1f11,
  CardTechnology: 0x1f12,
  ReceiptInformation: 0x1f37,
} as const;

/** Longest tag we accept: 4 bytes keeps the number exact and covers every ZVT tag. */
const MAX_TAG_BYTES = 4;
/** Nesting limit so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 16;

export function isConstructedTag(tag: number): boolean {
  return (firstTagByte(tag) & 0x20) !== 0;
}

function firstTagByte(tag: number): number {
  let t = tag;
  while (t > 0xff) t = Math.floor(t / 256);
  return t;
}

/** The bytes of a tag number; throws {@link ZvtEncodeError} for a number that is not a valid BER tag. */
export function tagBytes(tag: number): Uint8Array {
  if (!Number.isSafeInteger(tag) || tag < 0 || tag > 0xffffffff) {
    throw new ZvtEncodeError(`TLV tag out of range: ${tag}`);
  }
  const bytes: number[] = [];
  let t = tag;
  do {
    bytes.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  const first = bytes[0]!;
  const multi = (first & 0x1f) === 0x1f;
  const valid =
    bytes.length === 1
      ? !multi
      : multi && bytes.slice(1, -1).every((b) => (b & 0x80) !== 0) && (bytes[bytes.length - 1]! & 0x80) === 0;
  if (!valid) throw new ZvtEncodeError(`not a BER tag: 0x${tag.toString(16)}`);
  return Uint8Array.from(bytes);
}

export function encodeBerLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffff) {
    throw new ZvtEncodeError(`TLV length out of range: ${length}`);
  }
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

/** Reads a BER length at `offset`: its value and how many bytes the length itself took. */
export function decodeBerLength(bytes: Uint8Array, offset: number): { length: number; size: number } {
  const first = bytes[offset];
  if (first === undefined) {
    throw new ZvtDecodeError('zvt.tlv_invalid', `TLV length missing at offset ${offset}`);
  }
  if (first < 0x80) return { length: first, size: 1 };
  if (first === 0x81 || first === 0x82) {
    const n = first & 0x0f;
    if (offset + 1 + n > bytes.length) {
      throw new ZvtDecodeError('zvt.tlv_invalid', `TLV length truncated at offset ${offset}`);
    }
    const length = n === 1 ? bytes[offset + 1]! : (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
    return { length, size: 1 + n };
  }
  throw new ZvtDecodeError('zvt.tlv_invalid', `unsupported TLV length form 0x${first.toString(16)}`);
}

function readTag(bytes: Uint8Array, offset: number): { tag: number; size: number } {
  const first = bytes[offset]!;
  let tag = first;
  let size = 1;
  if ((first & 0x1f) === 0x1f) {
    for (;;) {
      const b = bytes[offset + size];
      if (b === undefined) throw new ZvtDecodeError('zvt.tlv_invalid', `TLV tag truncated at ${offset}`);
      tag = tag * 256 + b;
      size++;
      if (size > MAX_TAG_BYTES) {
        throw new ZvtDecodeError('zvt.tlv_invalid', `TLV tag longer than ${MAX_TAG_BYTES} B at ${offset}`);
      }
      if ((b & 0x80) === 0) break;
    }
  }
  return { tag, size };
}

/** Decodes the content of a TLV container (the bytes after BMP 06 and its length). */
export function decodeTlv(bytes: Uint8Array): TlvNode[] {
  return decodeLevel(bytes, 0);
}

function decodeLevel(bytes: Uint8Array, depth: number): TlvNode[] {
  if (depth > MAX_DEPTH) throw new ZvtDecodeError('zvt.tlv_invalid', `TLV nested deeper than ${MAX_DEPTH}`);
  const nodes: TlvNode[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const { tag, size } = readTag(bytes, offset);
    const len = decodeBerLength(bytes, offset + size);
    const start = offset + size + len.size;
    const end = start + len.length;
    if (end > bytes.length) {
      throw new ZvtDecodeError(
        'zvt.tlv_invalid',
        `TLV 0x${tag.toString(16)} needs ${len.length} B, ${bytes.length - start} left: ${hex(bytes.subarray(offset), 16)}`,
      );
    }
    const value = bytes.slice(start, end);
    nodes.push(isConstructedTag(tag) ? { tag, children: decodeLevel(value, depth + 1) } : { tag, value });
    offset = end;
  }
  return nodes;
}

export function encodeTlv(nodes: readonly TlvNode[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const node of nodes) {
    const tag = tagBytes(node.tag);
    const constructed = isConstructedTag(node.tag);
    let value: Uint8Array;
    if ('children' in node) {
      if (!constructed) throw new ZvtEncodeError(`TLV 0x${node.tag.toString(16)} is primitive, has children`);
      value = encodeTlv(node.children);
    } else {
      if (constructed) throw new ZvtEncodeError(`TLV 0x${node.tag.toString(16)} is constructed, has bytes`);
      value = node.value;
    }
    parts.push(tag, encodeBerLength(value.length), value);
  }
  return concatBytes(parts);
}

/** BMP 06 as it sits in a BMP sequence: `06`, BER length, TLV content. */
export function encodeTlvContainer(nodes: readonly TlvNode[]): Uint8Array {
  const content = encodeTlv(nodes);
  return concatBytes([Uint8Array.of(0x06), encodeBerLength(content.length), content]);
}

/** Depth-first: every node with `tag`, at any level. */
export function findAllTlv(nodes: readonly TlvNode[], tag: number): TlvNode[] {
  const out: TlvNode[] = [];
  for (const node of nodes) {
    if (node.tag === tag) out.push(node);
    if ('children' in node) out.push(...findAllTlv(node.children, tag));
  }
  return out;
}

/** The bytes of the first primitive node with `tag`, at any level. */
export function findTlvValue(nodes: readonly TlvNode[], tag: number): Uint8Array | undefined {
  for (const node of findAllTlv(nodes, tag)) if ('value' in node) return node.value;
  return undefined;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
