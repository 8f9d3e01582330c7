/**
 * The DNIe's compressed certificate file (FCI type 24, dnie.md §3): 4 bytes little-endian uncompressed
 * length, 4 bytes little-endian compressed length, then a zlib stream.
 */
import { deflateSync } from 'node:zlib';

export function compressCertificate(der: Uint8Array): Uint8Array {
  const compressed = deflateSync(der);
  const out = new Uint8Array(8 + compressed.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, der.length, true);
  view.setUint32(4, compressed.length, true);
  out.set(compressed, 8);
  return out;
}
