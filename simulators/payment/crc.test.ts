import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Kermit } from './crc.ts';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc16Kermit', () => {
  it('has the CRC-16/KERMIT check value', () => {
    expect(crc16Kermit(ascii('123456789'))).toBe(0x2189);
  });

  it('matches the worked vectors of zvt.md §2.1 (APDU + ETX)', () => {
    expect(crc16Kermit(Uint8Array.of(0x80, 0x00, 0x00, 0x03))).toBe(0x1ff5);
    expect(crc16Kermit(Uint8Array.of(0x06, 0x00, 0x06, 0x00, 0x00, 0x00, 0xba, 0x09, 0x78, 0x03))).toBe(
      0xd8d0,
    );
    expect(crc16Kermit(Uint8Array.of(0x06, 0x01, 0x07, 0x04, 0, 0, 0, 0, 0x10, 0x00, 0x03))).toBe(0x9162);
  });

  it('leaves a zero residue when its own CRC is appended low byte first', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const crc = crc16Kermit(data);
        const withCrc = new Uint8Array([...data, crc & 0xff, crc >> 8]);
        expect(crc16Kermit(withCrc)).toBe(0);
      }),
    );
  });

  it('detects every single-bit error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (data, bit) => {
        const flipped = Uint8Array.from(data);
        const at = bit % (data.length * 8);
        flipped[at >> 3]! ^= 1 << (at & 7);
        expect(crc16Kermit(flipped)).not.toBe(crc16Kermit(data));
      }),
    );
  });
});
