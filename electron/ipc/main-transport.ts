/**
 * Core's side of the KioskApi over Electron IPC. Every call's sender frame is checked with the policy
 * (top frame of our window, our origin) before its raw message reaches `core.dispatch`, which validates
 * the message itself as untrusted input; events from core go to the window. The transport moves
 * envelopes and never reinterprets them (core/api/contract.ts).
 */
import { KIOSK_API_VERSION, type ServerEnvelope } from '../../core/api/contract.ts';
import type { Dispatcher } from '../../core/api/dispatcher.ts';
import type { KioskEventHub } from '../../core/api/events.ts';
import type { Logger } from '../../core/log/logger.ts';
import { ipcSenderVerdict } from '../policy/index.ts';
import { KIOSK_CALL_CHANNEL, KIOSK_EVENT_CHANNEL } from './channels.ts';
import { IpcSenderRefusedError } from './ipc-errors.ts';
import type { MainIpc, ScreenTarget } from './ipc-ports.ts';

export interface IpcTransportOptions {
  readonly ipc: MainIpc;
  readonly dispatch: Dispatcher;
  readonly events: Pick<KioskEventHub, 'subscribe'>;
  readonly logger: Logger;
  /** The kiosk window's web contents right now (it changes when the window is recreated). */
  readonly screen: () => ScreenTarget | null;
}

export interface IpcTransport {
  close(): void;
}

export function attachIpcTransport(options: IpcTransportOptions): IpcTransport {
  const { ipc, dispatch, logger } = options;

  ipc.handle(KIOSK_CALL_CHANNEL, async (sender, message) => {
    const screen = options.screen();
    const verdict = ipcSenderVerdict(sender, screen && !screen.isDestroyed() ? screen.id : null);
    if (!verdict.allowed) {
      logger.warn(
        { reason: verdict.reason, webContentsId: sender.webContentsId, mainFrame: sender.isMainFrame },
        'kiosk api ipc call refused: foreign sender',
      );
      // Rejecting the invoke tells a foreign frame nothing about core.
      throw new IpcSenderRefusedError(verdict.reason);
    }
    if (typeof message !== 'string' && !(message instanceof Uint8Array)) {
      // The preload only ever sends strings; anything else is not an envelope.
      const malformed: ServerEnvelope = {
        v: KIOSK_API_VERSION,
        type: 'error',
        id: null,
        error: { code: 'malformed', message: 'message is not a string' },
      };
      logger.warn({ apiError: 'malformed', messageType: typeof message }, 'kiosk api call rejected');
      return malformed;
    }
    return dispatch(message);
  });

  const unsubscribe = options.events.subscribe((envelope) => {
    const screen = options.screen();
    if (screen === null || screen.isDestroyed()) return;
    try {
      screen.send(KIOSK_EVENT_CHANNEL, envelope);
    } catch (error) {
      // A window torn down between the check and the send: the next window gets the next event.
      logger.warn({ err: error }, 'kiosk api event not delivered');
    }
  });

  return {
    close() {
      unsubscribe();
      ipc.removeHandler(KIOSK_CALL_CHANNEL);
    },
  };
}
