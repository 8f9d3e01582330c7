/**
 * The base of every typed error in the kiosk. An error is a value a program can branch on (`code`),
 * with a sentence for the person in front of the kiosk (`message`, Spanish; the screen translates by
 * `code`) and what a technician needs to find the cause (`detail`). Never put a PIN, a DNI number,
 * a name or any other personal data in either text.
 */
export abstract class KioskError extends Error {
  /** Stable identifier, `area.reason` (for example `printer.paper_out`); also the catalogue key. */
  abstract readonly code: string;
  /** For the technician and the logs: exact device state, offsets, bytes, never personal data. */
  readonly detail: string | undefined;

  constructor(message: string, detail?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.detail = detail;
  }

  toJSON(): { code: string; message: string; detail?: string } {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}
