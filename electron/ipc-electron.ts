/** Electron's ipcMain adapted to the transport's tiny MainIpc (electron/ipc/ipc-ports.ts). */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { MainIpc } from './ipc/index.ts';
import type { IpcSender } from './policy/index.ts';

export function describeSender(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  const alive = frame !== null && !frame.isDestroyed() && !frame.detached;
  return {
    frameUrl: alive ? frame.url : null,
    isMainFrame: alive && frame.parent === null,
    webContentsId: event.sender.id,
  };
}

export function electronMainIpc(ipcMain: IpcMain): MainIpc {
  return {
    handle: (channel, handler) =>
      ipcMain.handle(channel, (event, message: unknown) => handler(describeSender(event), message)),
    removeHandler: (channel) => ipcMain.removeHandler(channel),
  };
}
