/**
 * The DNIe's certificate files (dnie.md §3): FCI type 24 files hold `uncompressed length (4, LE) ‖
 * compressed length (4, LE) ‖ zlib`; when the compressed-length field is not the file length − 8 the
 * file is plain DER. Pure; throws only DnieError certificate_unreadable.
 */
import { inflateSync } from 'node:zlib';
import { DnieError } from './errors.ts';

const MAX_CERTIFICATE = 16 * 1024;

export function certificateFromFile(file: Uint8Array): Uint8Array {
  if (file.length >= 8) {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const plainLength = view.getUint32(0, true);
    const compressedLength = view.getUint32(4, true);
    if (compressedLength === file.length - 8) {
      if (plainLength > MAX_CERTIFICATE) {
        throw new DnieError('certificate_unreadable', `declared certificate length ${plainLength}`);
      }
      let der: Uint8Array;
      try {
        der = new Uint8Array(inflateSync(file.subarray(8), { maxOutputLength: MAX_CERTIFICATE }));
      } catch (error) {
        throw new DnieError('certificate_unreadable', 'zlib stream does not inflate', undefined, {
          cause: error,
        });
      }
      if (der.length !== plainLength) {
        throw new DnieError(
          'certificate_unreadable',
          `inflated ${der.length} bytes, header says ${plainLength}`,
        );
      }
      return der;
    }
  }
  // Trailing zero padding after a plain DER certificate is cut at the outer SEQUENCE length.
  return file;
}
