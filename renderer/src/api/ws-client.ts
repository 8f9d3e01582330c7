/**
 * The KioskApi over a WebSocket, the screen's side (browser mode). Reconnects by itself: the screen
 * of a kiosk in the street must come back when core restarts, without anyone touching it.
 */
import {
  type ApiErrorCode,
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
} from '../../../core/api/contract.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebSocketKioskApi extends KioskApi {
  readonly state: ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export interface WebSocketKioskApiOptions {
  readonly callTimeoutMs?: number;
  /** Opens the socket; the browser's WebSocket unless a test brings another implementation. */
  readonly open?: (url: string) => WebSocket;
  readonly reconnectDelaysMs?: readonly number[];
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: KioskApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWebSocketKioskApi(
  url: string,
  options: WebSocketKioskApiOptions = {},
): WebSocketKioskApi {
  const baseTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const delays = options.reconnectDelaysMs ?? [250, 500, 1000, 2000, 5000];
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(data: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let nextId = 1;
  let attempt = 0;
  let closedByUs = false;
  let socket: WebSocket;
  let state: ConnectionState = 'connecting';
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };
  const failAll = (code: ApiErrorCode, message: string) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.reject(new KioskApiError({ code, message }));
    }
  };

  const connect = () => {
    setState('connecting');
    socket = options.open ? options.open(url) : new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      setState('open');
    });
    socket.addEventListener('message', (message) => onMessage(message.data));
    // A failed connection is followed by `close`, which schedules the next attempt.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      failAll('unavailable', 'connection to core closed');
      if (closedByUs) return setState('closed');
      setState('connecting');
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      attempt += 1;
      reconnectTimer = setTimeout(connect, delay);
    });
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverEnvelopeSchema.safeParse(json);
    if (!parsed.success) return;
    const envelope = parsed.data;
    if (envelope.type === 'event') {
      for (const listener of eventListeners.get(envelope.event) ?? []) listener(envelope.data as never);
      return;
    }
    if (envelope.id === null) return;
    const call = pending.get(envelope.id);
    if (!call) return;
    pending.delete(envelope.id);
    clearTimeout(call.timer);
    if (envelope.type === 'result') call.resolve(envelope.result);
    else call.reject(new KioskApiError(envelope.error));
  };

  connect();

  return {
    get state() {
      return state;
    },
    call<N extends KioskCallName>(method: N, params: KioskCallParams<N>): Promise<KioskCallResult<N>> {
      if (state !== 'open') {
        return Promise.reject(new KioskApiError({ code: 'unavailable', message: 'not connected to core' }));
      }
      const id = nextId++;
      return new Promise<KioskCallResult<N>>((resolve, reject) => {
        const timer = setTimeout(
          () => {
            pending.delete(id);
            reject(new KioskApiError({ code: 'unavailable', message: `${method} timed out` }));
          },
          callTimeoutMs(method, baseTimeoutMs),
        );
        pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
        socket.send(JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id, method, params }));
      });
    },
    on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener as (data: never) => void);
      eventListeners.set(event, set);
      return () => set.delete(listener as (data: never) => void);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      clearTimeout(reconnectTimer);
      socket.close();
    },
  };
}
