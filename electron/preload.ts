/**
 * The preload of the kiosk window (sandboxed: only `electron`'s renderer modules are available, so
 * this file is bundled with its imports into build/electron/preload.cjs). It exposes exactly one
 * object, `window.kiosk`, with the KioskApi's `call` and `on`: no ipcRenderer, no channel names, no
 * Node. Main checks the sender frame of every call (electron/ipc/main-transport.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeableKioskApi, createIpcKioskApi, type RendererIpc } from './ipc/index.ts';

const ipc: RendererIpc = {
  invoke: (channel, message) => ipcRenderer.invoke(channel, message),
  on: (channel, listener) => {
    const handler = (_event: Electron.IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', bridgeableKioskApi(createIpcKioskApi(ipc)));
