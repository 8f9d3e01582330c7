import { describe, expect, it } from 'vitest';
import { crc16Kermit, zvtFrameCrc } from './crc.ts';
import { fromHex } from './test-support.ts';

describe('CRC-16/KERMIT', () => {
  it('has the catalogue check value', () => {
    expect(crc16Kermit(new TextEncoder().encode('123456789'))).toBe(0x2189);
  });

  it('matches the worked vectors of docs/zvt.md §2.1 (APDU + ETX)', () => {
    expect(zvtFrameCrc(fromHex('80 00 00'))).toBe(0x1ff5);
    expect(zvtFrameCrc(fromHex('06 00 06 00 00 00 BA 09 78'))).toBe(0xd8d0);
    expect(zvtFrameCrc(fromHex('06 01 07 04 00 00 00 00 10 00'))).toBe(0x9162);
  });

  it('can continue a running CRC', () => {
    const all = fromHex('01 02 03 04 05');
    expect(crc16Kermit(all.subarray(2), crc16Kermit(all.subarray(0, 2)))).toBe(crc16Kermit(all));
  });
});
