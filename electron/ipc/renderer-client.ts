/**
 * The KioskApi over Electron IPC, the screen's side (it runs in the preload). The IPC channel lives as
 * long as the window, so unlike the WebSocket client there is no reconnection; a call core does not
 * answer in time fails as `unavailable`, like in browser mode.
 */
import {
  callTimeoutMs,
  DEFAULT_CALL_TIMEOUT_MS,
  KIOSK_API_VERSION,
  type KioskApi,
  KioskApiError,
  type KioskCallName,
  type KioskCallParams,
  type KioskCallResult,
  type KioskEventData,
  type KioskEventName,
  serverEnvelopeSchema,
} from '../../core/api/contract.ts';
import { KIOSK_CALL_CHANNEL, KIOSK_EVENT_CHANNEL } from './channels.ts';
import type { RendererIpc } from './ipc-ports.ts';

export interface IpcKioskApiOptions {
  readonly callTimeoutMs?: number;
}

export interface IpcKioskApi extends KioskApi {
  /** Stops listening to events (the window is going away). */
  close(): void;
}

export function createIpcKioskApi(ipc: RendererIpc, options: IpcKioskApiOptions = {}): IpcKioskApi {
  const baseTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const listeners = new Map<string, Set<(data: never) => void>>();
  let nextId = 1;

  const offEvents = ipc.on(KIOSK_EVENT_CHANNEL, (message) => {
    const parsed = serverEnvelopeSchema.safeParse(message);
    if (!parsed.success || parsed.data.type !== 'event') return;
    const { event, data } = parsed.data;
    for (const listener of listeners.get(event) ?? []) listener(data as never);
  });

  const exchange = (message: string, timeoutMs: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new KioskApiError({ code: 'unavailable', message: 'core did not answer in time' })),
        timeoutMs,
      );
      ipc.invoke(KIOSK_CALL_CHANNEL, message).then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        () => {
          clearTimeout(timer);
          reject(new KioskApiError({ code: 'unavailable', message: 'core refused or lost the call' }));
        },
      );
    });

  return {
    async call<N extends KioskCallName>(method: N, params: KioskCallParams<N>): Promise<KioskCallResult<N>> {
      const id = nextId;
      nextId = nextId >= 2 ** 31 - 1 ? 1 : nextId + 1;
      const reply = await exchange(
        JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id, method, params }),
        callTimeoutMs(method, baseTimeoutMs),
      );
      const parsed = serverEnvelopeSchema.safeParse(reply);
      if (
        !parsed.success ||
        parsed.data.type === 'event' ||
        (parsed.data.id !== null && parsed.data.id !== id)
      ) {
        throw new KioskApiError({
          code: 'internal',
          message: 'core answered with something that is not a reply',
        });
      }
      if (parsed.data.type === 'error') throw new KioskApiError(parsed.data.error);
      return parsed.data.result as KioskCallResult<N>;
    },
    on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (data: never) => void);
      listeners.set(event, set);
      return () => {
        set.delete(listener as (data: never) => void);
      };
    },
    close() {
      offEvents();
      listeners.clear();
    },
  };
}
