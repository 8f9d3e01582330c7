import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
import {
  type TlvNode,
  decodeBerLength,
  decodeTlv,
  encodeBerLength,
  encodeTlv,
  encodeTlvContainer,
  findAllTlv,
  findTlvValue,
  isConstructedTag,
  tagBytes,
} from './tlv.ts';
import { fromHex, onlyTypedErrors } from './test-support.ts';

const primitiveTag = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).filter((t) => (t & 0x1f) !== 0x1f && (t & 0x20) === 0),
  fc.integer({ min: 0, max: 0x7f }).map((b) => 0x1f00 | b),
  fc
    .tuple(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f }))
    .map(([a, b]) => 0x1f0000 + a * 256 + b),
);
const constructedTag = fc.oneof(
  fc.integer({ min: 0x20, max: 0x3e }),
  fc.integer({ min: 0, max: 0x7f }).map((b) => 0x3f00 | b),
  fc.integer({ min: 0xe0, max: 0xfe }),
);

const { tree } = fc.letrec<{ tree: TlvNode[]; node: TlvNode }>((tie) => ({
  tree: fc.array(tie('node'), { maxLength: 4 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      tag: primitiveTag,
      value: fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ minLength: 120, maxLength: 300 })),
    }),
    fc.record({ tag: constructedTag, children: tie('tree') }),
  ),
}));

describe('TLV (BMP 06)', () => {
  it('reads a print-text block with multi-byte tag 1F07', () => {
    const nodes = decodeTlv(fromHex('25 0B 07 03 41 42 43 07 00 1F 07 01 02'));
    expect(nodes).toEqual([
      {
        tag: 0x25,
        children: [
          { tag: 0x07, value: fromHex('41 42 43') },
          { tag: 0x07, value: new Uint8Array(0) },
          { tag: 0x1f07, value: fromHex('02') },
        ],
      },
    ]);
    expect(findTlvValue(nodes, 0x1f07)).toEqual(fromHex('02'));
    expect(findAllTlv(nodes, 0x07)).toHaveLength(2);
  });

  it('BER lengths: 1 byte, 81 xx, 82 xx xx', () => {
    expect(encodeBerLength(0x7f)).toEqual(fromHex('7F'));
    expect(encodeBerLength(0x80)).toEqual(fromHex('81 80'));
    expect(encodeBerLength(0x1234)).toEqual(fromHex('82 12 34'));
    expect(decodeBerLength(fromHex('00 82 01 00'), 1)).toEqual({ length: 256, size: 3 });
    expect(() => decodeBerLength(fromHex('83 00 00 01'), 0)).toThrow(ZvtDecodeError);
    expect(() => decodeBerLength(fromHex('80'), 0)).toThrow(ZvtDecodeError);
  });

  it('tags', () => {
    expect(tagBytes(0x1f07)).toEqual(fromHex('1F 07'));
    expect(tagBytes(0x1f8101)).toEqual(fromHex('1F 81 01'));
    expect(isConstructedTag(0x25)).toBe(true);
    expect(isConstructedTag(0x1f07)).toBe(false);
    expect(() => tagBytes(0x1f)).toThrow(ZvtEncodeError);
    expect(() => tagBytes(0x0107)).toThrow(ZvtEncodeError);
    expect(() => tagBytes(0x1f80)).toThrow(ZvtEncodeError);
  });

  it('encodes a container as BMP 06', () => {
    expect(encodeTlvContainer([{ tag: 0x1a, value: fromHex('01 00') }])).toEqual(
      fromHex('06 04 1A 02 01 00'),
    );
  });

  it('typed errors for truncated objects and runaway tags', () => {
    expect(() => decodeTlv(fromHex('07 05 41'))).toThrow(ZvtDecodeError);
    expect(() => decodeTlv(fromHex('1F 81 81 81 81 01'))).toThrow(ZvtDecodeError);
    expect(() => decodeTlv(fromHex('1F'))).toThrow(ZvtDecodeError);
    expect(() => decodeTlv(fromHex('25 03 07 05 41'))).toThrow(ZvtDecodeError);
  });

  it('refuses primitive tags with children and constructed tags with bytes', () => {
    expect(() => encodeTlv([{ tag: 0x07, children: [] }])).toThrow(ZvtEncodeError);
    expect(() => encodeTlv([{ tag: 0x25, value: new Uint8Array(0) }])).toThrow(ZvtEncodeError);
  });

  it('limits nesting depth with a typed error', () => {
    const deep = new Uint8Array(80).map((_, i) => (i % 2 === 0 ? 0x25 : 78 - i));
    expect(() => decodeTlv(deep)).toThrow(ZvtDecodeError);
  });

  it('round-trips arbitrary trees', () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        expect(decodeTlv(encodeTlv(nodes))).toEqual(nodes);
      }),
    );
  });

  it('arbitrary bytes never throw anything but ZvtDecodeError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => onlyTypedErrors(() => decodeTlv(b))));
  });
});
