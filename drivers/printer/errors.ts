import { KioskError } from '../common/kiosk-error.ts';

/**
 * Errors of the printer driver. Messages are for the person at the kiosk (Spanish), `detail` for
 * the technician (bytes, lengths, device state; never the printed personal data).
 */

/** A document cannot be turned into ESC/POS bytes (bad QR/barcode data, a setting out of range). */
export class PrintEncodeError extends KioskError {
  readonly code:
    | 'printer.qr_invalid'
    | 'printer.barcode_invalid'
    | 'printer.block_invalid'
    | 'printer.setting_invalid';

  constructor(code: PrintEncodeError['code'], detail: string) {
    super('No se ha podido preparar el documento para imprimir.', detail);
    this.code = code;
  }
}

/** A real-time status answer (DLE EOT, escpos.md §6) that is not a status byte: wrong fixed bits or length. */
export class PrinterStatusError extends KioskError {
  readonly code = 'printer.status_invalid';

  constructor(detail: string) {
    super('La impresora ha respondido algo que no se entiende.', detail);
  }
}

/** The printer did not answer the real-time status request in time (escpos.md §6: no reply = offline). */
export class PrinterOfflineError extends KioskError {
  readonly code = 'printer.offline';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('La impresora no responde.', detail, options);
  }
}

/** Opening, writing to or reading from the byte channel failed. */
export class PrinterTransportError extends KioskError {
  readonly code = 'printer.transport';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('No se puede comunicar con la impresora.', detail, options);
  }
}

/** Why a printer cannot print now (from its status, see status.ts). */
export type NotReadyReason =
  | 'printer.cover_open'
  | 'printer.paper_out'
  | 'printer.cutter_error'
  | 'printer.unrecoverable_error'
  | 'printer.auto_recoverable_error'
  | 'printer.mechanical_error'
  | 'printer.offline_other';

/** The printer answered, but its status says it cannot print; `message` is the citizen sentence. */
export class PrinterNotReadyError extends KioskError {
  readonly code: NotReadyReason;

  constructor(code: NotReadyReason, citizenMessage: string, technicianDetail: string) {
    super(citizenMessage, technicianDetail);
    this.code = code;
  }
}

/**
 * The bytes of a document were (at least partly) sent but the printer did not confirm it printed
 * them all: paper ran out, the cover was opened, the answer never came. Never treat as printed.
 */
export class PrintNotDeliveredError extends KioskError {
  readonly code = 'printer.not_delivered';

  constructor(detail: string, options?: { cause?: unknown }) {
    super('El documento no se ha podido imprimir completo.', detail, options);
  }
}
