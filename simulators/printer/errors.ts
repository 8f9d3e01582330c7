/**
 * Typed errors of the printer emulator. Simulators do not import drivers/, so this mirrors the shape of
 * the kiosk's KioskError (stable `code`, Spanish `message`, technician `detail`) without sharing code.
 */
export type PrinterSimErrorCode =
  | 'printer_sim.pty_failed'
  | 'printer_sim.listen_failed'
  | 'printer_sim.timeout'
  | 'printer_sim.bad_argument'
  | 'printer_sim.no_document';

export class PrinterSimError extends Error {
  readonly code: PrinterSimErrorCode;
  readonly detail: string | undefined;

  constructor(code: PrinterSimErrorCode, message: string, detail?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterSimError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): { code: string; message: string; detail?: string } {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}
