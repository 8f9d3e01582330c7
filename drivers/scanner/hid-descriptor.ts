/**
 * Finds the HID POS Scanned Data Report layout in a device's report descriptor, so a scanner whose
 * fields are not where the presets of hid-pos.ts put them still works.
 *
 * Descriptor items follow Device Class Definition for HID 1.11 §6.2.2: a prefix byte (bTag in bits
 * 7–4, bType in 3–2, bSize in 1–0 with 3 meaning 4 bytes), then the data, little endian; 0xFE starts
 * a long item (skipped). We track the global items Usage Page, Report Size, Report Count, Report ID
 * and the local items Usage, Usage Minimum/Maximum, and lay out the fields of each Input item in
 * order, per report id (HID 1.11 §8.4: fields are packed from bit 0 of the report, after the id byte).
 * Push/Pop and delimiters are not handled; a descriptor using them around the scanner fields may give
 * null. Only byte-aligned symbology, byte count and data fields are accepted.
 */
import type { HidPosLayout } from './hid-pos.ts';

const PAGE_GENERIC_DESKTOP = 0x01;
const PAGE_BARCODE_SCANNER = 0x8c;
const USAGE_BYTE_COUNT = 0x3b;
const USAGE_SYMBOLOGY_1 = 0xfb;
const USAGE_SYMBOLOGY_3 = 0xfd;
const USAGE_DECODED_DATA = 0xfe;
const USAGE_DATA_CONTINUED = 0xff;

/** A usage with its page, as `page << 16 | id`. */
type FullUsage = number;

interface Field {
  readonly bitOffset: number;
  readonly bitSize: number;
}

interface Found {
  byteCount?: Field;
  symbology: Map<number, Field>;
  data?: Field;
  continued?: Field;
}

function full(page: number, usage: number, size: number): FullUsage {
  // A 4-byte usage carries its own page in the high 16 bits (HID 1.11 §6.2.2.8).
  return size === 4 ? usage >>> 0 : ((page << 16) | (usage & 0xffff)) >>> 0;
}

