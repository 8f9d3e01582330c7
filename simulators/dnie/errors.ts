/** The virtual DNIe's own error type (simulators never import drivers/). */
export type DnieSimErrorCode =
  | 'dnie_sim.frame_invalid'
  | 'dnie_sim.apdu_invalid'
  | 'dnie_sim.not_connected'
  | 'dnie_sim.setup_invalid'
  | 'dnie_sim.connect_failed';

export class DnieSimError extends Error {
  readonly code: DnieSimErrorCode;
  readonly detail: string;

  constructor(code: DnieSimErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'DnieSimError';
    this.code = code;
    this.detail = detail;
  }
}
