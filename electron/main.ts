/**
 * The kiosk in Electron: one locked-down window showing the built screen from `cajero://app/`, core in
 * this same process, the KioskApi over IPC. Thin on purpose: every decision comes from electron/policy,
 * every Electron call around it is in hardening.ts, recovery.ts, protocol.ts and window-options.ts.
 *
 * Why core runs in the main process and not in a utilityProcess: the kiosk has one screen and one core,
 * and both are supervised as one unit by systemd (watchdog, Restart=always); a utility process would
 * add a second supervisor inside Electron and a second IPC hop for every call and event, while the
 * failures it isolates (a native addon crashing, a blocking call) already end in a restart of the
 * whole session by the watchdog. The transport is plain code over a tiny IPC interface
 * (electron/ipc/ipc-ports.ts), so moving core into a utilityProcess later means one adapter over
 * MessagePortMain, not a rewrite.
 *
 * Built before packaging into build/electron/main.mjs and build/electron/preload.cjs (see
 * docs/provisioning.md): Electron does not run TypeScript.
 */
import path from 'node:path';
import {
  app,
  type BrowserWindow as BrowserWindowType,
  BrowserWindow,
  crashReporter,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
} from 'electron';
import { ensureWritableDataDir } from '../core/host/data-dir.ts';
import { startWatchdog, type Watchdog, watchdogSettings } from '../core/host/watchdog.ts';
import { KioskCore } from '../core/kiosk-core.ts';
import { createLogger } from '../core/log/logger.ts';
import { loadKioskConfig, resolveConfigPath } from '../kiosk-config/index.ts';
import { configPathFrom } from './config-path.ts';
import { guardKeyboard, hardenSession, hardenWebContents } from './hardening.ts';
import { attachIpcTransport } from './ipc/index.ts';
import { electronMainIpc } from './ipc-electron.ts';
import { APP_SCHEME, APP_START_URL } from './policy/index.ts';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './protocol.ts';
import { relaunchOnFailure, watchChildProcesses, watchRenderer } from './recovery.ts';
import { kioskWindowOptions } from './window-options.ts';

const logger = createLogger({ component: 'electron' });
let dataDir: string | null = null;
let shuttingDown = false;

// Before anything else: a failure from here on relaunches the app with back-off.
const fail = relaunchOnFailure(app, logger, () =>
  dataDir ? path.join(dataDir, 'shell-failures.json') : null,
);
// Minidumps stay on the box, for the technician.
crashReporter.start({ uploadToServer: false });
// Must happen before `ready`: a standard, secure origin of our own, instead of file://.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  logger.warn({}, 'another instance holds the kiosk, exiting');
  app.exit(0);
} else {
  app.on('second-instance', () => logger.warn({}, 'second instance refused'));
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, logger);
    guardKeyboard(contents, logger);
  });
  watchChildProcesses(app, logger);
  app.whenReady().then(start, fail).catch(fail);
}

async function start(): Promise<void> {
  const loaded = await loadKioskConfig(configPathFrom(process.argv, process.env));
  logger.level = loaded.config.log.level;
  dataDir = resolveConfigPath(loaded, loaded.config.dataDir);
  await ensureWritableDataDir(dataDir);

  // No menu: its default accelerators (reload, devtools, zoom, full screen) disappear with it.
  Menu.setApplicationMenu(null);
  const ses = session.defaultSession;
  hardenSession(ses, logger);
  ses.protocol.handle(APP_SCHEME, appProtocolHandler(path.join(app.getAppPath(), 'renderer', 'dist')));

  const core = new KioskCore({ loaded, logger });
  let win: BrowserWindowType | null = null;
  const transport = attachIpcTransport({
    ipc: electronMainIpc(ipcMain),
    dispatch: core.dispatch,
    events: core.events,
    logger: logger.child({ module: 'ipc' }),
    screen: () => (win !== null && !win.isDestroyed() ? win.webContents : null),
  });
  core.start();

  win = new BrowserWindow(kioskWindowOptions(path.join(import.meta.dirname, 'preload.cjs')));
  const renderer = watchRenderer(win, logger);
  // The renderer is the screen: while it is gone, core's backstop counts down to wiping the session.
  win.webContents.on('render-process-gone', () => core.screens.screens(0));
  win.webContents.on('did-finish-load', () => core.screens.screens(1));
  const watchdog: Watchdog = startWatchdog({
    settings: watchdogSettings(process.env),
    logger,
    isHealthy: renderer.healthy,
  });
  powerSaveBlocker.start('prevent-display-sleep');
  win.once('ready-to-show', () => {
    win?.show();
    void watchdog.ready();
  });
  win.on('close', (event) => {
    // Only an orderly shutdown (SIGTERM from systemd) closes the window.
    if (!shuttingDown) event.preventDefault();
  });

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'stopping');
    watchdog.stop();
    transport.close();
    await core.stop();
    logger.flush();
    app.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await win.loadURL(APP_START_URL);
}
