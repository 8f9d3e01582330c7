/**
 * Typed errors of the scanner simulator. Simulators do not import drivers/, so this mirrors the shape of
 * the kiosk's KioskError (stable `code`, Spanish `message`, technician `detail`) without sharing code.
 */
export type ScannerSimErrorCode =
  | 'scanner_sim.bad_barcode'
  | 'scanner_sim.bad_argument'
  | 'scanner_sim.pty_failed'
  | 'scanner_sim.port_failed';

export class ScannerSimError extends Error {
  readonly code: ScannerSimErrorCode;
  readonly detail: string | undefined;

  constructor(code: ScannerSimErrorCode, message: string, detail?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScannerSimError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): { code: string; message: string; detail?: string } {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}
