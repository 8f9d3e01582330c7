/**
 * The tiny slice of Electron's IPC the transport needs, as plain interfaces: the real objects
 * (ipcMain, ipcRenderer, webContents) are adapted to these in electron/main.ts and electron/preload.ts,
 * and tests use the in-memory pair of memory-ipc.ts instead.
 */
import type { ServerEnvelope } from '../../core/api/contract.ts';
import type { IpcSender } from '../policy/index.ts';

/** Main side: `ipcMain.handle`, with the sender already described for the policy. */
export interface MainIpc {
  handle(channel: string, handler: (sender: IpcSender, message: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The window's web contents, as the transport sees it: where events go. */
export interface ScreenTarget {
  readonly id: number;
  send(channel: string, envelope: ServerEnvelope): void;
  isDestroyed(): boolean;
}

/** Renderer side (preload): `ipcRenderer.invoke` and `ipcRenderer.on`. */
export interface RendererIpc {
  invoke(channel: string, message: string): Promise<unknown>;
  /** Returns the function that removes the listener. */
  on(channel: string, listener: (message: unknown) => void): () => void;
}
