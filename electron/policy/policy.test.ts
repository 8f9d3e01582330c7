import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_START_URL,
  DEFAULT_RELAUNCH_POLICY,
  failureAction,
  ipcSenderVerdict,
  isSupervised,
  isAppUrl,
  mayLoadUrl,
  navigationDecision,
  permissionDecision,
  relaunchDecision,
  rendererReloadDelayMs,
  resolveAppFile,
  shortcutVerdict,
  urlForLog,
  windowOpenDecision,
} from './index.ts';

describe('which URLs the window may load', () => {
  it('loads only our own protocol and host', () => {
    expect(mayLoadUrl(APP_START_URL)).toBe(true);
    expect(mayLoadUrl('cajero://app/assets/index-1234.js')).toBe(true);
    expect(mayLoadUrl('CAJERO://APP/index.html')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'http://app/index.html',
      'https://example.org/',
      'cajero://evil/index.html',
      'cajero://app.evil/index.html',
      'cajero://user@app/index.html',
      'cajero:app/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome://gpu',
      '',
      'not a url',
    ]) {
      expect(mayLoadUrl(url), url).toBe(false);
    }
  });

  it('never throws, whatever the string', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof isAppUrl(s) === 'boolean'));
  });
});

describe('navigation and new windows', () => {
  it('refuses every navigation, even inside the app, and every new window', () => {
    for (const kind of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ] as const) {
      expect(navigationDecision(kind, 'https://evil.example/').allow).toBe(false);
      expect(navigationDecision(kind, APP_START_URL)).toMatchObject({
        allow: false,
        reason: expect.stringContaining('one page'),
      });
    }
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('logs a URL without its path or query', () => {
    expect(urlForLog('https://evil.example/x?dni=12345678Z')).toBe('https://evil.example');
    expect(urlForLog('::')).toBe('(unparseable url)');
  });
});

describe('permissions', () => {
  it('refuses every request and check, and says what was asked', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'made-up']) {
      const decision = permissionDecision(permission, 'cajero://app');
      expect(decision.granted).toBe(false);
      expect(decision.log).toEqual({
        permission,
        origin: 'cajero://app',
        known: permission !== 'made-up',
      });
    }
  });
});

describe('IPC sender', () => {
  const ours = { frameUrl: 'cajero://app/index.html', isMainFrame: true, webContentsId: 7 };
  it('accepts the top frame of our window on our origin', () => {
    expect(ipcSenderVerdict(ours, 7)).toEqual({ allowed: true });
  });
  it('refuses a subframe, another window, a foreign origin and a vanished frame', () => {
    expect(ipcSenderVerdict({ ...ours, isMainFrame: false }, 7)).toEqual({
      allowed: false,
      reason: 'subframe',
    });
    expect(ipcSenderVerdict({ ...ours, webContentsId: 8 }, 7)).toEqual({
      allowed: false,
      reason: 'foreign_window',
    });
    expect(ipcSenderVerdict(ours, null)).toEqual({ allowed: false, reason: 'foreign_window' });
    expect(ipcSenderVerdict({ ...ours, frameUrl: 'https://evil.example/' }, 7)).toEqual({
      allowed: false,
      reason: 'foreign_origin',
    });
    expect(ipcSenderVerdict({ ...ours, frameUrl: 'file:///app/index.html' }, 7)).toMatchObject({
      allowed: false,
    });
    expect(ipcSenderVerdict({ ...ours, frameUrl: null }, 7)).toEqual({ allowed: false, reason: 'no_frame' });
  });
});

describe('keyboard shortcuts', () => {
  const key = (
    k: string,
    mods: Partial<{ control: boolean; alt: boolean; meta: boolean; shift: boolean }> = {},
  ) =>
    shortcutVerdict({
      type: 'keyDown',
      key: k,
      control: false,
      alt: false,
      meta: false,
      shift: false,
      ...mods,
    });

  it('swallows devtools, reload, zoom, close, full screen and system combinations', () => {
    const swallowed = [
      key('F4', { alt: true }),
      key('w', { control: true }),
      key('q', { control: true }),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('I', { control: true, shift: true }),
      key('J', { control: true, shift: true }),
      key('+', { control: true }),
      key('-', { control: true }),
      key('0', { control: true }),
      key('p', { control: true }),
      key('f', { control: true, meta: true }),
      key('Tab', { alt: true }),
      key('ArrowLeft', { alt: true }),
      key('F5'),
      key('F11'),
      key('F12'),
      key('F1'),
      key('BrowserBack'),
      key('ContextMenu'),
      key('ZoomIn'),
      key('q', { meta: true }),
    ];
    for (const verdict of swallowed) expect(verdict.swallow).toBe(true);
  });

  it('lets through what the screen needs: text, digits, Enter, Backspace, Tab, Escape, arrows', () => {
    for (const k of [
      'a',
      'Z',
      '5',
      'ñ',
      ' ',
      'Enter',
      'Backspace',
      'Tab',
      'Escape',
      'ArrowUp',
      'ArrowDown',
    ]) {
      expect(key(k).swallow, k).toBe(false);
    }
    expect(key('A', { shift: true }).swallow).toBe(false);
  });

  it('swallows every Ctrl, Alt and Meta combination, whatever the key', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom('control', 'alt', 'meta'),
        (k, mod) => {
          return key(k, { [mod]: true }).swallow === true;
        },
      ),
    );
  });
});

