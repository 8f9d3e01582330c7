/**
 * Loads electron/main.ts with a recording stand-in for the `electron` module (the binary cannot run
 * here) and checks that every lockdown setting and handler is in place, by driving the handlers it
 * registered: web preferences, privileged protocol with the CSP, navigation and new windows refused,
 * permissions refused, shortcuts swallowed, power-save blocker, crash handlers that reload, single
 * instance, relaunch with back-off, IPC sender check.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../core/host/csp.ts';
import { DEMO_CONFIG_FILE } from '../kiosk-config/index.ts';

const rec = vi.hoisted(() => {
  // biome-ignore lint/suspicious/noExplicitAny: a stand-in records whatever main passes
  type Any = any;
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const calls: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const state = { appPath: '', windowOpenHandler: null as Any, protocolHandler: null as Any };
  const ipcHandlers = new Map<string, (...args: Any[]) => Any>();
  class FakeWebContents extends Emitter {
    id = 42;
    send = vi_fn('webContents.send');
    isDestroyed = () => false;
    // Like Electron: crashing the renderer emits render-process-gone.
    forcefullyCrashRenderer = vi_fn('webContents.forcefullyCrashRenderer', () =>
      this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }),
    );
    setZoomFactor = vi_fn('webContents.setZoomFactor');
    closeDevTools = vi_fn('webContents.closeDevTools');
    setWindowOpenHandler = (handler: Any) => {
      calls.push('webContents.setWindowOpenHandler');
      state.windowOpenHandler = handler;
    };
  }
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi_fn('app.requestSingleInstanceLock', () => true),
    whenReady: () => {
      calls.push('app.whenReady');
      return Promise.resolve();
    },
    getAppPath: () => state.appPath,
    relaunch: vi_fn('app.relaunch'),
    exit: vi_fn('app.exit'),
  });
  class BrowserWindow extends Emitter {
    static instances: BrowserWindow[] = [];
    webContents = new FakeWebContents();
    options: Any;
    loadURL = vi_fn('win.loadURL', async () => undefined);
    show = vi_fn('win.show');
    isDestroyed = () => false;
    constructor(options: Any) {
      super();
      calls.push('new BrowserWindow');
      this.options = options;
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: vi_fn('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: vi_fn('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: vi_fn('session.setDevicePermissionHandler'),
    setDisplayMediaRequestHandler: vi_fn('session.setDisplayMediaRequestHandler'),
    setSpellCheckerDictionaryDownloadURL: vi_fn('session.setSpellCheckerDictionaryDownloadURL'),
    protocol: {
      handle: (scheme: string, handler: Any) => {
        calls.push(`session.protocol.handle ${scheme}`);
        state.protocolHandler = handler;
      },
    },
  });
  function vi_fn(name: string, impl: (...args: Any[]) => Any = () => undefined) {
    const fn = (...args: Any[]) => {
      calls.push(name);
      fn.mock.push(args);
      return impl(...args);
    };
    fn.mock = [] as Any[][];
    return fn;
  }
  const electron = {
    app,
    BrowserWindow,
    session: { defaultSession },
    protocol: { registerSchemesAsPrivileged: vi_fn('protocol.registerSchemesAsPrivileged') },
    ipcMain: {
      handle: (channel: string, handler: Any) => {
        calls.push(`ipcMain.handle ${channel}`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    Menu: { setApplicationMenu: vi_fn('Menu.setApplicationMenu') },
    powerSaveBlocker: { start: vi_fn('powerSaveBlocker.start', () => 1) },
    crashReporter: { start: vi_fn('crashReporter.start') },
  };
  return { calls, logs, state, ipcHandlers, electron, BrowserWindow, app, defaultSession };
});

vi.mock('electron', () => rec.electron);

vi.mock('../core/log/logger.ts', async () => {
  const { pino } = await import('pino');
  const { Writable } = await import('node:stream');
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) rec.logs.push(JSON.parse(line));
      done();
    },
  });
  return { createLogger: () => pino({ level: 'debug' }, destination) };
});

vi.mock('../core/kiosk-core.ts', async () => {
  const { KioskEventHub } = await import('../core/api/events.ts');
  class KioskCore {
    events = new KioskEventHub();
    dispatched: unknown[] = [];
    started = false;
    screens = {
      screens: (count: number) => rec.calls.push(`core.screens(${count})`),
      stop: () => undefined,
    };
    dispatch = async (raw: unknown) => {
      this.dispatched.push(raw);
      return { v: 1, type: 'result', id: 1, result: { ok: true } };
    };
    start() {
      this.started = true;
      rec.calls.push('core.start');
    }
    async stop() {}
  }
  return { KioskCore };
});

const dir = mkdtempSync(path.join(tmpdir(), 'cajero-electron-'));
const listenersBefore = {
  uncaughtException: process.listeners('uncaughtException'),
  unhandledRejection: process.listeners('unhandledRejection'),
  SIGTERM: process.listeners('SIGTERM'),
  SIGINT: process.listeners('SIGINT'),
};
const added = (event: keyof typeof listenersBefore): Array<(...args: unknown[]) => void> =>
  (process.listeners(event as 'SIGTERM') as Array<(...args: unknown[]) => void>).filter(
    (l) => !(listenersBefore[event] as unknown[]).includes(l),
  );

// biome-ignore lint/suspicious/noExplicitAny: handlers recorded from the stand-in
type Any = any;
let win: InstanceType<typeof rec.BrowserWindow>;
const event = () => ({ preventDefault: vi.fn() });

beforeAll(async () => {
  const config = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8'));
  config.dataDir = path.join(dir, 'data');
  config.devices.scanner = { type: 'none' };
  writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify(config));
  mkdirSync(path.join(dir, 'app', 'renderer', 'dist'), { recursive: true });
  writeFileSync(
    path.join(dir, 'app', 'renderer', 'dist', 'index.html'),
    '<!doctype html><title>cajero</title>',
  );
  rec.state.appPath = path.join(dir, 'app');
  vi.stubEnv('CAJERO_CONFIG', path.join(dir, 'kiosk.json'));
  await import('./main.ts');
  const deadline = Date.now() + 5000;
  while (!rec.calls.includes('win.loadURL') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  win = rec.BrowserWindow.instances[0]!;
  expect(win).toBeDefined();
});

afterAll(() => {
  for (const name of Object.keys(listenersBefore) as Array<keyof typeof listenersBefore>) {
    for (const listener of added(name)) process.removeListener(name, listener);
  }
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('electron/main with a recording stand-in for Electron', () => {
  it('registers our protocol as privileged before ready, and takes the single-instance lock', () => {
    const { calls } = rec;
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      calls.indexOf('app.whenReady'),
    );
    expect(calls.indexOf('app.requestSingleInstanceLock')).toBeLessThan(calls.indexOf('app.whenReady'));
    const [schemes] = rec.electron.protocol.registerSchemesAsPrivileged.mock[0]!;
    expect(schemes).toEqual([
      expect.objectContaining({
        scheme: 'cajero',
        privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }),
      }),
    ]);
    expect(rec.electron.crashReporter.start.mock[0]).toEqual([{ uploadToServer: false }]);
  });

  it('opens one kiosk window with every web preference locked down, on our own URL', () => {
    expect(rec.BrowserWindow.instances).toHaveLength(1);
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      spellcheck: false,
      webviewTag: false,
    });
    expect(win.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(win.loadURL.mock[0]).toEqual(['cajero://app/index.html']);
    expect(rec.electron.Menu.setApplicationMenu.mock[0]).toEqual([null]);
    expect(rec.calls).toContain('core.start');
  });

  it('serves the screen through the protocol with the same CSP as browser mode, without a WebSocket origin', async () => {
    expect(rec.calls).toContain('session.protocol.handle cajero');
    const handler = rec.state.protocolHandler as (r: Request) => Promise<Response>;
    const response = await handler(new Request('cajero://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(null));
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>cajero</title>');
    const escaping = await handler(new Request('cajero://app/..%2f..%2fkiosk.json'));
    expect(escaping.status).toBe(400);
    expect((await handler(new Request('cajero://app/', { method: 'POST' }))).status).toBe(405);
  });

  it('refuses every navigation, redirect, webview and new window', () => {
    const contents = win.webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'cajero://app/index.html']) {
        const e = { ...event(), url };
        contents.emit(name, e);
        expect(e.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
    }
    const webview = event();
    contents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example/' });
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(rec.state.windowOpenHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission request and check, and logs what was asked', () => {
    const s = rec.defaultSession;
    const [request] = s.setPermissionRequestHandler.mock[0]! as Any[];
    const callback = vi.fn();
    request(win.webContents, 'media', callback, { requestingUrl: 'cajero://app/index.html' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(rec.logs).toContainEqual(
      expect.objectContaining({ msg: 'permission request refused', permission: 'media' }),
    );
    const [check] = s.setPermissionCheckHandler.mock[0]! as Any[];
    expect(check(win.webContents, 'geolocation', 'cajero://app', {})).toBe(false);
    const [device] = s.setDevicePermissionHandler.mock[0]! as Any[];
    expect(device({ deviceType: 'hid', origin: 'cajero://app' })).toBe(false);
    const [display] = s.setDisplayMediaRequestHandler.mock[0]! as Any[];
    const streams = vi.fn();
    display({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
    const hid = event();
    const chooser = vi.fn();
    s.emit('select-hid-device', hid, {}, chooser);
    expect(hid.preventDefault).toHaveBeenCalled();
    expect(chooser).toHaveBeenCalledWith(null);
  });

  it('swallows devtools, reload, close and full-screen shortcuts, and lets typing through', () => {
    const key = (k: string, mods: Partial<Record<'control' | 'alt' | 'meta' | 'shift', boolean>> = {}) => {
      const e = event();
      win.webContents.emit('before-input-event', e, {
        type: 'keyDown',
        key: k,
        control: false,
        alt: false,
        meta: false,
        shift: false,
        ...mods,
      });
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('w', { control: true })).toBe(true);
    expect(key('F4', { alt: true })).toBe(true);
    expect(key('F5')).toBe(true);
    expect(key('F11')).toBe(true);
    expect(key('F12')).toBe(true);
    expect(key('a')).toBe(false);
    expect(key('Enter')).toBe(false);
  });

  it('keeps the display awake and refuses to close the window outside an orderly shutdown', () => {
    expect(rec.electron.powerSaveBlocker.start.mock[0]).toEqual(['prevent-display-sleep']);
    const close = event();
    win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
  });

  it('checks the sender frame of every IPC call before core sees it', async () => {
    const handler = rec.ipcHandlers.get('kiosk:call')!;
    const frame = (url: string, parent: unknown = null) => ({
      url,
      parent,
      detached: false,
      isDestroyed: () => false,
    });
    const hello = '{"v":1,"type":"call","id":1,"method":"devices.list","params":{}}';
    await expect(
      handler({ sender: { id: 42 }, senderFrame: frame('cajero://app/index.html') }, hello),
    ).resolves.toMatchObject({
      type: 'result',
    });
    await expect(
      handler({ sender: { id: 42 }, senderFrame: frame('cajero://app/x', {}) }, hello),
    ).rejects.toMatchObject({
      code: 'electron.ipc_sender_refused',
    });
    await expect(
      handler({ sender: { id: 43 }, senderFrame: frame('cajero://app/') }, hello),
    ).rejects.toMatchObject({
      code: 'electron.ipc_sender_refused',
    });
    await expect(
      handler({ sender: { id: 42 }, senderFrame: frame('https://evil.example/') }, hello),
    ).rejects.toMatchObject({
      code: 'electron.ipc_sender_refused',
    });
    await expect(handler({ sender: { id: 42 }, senderFrame: null }, hello)).rejects.toMatchObject({
      code: 'electron.ipc_sender_refused',
    });
  });

  it('reloads a renderer that dies or hangs, and logs a child process that dies', async () => {
    vi.useFakeTimers();
    try {
      const loads = () => win.loadURL.mock.length;
      const before = loads();
      win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      // Core is told its screen is gone, so a session cannot outlive a renderer that stays dead.
      expect(rec.calls).toContain('core.screens(0)');
      await vi.advanceTimersByTimeAsync(0);
      expect(loads()).toBe(before + 1);
      expect(win.loadURL.mock.at(-1)).toEqual(['cajero://app/index.html']);

      win.emit('unresponsive');
      await vi.advanceTimersByTimeAsync(9_999);
      expect(win.webContents.forcefullyCrashRenderer.mock).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(win.webContents.forcefullyCrashRenderer.mock).toHaveLength(1);
      // Second crash in a row: reloaded after a short pause, not at once.
      expect(loads()).toBe(before + 1);
      await vi.advanceTimersByTimeAsync(500);
      expect(loads()).toBe(before + 2);

      rec.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
      expect(rec.logs).toContainEqual(expect.objectContaining({ msg: 'child process gone', type: 'GPU' }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('relaunches after a main-process failure, after the back-off, and remembers it', async () => {
    vi.useFakeTimers();
    try {
      const [onUncaught] = added('uncaughtException');
      expect(onUncaught).toBeDefined();
      vi.stubEnv('INVOCATION_ID', '');
      onUncaught?.(new Error('boom'));
      await vi.advanceTimersByTimeAsync(999);
      expect(rec.app.relaunch.mock).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(rec.app.relaunch.mock).toHaveLength(1);
      expect(rec.app.exit.mock.at(-1)).toEqual([1]);
      const history = JSON.parse(readFileSync(path.join(dir, 'data', 'shell-failures.json'), 'utf8'));
      expect(history).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
