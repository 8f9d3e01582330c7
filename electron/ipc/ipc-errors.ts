import { KioskError } from '../../drivers/common/kiosk-error.ts';

/** An IPC message from a frame that is not the kiosk's screen (subframe, other window, other origin). */
export class IpcSenderRefusedError extends KioskError {
  readonly code = 'electron.ipc_sender_refused';

  constructor(reason: string) {
    super('La pantalla no está autorizada para hablar con el cajero.', `sender refused: ${reason}`);
  }
}
