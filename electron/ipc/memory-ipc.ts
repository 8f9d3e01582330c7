/**
 * An in-memory stand-in for Electron's IPC pair, for tests in plain Node: messages cross with
 * `structuredClone` (Electron serialises with the structured clone algorithm too) and asynchronously,
 * like the real thing. The renderer end carries the sender description main will see, so tests can
 * pose as a subframe or a foreign page.
 */
import type { ServerEnvelope } from '../../core/api/contract.ts';
import type { IpcSender } from '../policy/index.ts';
import type { MainIpc, RendererIpc, ScreenTarget } from './ipc-ports.ts';

export interface MemoryIpcPair {
  readonly main: MainIpc;
  readonly screen: ScreenTarget;
  /** A renderer end posing as `sender` (by default the top frame of the screen on our origin). */
  renderer(sender?: Partial<IpcSender>): RendererIpc;
  /** Tears the window down: later sends are dropped, `isDestroyed()` is true. */
  destroy(): void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createMemoryIpcPair(webContentsId = 1): MemoryIpcPair {
  const handlers = new Map<string, (sender: IpcSender, message: unknown) => Promise<unknown>>();
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  let destroyed = false;

  const screen: ScreenTarget = {
    id: webContentsId,
    isDestroyed: () => destroyed,
    send(channel: string, envelope: ServerEnvelope) {
      if (destroyed) throw new Error('web contents destroyed');
      const copy = structuredClone(envelope);
      setImmediate(() => {
        for (const listener of listeners.get(channel) ?? []) listener(copy);
      });
    },
  };

  return {
    main: {
      handle(channel, handler) {
        if (handlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`);
        handlers.set(channel, handler);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
    },
    screen,
    renderer(sender = {}) {
      const who: IpcSender = {
        frameUrl: 'cajero://app/index.html',
        isMainFrame: true,
        webContentsId,
        ...sender,
      };
      return {
        async invoke(channel, message) {
          await tick();
          const handler = handlers.get(channel);
          if (!handler) throw new Error(`No handler registered for '${channel}'`);
          const reply = await handler(who, structuredClone(message));
          await tick();
          return structuredClone(reply);
        },
        on(channel, listener) {
          const set = listeners.get(channel) ?? new Set();
          set.add(listener);
          listeners.set(channel, set);
          return () => set.delete(listener);
        },
      };
    },
    destroy() {
      destroyed = true;
    },
  };
}
