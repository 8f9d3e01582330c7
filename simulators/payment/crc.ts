/**
 * CRC-16 of ZVT serial frames (zvt.md §2.1): polynomial 0x1021 processed reflected (0x8408),
 * init 0x0000, no final XOR — i.e. CRC-16/KERMIT (check value of "123456789" is 0x2189).
 * Computed bit by bit on purpose: small, obviously the algorithm, and independent of any table
 * the kiosk driver may use, so a shared mistake cannot hide.
 */
export function crc16Kermit(bytes: Uint8Array, init = 0x0000): number {
  let crc = init;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    }
  }
  return crc & 0xffff;
}
