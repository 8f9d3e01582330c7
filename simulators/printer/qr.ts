/**
 * QR symbol the printer would draw for stored data (escpos.md §3), built with the `qrcode` package so
 * the emulator does not depend on the kiosk's own encoder. Byte mode keeps the stored bytes as sent.
 */
import QRCode from 'qrcode';
import type { QrErrorCorrection } from './decoder.ts';

export type QrMatrix = {
  /** Modules per side. */
  readonly size: number;
  /** Row-major, 1 = dark. */
  readonly cells: Uint8Array;
  readonly version: number;
};

export type QrBuildResult = { ok: true; matrix: QrMatrix } | { ok: false; reason: string };

export function buildQrMatrix(data: Uint8Array, errorCorrection: QrErrorCorrection): QrBuildResult {
  if (data.length === 0) return { ok: false, reason: 'no data stored' };
  try {
    const qr = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: errorCorrection });
    const size = qr.modules.size;
    const cells = new Uint8Array(size * size);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) cells[r * size + c] = qr.modules.get(r, c) ? 1 : 0;
    }
    return { ok: true, matrix: { size, cells, version: qr.version } };
  } catch (cause) {
    // The library throws when the data does not fit any version at this level; the printer prints nothing.
    return { ok: false, reason: cause instanceof Error ? cause.message : String(cause) };
  }
}