describe('static files of the protocol handler', () => {
  const root = path.resolve('/opt/cajero/renderer/dist');
  it('maps our URLs to files inside the screen folder', () => {
    expect(resolveAppFile(root, 'cajero://app/')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(root, 'cajero://app/assets/index-abc.js')).toMatchObject({
      ok: true,
      file: path.join(root, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(root, 'cajero://app/pago/recibo')).toMatchObject({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveAppFile(root, 'cajero://app/a%20b.css')).toMatchObject({
      ok: true,
      file: path.join(root, 'a b.css'),
    });
  });

  it('refuses escapes, foreign hosts, odd methods and unknown file types', () => {
    expect(resolveAppFile(root, 'cajero://app/..%2f..%2fetc/passwd')).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(resolveAppFile(root, 'cajero://app/%2e%2e/%2e%2e/etc/passwd.js')).toMatchObject({
      ok: true,
      file: path.join(root, 'etc/passwd.js'),
    });
    expect(resolveAppFile(root, 'cajero://app/..\\..\\etc\\passwd')).toMatchObject({ ok: false });
    expect(resolveAppFile(root, 'cajero://app/x%00.js')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(root, 'cajero://app/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(root, 'cajero://other/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppFile(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppFile(root, 'cajero://app/index.html', 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppFile(root, 'cajero://app/keys/terminal.pem')).toMatchObject({ ok: false, status: 404 });
  });

  it('never names a file outside the folder, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('..', '.', 'a', '%2e%2e', '%2E.', '/', '//', 'x.js', '%5c', '\\', '%00', 'é'),
          { maxLength: 10 },
        ),
        (parts) => {
          const outcome = resolveAppFile(root, `cajero://app/${parts.join('/')}`);
          return !outcome.ok || outcome.file.startsWith(root + path.sep);
        },
      ),
    );
  });
});

describe('relaunch back-off', () => {
  const minute = 60_000;
  it('waits longer after each failure inside the window, and starts again after a quiet period', () => {
    let history: readonly number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = relaunchDecision(history, 1_000_000 + i * 1000);
      if (decision.action !== 'relaunch') throw new Error('expected relaunch');
      delays.push(decision.delayMs);
      history = decision.history;
    }
    expect(delays).toEqual([1000, 2000, 5000, 15_000, 30_000, 60_000]);
    const later = relaunchDecision(history, 1_000_000 + 60 * minute);
    expect(later).toEqual({ action: 'relaunch', delayMs: 1000, history: [1_000_000 + 60 * minute] });
  });

  it('gives up to systemd after too many failures inside the window', () => {
    const history = Array.from({ length: DEFAULT_RELAUNCH_POLICY.maxFailures }, (_, i) => i * 1000);
    expect(relaunchDecision(history, 20_000).action).toBe('give_up');
    expect(relaunchDecision(history.slice(1), 20_000).action).toBe('relaunch');
  });

  it('ignores nonsense in the history (future instants, NaN)', () => {
    expect(relaunchDecision([Number.NaN, 5_000_000], 1000)).toEqual({
      action: 'relaunch',
      delayMs: 1000,
      history: [1000],
    });
  });

  it('keeps the history bounded and the delay within the schedule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 ** 7 }), { maxLength: 50 }),
        fc.integer({ min: 0, max: 10 ** 7 }),
        (h, now) => {
          const d = relaunchDecision(h, now);
          if (d.history.length > DEFAULT_RELAUNCH_POLICY.maxFailures + 1) return false;
          return d.action === 'give_up' || DEFAULT_RELAUNCH_POLICY.delaysMs.includes(d.delayMs);
        },
      ),
    );
  });

  it('reloads a crashed renderer at once, then more slowly', () => {
    expect([0, 1, 2, 3, 4, 9].map(rendererReloadDelayMs)).toEqual([0, 500, 2000, 5000, 15_000, 15_000]);
  });

  it('relaunches itself when alone, and leaves the restart to systemd under it', () => {
    const first = relaunchDecision([], 1000);
    expect(failureAction(first, false)).toEqual({ kind: 'relaunch', delayMs: 1000 });
    expect(failureAction(first, true)).toEqual({ kind: 'exit', delayMs: 1000, exitCode: 1 });
    expect(failureAction({ action: 'give_up', history: [] }, false)).toEqual({
      kind: 'exit',
      delayMs: 0,
      exitCode: 1,
    });
    expect(isSupervised({ INVOCATION_ID: '0f3c2a' })).toBe(true);
    expect(isSupervised({ INVOCATION_ID: '' })).toBe(false);
    expect(isSupervised({})).toBe(false);
  });
});
