/**
 * Crash and hang recovery (docs/electron-lockdown.md §6): a renderer that dies is reloaded, with a
 * growing delay if it keeps dying; a hung renderer is crashed after a grace period and reloaded; a
 * child process that dies is logged; a main-process failure relaunches the app after a back-off that
 * survives the relaunch, and gives up to systemd after too many.
 */
import type { App, BrowserWindow } from 'electron';
import type { Logger } from '../core/log/logger.ts';
import { readCrashHistory, writeCrashHistory } from './crash-history.ts';
import {
  APP_START_URL,
  failureAction,
  isSupervised,
  relaunchDecision,
  rendererReloadDelayMs,
} from './policy/index.ts';

const UNRESPONSIVE_GRACE_MS = 10_000;
const CRASH_MEMORY_MS = 10 * 60_000;

export interface RendererHealth {
  /** False from a crash or hang until the page has loaded again: the systemd watchdog stops pinging. */
  healthy(): boolean;
}

export function watchRenderer(win: BrowserWindow, logger: Logger): RendererHealth {
  const contents = win.webContents;
  const crashes: number[] = [];
  let healthy = true;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;

  const reload = (delayMs: number) => {
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(APP_START_URL);
    }, delayMs);
  };

  contents.on('render-process-gone', (_event, details) => {
    healthy = false;
    const now = Date.now();
    while (crashes.length > 0 && now - crashes[0]! > CRASH_MEMORY_MS) crashes.shift();
    const delayMs = rendererReloadDelayMs(crashes.length);
    crashes.push(now);
    logger.error({ reason: details.reason, exitCode: details.exitCode, delayMs }, 'renderer gone, reloading');
    reload(delayMs);
  });
  contents.on('did-finish-load', () => {
    healthy = true;
  });
  win.on('unresponsive', () => {
    healthy = false;
    logger.warn({ graceMs: UNRESPONSIVE_GRACE_MS }, 'renderer unresponsive');
    clearTimeout(hangTimer);
    hangTimer = setTimeout(() => {
      logger.error({}, 'renderer still unresponsive, crashing it');
      // Emits render-process-gone (reason `killed`), whose handler above reloads the page.
      contents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    clearTimeout(hangTimer);
    healthy = true;
  });
  return { healthy: () => healthy };
}

export function watchChildProcesses(app: App, logger: Logger): void {
  app.on('child-process-gone', (_event, details) => {
    logger.error(
      { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name },
      'child process gone',
    );
  });
  // A renderer of any web contents (only ours exist): logged here too, reloaded by watchRenderer.
  app.on('render-process-gone', (_event, _contents, details) => {
    logger.error({ reason: details.reason }, 'render process gone');
  });
}

/**
 * uncaughtException / unhandledRejection in main: log, wait the back-off, relaunch, exit. `relaunch`
 * only schedules the new instance; `exit` is what ends this one.
 */
export function relaunchOnFailure(
  app: App,
  logger: Logger,
  historyFile: () => string | null,
): (error: unknown) => void {
  let failing = false;
  const fail = (error: unknown, origin: string) => {
    if (failing) return;
    failing = true;
    const file = historyFile();
    const decision = relaunchDecision(file ? readCrashHistory(file) : [], Date.now());
    if (file) writeCrashHistory(file, decision.history);
    const action = failureAction(decision, isSupervised(process.env));
    if (decision.action === 'give_up') {
      logger.fatal(
        { err: error, origin, failures: decision.history.length },
        'main process failing repeatedly, leaving it to systemd',
      );
    } else {
      logger.fatal(
        { err: error, origin, delayMs: action.delayMs, action: action.kind },
        action.kind === 'relaunch'
          ? 'main process failed, relaunching'
          : 'main process failed, exiting for systemd to restart',
      );
    }
    logger.flush();
    setTimeout(() => {
      if (action.kind === 'relaunch') app.relaunch();
      app.exit(1);
    }, action.delayMs);
  };
  process.on('uncaughtException', (error) => fail(error, 'uncaughtException'));
  process.on('unhandledRejection', (reason) => fail(reason, 'unhandledRejection'));
  return (error) => fail(error, 'start');
}