/** Layout of the first report that has Decoded Data, or null when none can be read from `descriptor`. */
export function hidPosLayoutFromDescriptor(descriptor: Uint8Array): HidPosLayout | null {
  let page = 0;
  let reportSize = 0;
  let reportCount = 0;
  let reportId: number | null = null;
  let usages: FullUsage[] = [];
  let usageMinimum: FullUsage | undefined;
  const nextBit = new Map<number | null, number>();
  const found = new Map<number | null, Found>();
  const order: (number | null)[] = [];

  const place = (usage: FullUsage, field: Field, elementSize: number): void => {
    let entry = found.get(reportId);
    if (entry === undefined) {
      entry = { symbology: new Map() };
      found.set(reportId, entry);
      order.push(reportId);
    }
    const usagePage = usage >>> 16;
    const id = usage & 0xffff;
    if (usagePage === PAGE_GENERIC_DESKTOP && id === USAGE_BYTE_COUNT && field.bitSize === 8) {
      entry.byteCount = field;
    } else if (usagePage === PAGE_BARCODE_SCANNER) {
      if (id >= USAGE_SYMBOLOGY_1 && id <= USAGE_SYMBOLOGY_3) {
        // One byte per identifier, or the three declared together as one 24-bit run.
        for (let k = 0; k * 8 < field.bitSize && id + k <= USAGE_SYMBOLOGY_3; k++) {
          entry.symbology.set(id + k, { bitOffset: field.bitOffset + k * 8, bitSize: 8 });
        }
      } else if (id === USAGE_DECODED_DATA && elementSize === 8) {
        entry.data = field;
      } else if (id === USAGE_DATA_CONTINUED) {
        entry.continued = { bitOffset: field.bitOffset, bitSize: 1 };
      }
    }
  };

  let at = 0;
  while (at < descriptor.length) {
    const prefix = descriptor[at] ?? 0;
    if (prefix === 0xfe) {
      at += 3 + (descriptor[at + 1] ?? 0);
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03] ?? 0;
    if (at + 1 + size > descriptor.length) break;
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + (descriptor[at + 1 + i] ?? 0);
    at += 1 + size;
    switch (prefix & 0xfc) {
      case 0x04: // Usage Page (global)
        page = value & 0xffff;
        break;
      case 0x74: // Report Size (global)
        reportSize = value;
        break;
      case 0x94: // Report Count (global)
        reportCount = value;
        break;
      case 0x84: // Report ID (global)
        reportId = value & 0xff;
        break;
      case 0x08: // Usage (local)
        usages.push(full(page, value, size));
        break;
      case 0x18: // Usage Minimum (local)
        usageMinimum = full(page, value, size);
        break;
      case 0x28: {
        // Usage Maximum (local): expand the range, bounded so garbage cannot make it huge.
        const maximum = full(page, value, size);
        if (usageMinimum !== undefined) {
          for (let u = usageMinimum; u <= maximum && u - usageMinimum < 256; u++) usages.push(u);
        }
        usageMinimum = undefined;
        break;
      }
      case 0x80: {
        // Input (main): lay its fields out, then locals end (HID 1.11 §6.2.2.8).
        const start = nextBit.get(reportId) ?? (reportId === null ? 0 : 8);
        const constant = (value & 0x01) !== 0;
        const variable = (value & 0x02) !== 0;
        if (!constant && reportSize > 0) {
          if (!variable || usages.length <= 1) {
            // An array, or one usage for `count` elements: one buffer (Decoded Data is declared so).
            const first = usages[0];
            if (first !== undefined)
              place(first, { bitOffset: start, bitSize: reportSize * reportCount }, reportSize);
          } else {
            // One usage per field; fields past the last usage are not scanner fields we read, and a
            // garbage count of 2^32 must not loop that long.
            for (let i = 0; i < Math.min(reportCount, usages.length); i++) {
              const usage = usages[i];
              if (usage !== undefined)
                place(usage, { bitOffset: start + i * reportSize, bitSize: reportSize }, reportSize);
            }
          }
        }
        nextBit.set(reportId, start + reportSize * reportCount);
        usages = [];
        usageMinimum = undefined;
        break;
      }
      case 0x90: // Output
      case 0xb0: // Feature
      case 0xa0: // Collection
      case 0xc0: // End Collection
        usages = [];
        usageMinimum = undefined;
        break;
      default:
        break;
    }
  }

  for (const id of order) {
    const layout = toLayout(id, found.get(id));
    if (layout !== null) return layout;
  }
  return null;
}

function toLayout(reportId: number | null, found: Found | undefined): HidPosLayout | null {
  const data = found?.data;
  const continued = found?.continued;
  if (found === undefined || data === undefined || continued === undefined) return null;
  const first = found.symbology.get(USAGE_SYMBOLOGY_1);
  const second = found.symbology.get(USAGE_SYMBOLOGY_1 + 1);
  const third = found.symbology.get(USAGE_SYMBOLOGY_3);
  if (first === undefined || second === undefined || third === undefined) return null;
  // The decoder reads the three identifier bytes in a row.
  if (second.bitOffset !== first.bitOffset + 8 || third.bitOffset !== first.bitOffset + 16) return null;
  const aligned = [first, data, ...(found.byteCount === undefined ? [] : [found.byteCount])];
  if (aligned.some((field) => field.bitOffset % 8 !== 0) || data.bitSize % 8 !== 0 || data.bitSize === 0) {
    return null;
  }
  return {
    reportId,
    byteCountOffset: found.byteCount === undefined ? null : found.byteCount.bitOffset / 8,
    symbologyOffset: first.bitOffset / 8,
    dataOffset: data.bitOffset / 8,
    dataLength: data.bitSize / 8,
    continuedOffset: Math.floor(continued.bitOffset / 8),
    continuedMask: 1 << (continued.bitOffset % 8),
  };
}
