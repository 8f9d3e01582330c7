/**
 * Who may talk to core over IPC: only the top frame of our own window, showing a page of our own
 * origin (Electron security checklist item 17, "validate the sender of all IPC messages"). A subframe,
 * another window or a page that somehow left the app gets nothing.
 */
import { originOf, APP_ORIGIN } from './app-origin.ts';

export interface IpcSender {
  /** The sending frame's URL; null when Electron no longer has the frame (navigated or destroyed). */
  readonly frameUrl: string | null;
  /** True when the frame is the top frame of its page. */
  readonly isMainFrame: boolean;
  /** The web contents that sent the message. */
  readonly webContentsId: number;
}

export type SenderVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: 'no_frame' | 'subframe' | 'foreign_window' | 'foreign_origin';
    };

export function ipcSenderVerdict(sender: IpcSender, windowWebContentsId: number | null): SenderVerdict {
  if (sender.frameUrl === null) return { allowed: false, reason: 'no_frame' };
  if (!sender.isMainFrame) return { allowed: false, reason: 'subframe' };
  if (windowWebContentsId === null || sender.webContentsId !== windowWebContentsId) {
    return { allowed: false, reason: 'foreign_window' };
  }
  if (originOf(sender.frameUrl) !== APP_ORIGIN) return { allowed: false, reason: 'foreign_origin' };
  return { allowed: true };
}
