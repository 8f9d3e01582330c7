import { KioskError } from '../common/kiosk-error.ts';

/**
 * Errors of the barcode scanner driver. Messages are for the person at the kiosk (Spanish), `detail`
 * for the technician: lengths, offsets, report bytes in hex; never the scanned text, which is a
 * recibo reference (personal data of the payer, in the end).
 */

/** A HID report (HID POS or boot keyboard) that cannot be what the scanner should send. */
export class ScannerReportError extends KioskError {
  readonly code:
    | 'scanner.hid_report_truncated'
    | 'scanner.hid_report_invalid'
    | 'scanner.keyboard_report_invalid';

  constructor(code: ScannerReportError['code'], detail: string) {
    super(
      'El lector de códigos de barras ha enviado datos que no se entienden. Vuelva a leer el código.',
      detail,
    );
    this.code = code;
  }
}

/** A scan (or a serial line) longer than any recibo barcode: a stuck trigger, line noise, wrong speed. */
export class ScanTooLongError extends KioskError {
  readonly code = 'scanner.scan_too_long';
  /** The limit that was passed, in characters. */
  readonly maxLength: number;

  constructor(maxLength: number, detail: string) {
    super('El código leído es demasiado largo. Vuelva a leer el código de barras del recibo.', detail);
    this.maxLength = maxLength;
  }
}

/** Opening, reading from or keeping the scanner device failed (unplugged, permissions, no such port). */
export class ScannerTransportError extends KioskError {
  readonly code = 'scanner.transport';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('No se puede comunicar con el lector de códigos de barras.', detail, options);
  }
}

/** Every error a scanner decoder can produce; decoders never throw anything else. */
export type ScannerDecodeError = ScannerReportError | ScanTooLongError;

/**
 * Bytes as hex for a `detail`, cut to `max` bytes. Callers show only header bytes (report id, count,
 * modifiers): data bytes and key codes are the scanned text.
 */
export function hexPreview(bytes: Uint8Array, max = 16): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}
