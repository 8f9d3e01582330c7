import { KioskError } from '../../drivers/common/kiosk-error.ts';

/** Why the kiosk could not start; the message says what to do. */
export class HostStartError extends KioskError {
  readonly code: string;

  constructor(code: `host.${string}`, message: string, detail?: string) {
    super(message, detail);
    this.code = code;
  }
}
