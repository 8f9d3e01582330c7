/**
 * The kiosk window's options: one full-screen, frameless window in kiosk mode whose page has no Node,
 * its own JS world, Chromium's sandbox and no devtools (docs/electron-lockdown.md §1, §5).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
      spellcheck: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}
