/**
 * systemd's watchdog, fed from core (docs/electron-lockdown.md §7): `READY=1` once the screen is up,
 * then `WATCHDOG=1` at half of `WATCHDOG_USEC`, but only while the kiosk says it is healthy (a hung or
 * crashed screen stops the pings, and systemd restarts the session).
 *
 * Node has no unix datagram sockets, so the message is sent by `systemd-notify` (child_process).
 * Two details make that reliable:
 * - the unit has `NotifyAccess=all`: the notifying process is a grandchild (cage → Electron →
 *   systemd-notify), not the main PID; for the same reason `WATCHDOG_PID` (cage's PID) is not checked,
 *   unlike sd_watchdog_enabled(3), and `--pid` is not passed (it would move MAINPID to Electron);
 * - systemd-notify ≥ 246 waits on a `BARRIER=1` until systemd has read the message, so the helper
 *   exiting at once no longer loses it (the race the sd_notify docs warn about).
 */
import { execFile } from 'node:child_process';
import type { Logger } from '../log/logger.ts';

export interface WatchdogSettings {
  readonly socketPath: string;
  /** Interval systemd expects a ping within (WatchdogSec), in ms. */
  readonly timeoutMs: number | null;
}

/** What systemd passed: NOTIFY_SOCKET (absent: not under a notify unit) and WATCHDOG_USEC. */
export function watchdogSettings(env: Readonly<Record<string, string | undefined>>): WatchdogSettings | null {
  const socketPath = env.NOTIFY_SOCKET;
  if (socketPath === undefined || socketPath === '') return null;
  const usec = Number(env.WATCHDOG_USEC);
  const timeoutMs = Number.isSafeInteger(usec) && usec > 0 ? Math.max(1, Math.floor(usec / 1000)) : null;
  return { socketPath, timeoutMs };
}

export type Notify = (state: string) => Promise<void>;

/** Sends one notification through `systemd-notify` to the given socket. */
export function systemdNotify(socketPath: string, command = 'systemd-notify'): Notify {
  return (state) =>
    new Promise((resolve, reject) => {
      execFile(
        command,
        [state],
        { env: { ...process.env, NOTIFY_SOCKET: socketPath }, timeout: 5000 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
}

export interface WatchdogOptions {
  readonly settings: WatchdogSettings | null;
  readonly logger: Logger;
  /** True while the screen and core have shown a sign of life recently. */
  readonly isHealthy: () => boolean;
  /** Defaults to systemd-notify on the settings' socket. */
  readonly notify?: Notify;
}

export interface Watchdog {
  /** READY=1: the screen is showing. */
  ready(): Promise<void>;
  /** One ping now, if healthy (also what the timer calls). */
  ping(): Promise<boolean>;
  stop(): void;
}

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const { settings, logger } = options;
  if (settings === null) {
    return { ready: async () => undefined, ping: async () => false, stop: () => undefined };
  }
  const notify = options.notify ?? systemdNotify(settings.socketPath);
  const send = async (state: string) => {
    try {
      await notify(state);
      return true;
    } catch (error) {
      logger.warn({ err: error, state }, 'systemd notification failed');
      return false;
    }
  };
  const ping = async () => {
    if (!options.isHealthy()) {
      logger.warn({}, 'unhealthy: watchdog ping withheld');
      return false;
    }
    return send('WATCHDOG=1');
  };
  const timer =
    settings.timeoutMs === null
      ? undefined
      : setInterval(() => void ping(), Math.max(1, Math.floor(settings.timeoutMs / 2)));
  timer?.unref();
  return {
    ready: async () => {
      await send('READY=1');
    },
    ping,
    stop: () => clearInterval(timer),
  };
}
