/**
 * CRC of the ZVT serial frame (docs/zvt.md §2.1): CRC-16 with polynomial 0x1021 processed reflected
 * (table constant 0x8408), initial value 0, no final XOR — the CRC-16/KERMIT parameter set
 * (check value for "123456789" is 0x2189). Covered bytes: unstuffed APDU followed by ETX (03).
 * The frame carries it low byte first.
 */

const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** Continues a running CRC over `bytes` (start with 0). */
export function crc16Kermit(bytes: Uint8Array, crc = 0): number {
  let c = crc & 0xffff;
  for (const b of bytes) c = (c >>> 8) ^ TABLE[(c ^ b) & 0xff]!;
  return c;
}

/** The CRC a serial frame carries for `apdu`: over the APDU bytes and the ETX byte. */
export function zvtFrameCrc(apdu: Uint8Array): number {
  return crc16Kermit(Uint8Array.of(0x03), crc16Kermit(apdu));
}
