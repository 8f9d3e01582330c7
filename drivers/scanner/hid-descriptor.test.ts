import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hidPosLayoutFromDescriptor } from './hid-descriptor.ts';
import { COMPACT_HID_POS_LAYOUT, HONEYWELL_HID_POS_LAYOUT } from './hid-pos.ts';

// Short items built by hand (HID 1.11 §6.2.2.2): prefix = tag/type bits | size code, then the data.
function item(tagType: number, ...data: number[]): number[] {
  const sizeCode = data.length === 4 ? 3 : data.length;
  return [tagType | sizeCode, ...data];
}
const usagePage = (page: number): number[] =>
  page > 0xff ? item(0x04, page & 0xff, page >> 8) : item(0x04, page);
const usage = (id: number): number[] => item(0x08, id);
const reportId = (id: number): number[] => item(0x84, id);
const reportSize = (bits: number): number[] => item(0x74, bits);
const reportCount = (n: number): number[] => item(0x94, n);
const input = (flags: number): number[] =>
  flags > 0xff ? item(0x80, flags & 0xff, flags >> 8) : item(0x80, flags);
const collection = (kind: number): number[] => item(0xa0, kind);
const endCollection = [0xc0];
const DATA_VAR = 0x02;
const CONSTANT = 0x01;
const BUFFERED_BYTES = 0x102;

/** A scanner whose report 2 has a byte count, three identifiers, 56 data bytes, two vendor bytes and a flags byte. */
const COUNTED_DESCRIPTOR = Uint8Array.from([
  ...usagePage(0x8c),
  ...usage(0x02),
  ...collection(0x01),
  ...usage(0x12),
  ...collection(0x02),
  ...reportId(2),
  ...reportSize(8),
  ...reportCount(1),
  ...usagePage(0x01),
  ...usage(0x3b),
  ...input(DATA_VAR),
  ...reportCount(3),
  ...usagePage(0x8c),
  ...usage(0xfb),
  ...usage(0xfc),
  ...usage(0xfd),
  ...input(DATA_VAR),
  ...reportCount(56),
  ...usage(0xfe),
  ...input(BUFFERED_BYTES),
  ...usagePage(0xff66),
  ...reportCount(2),
  ...usage(0x04),
  ...usage(0x00),
  ...input(DATA_VAR),
  ...usagePage(0x8c),
  ...reportSize(1),
  ...reportCount(8),
  ...usage(0xff),
  ...input(DATA_VAR),
  ...endCollection,
  // A trigger output report must not disturb the input layout.
  ...usage(0x14),
  ...collection(0x02),
  ...reportId(4),
  ...reportSize(1),
  ...reportCount(8),
  ...usage(0x60),
  ...item(0x90, 0x02),
  ...endCollection,
  ...endCollection,
]);

/** Report 2 with one identifier per input item, 56 data bytes, the continued bit and 7 bits of padding. */
const COMPACT_DESCRIPTOR = Uint8Array.from([
  ...usagePage(0x8c),
  ...usage(0x02),
  ...collection(0x01),
  ...reportId(2),
  ...reportSize(8),
  ...reportCount(1),
  ...usage(0xfb),
  ...input(DATA_VAR),
  ...usage(0xfc),
  ...input(DATA_VAR),
  ...usage(0xfd),
  ...input(DATA_VAR),
  ...reportCount(56),
  ...usage(0xfe),
  ...input(BUFFERED_BYTES),
  ...reportSize(1),
  ...reportCount(1),
  ...usage(0xff),
  ...input(DATA_VAR),
  ...reportSize(7),
  ...input(CONSTANT),
  ...endCollection,
]);

describe('hidPosLayoutFromDescriptor', () => {
  it('finds the Honeywell preset in a descriptor with a byte count and vendor fields', () => {
    expect(hidPosLayoutFromDescriptor(COUNTED_DESCRIPTOR)).toEqual(HONEYWELL_HID_POS_LAYOUT);
  });

  it('finds the compact preset in a descriptor without a byte count', () => {
    expect(hidPosLayoutFromDescriptor(COMPACT_DESCRIPTOR)).toEqual(COMPACT_HID_POS_LAYOUT);
  });

  it('reads an unnumbered report from offset 0', () => {
    const unnumbered = Uint8Array.from([
      ...usagePage(0x8c),
      ...reportSize(8),
      ...reportCount(3),
      ...usage(0xfb),
      ...usage(0xfc),
      ...usage(0xfd),
      ...input(DATA_VAR),
      ...reportCount(20),
      ...usage(0xfe),
      ...input(BUFFERED_BYTES),
      ...reportSize(1),
      ...reportCount(3),
      ...input(CONSTANT),
      ...reportCount(1),
      ...usage(0xff),
      ...input(DATA_VAR),
    ]);
    expect(hidPosLayoutFromDescriptor(unnumbered)).toEqual({
      reportId: null,
      byteCountOffset: null,
      symbologyOffset: 0,
      dataOffset: 3,
      dataLength: 20,
      continuedOffset: 23,
      continuedMask: 0x08,
    });
  });

  it('gives null for a keyboard and for a scanner report without the continued flag', () => {
    const keyboard = Uint8Array.from([
      ...usagePage(0x01),
      ...usage(0x06),
      ...collection(0x01),
      ...usagePage(0x07),
      ...item(0x18, 0xe0),
      ...item(0x28, 0xe7),
      ...reportSize(1),
      ...reportCount(8),
      ...input(DATA_VAR),
      ...reportSize(8),
      ...reportCount(1),
      ...input(CONSTANT),
      ...reportCount(6),
      ...item(0x18, 0x00),
      ...item(0x28, 0x65),
      ...input(0x00),
      ...endCollection,
    ]);
    expect(hidPosLayoutFromDescriptor(keyboard)).toBeNull();
    const cut = COMPACT_DESCRIPTOR.subarray(0, COMPACT_DESCRIPTOR.length - 12);
    expect(hidPosLayoutFromDescriptor(cut)).toBeNull();
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const layout = hidPosLayoutFromDescriptor(bytes);
        if (layout !== null) expect(layout.dataLength).toBeGreaterThan(0);
      }),
    );
  });
});

describe('hidPosLayoutFromDescriptor on hostile descriptors', () => {
  it('returns at once for a huge report count', () => {
    const huge = Uint8Array.from([
      ...usagePage(0x8c),
      ...reportSize(8),
      ...item(0x94, 0xff, 0xff, 0xff, 0xff),
      ...usage(0xfb),
      ...usage(0xfc),
      ...input(DATA_VAR),
    ]);
    expect(hidPosLayoutFromDescriptor(huge)).toBeNull();
  });
});
