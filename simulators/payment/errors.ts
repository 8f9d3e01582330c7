/**
 * Error types of the ZVT terminal simulator. The simulator must not import anything from drivers/
 * (DESIGN.md "A simulator never imports the driver it tests"), so it has its own small hierarchy
 * with the same shape as the kiosk's errors: a stable `code`, a Spanish `message`, a technical `detail`.
 */
export type SimErrorCode =
  | 'zvtsim.bcd_invalid'
  | 'zvtsim.apdu_truncated'
  | 'zvtsim.apdu_too_long'
  | 'zvtsim.bmp_unknown'
  | 'zvtsim.bmp_truncated'
  | 'zvtsim.bmp_invalid'
  | 'zvtsim.tlv_invalid'
  | 'zvtsim.command_unknown'
  | 'zvtsim.command_malformed'
  | 'zvtsim.link_no_ack'
  | 'zvtsim.link_nak'
  | 'zvtsim.link_closed'
  | 'zvtsim.link_timeout'
  | 'zvtsim.socat_failed'
  | 'zvtsim.listen_failed'
  | 'zvtsim.journal_file';

export class SimulatorError extends Error {
  readonly code: SimErrorCode;
  readonly detail: string;

  constructor(code: SimErrorCode, message: string, detail: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
  }
}

/** A byte sequence that does not follow the ZVT encoding rules (BCD, APDU, BMP, TLV, command data). */
export class ZvtCodecError extends SimulatorError {}

/** The link to the ECR failed: no ACK byte, repeated NAKs, closed connection, timeout. */
export class ZvtLinkError extends SimulatorError {}

/** The simulator could not be set up: socat, listening socket, journal file. */
export class SimulatorSetupError extends SimulatorError {}

export function codecError(code: SimErrorCode, detail: string): ZvtCodecError {
  return new ZvtCodecError(code, 'El terminal de pago simulado ha recibido datos mal formados.', detail);
}
