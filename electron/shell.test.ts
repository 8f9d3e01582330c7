import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../core/host/csp.ts';
import { configPathFrom, ShellConfigError } from './config-path.ts';
import { readCrashHistory, writeCrashHistory } from './crash-history.ts';
import { appProtocolHandler } from './protocol.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cajero-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which configuration the shell starts with', () => {
  it('takes --config, then CAJERO_CONFIG, and never falls back to the demo', () => {
    expect(
      configPathFrom(['electron', '.', '--config', '/etc/cajero/kiosk.json'], { CAJERO_CONFIG: '/x' }),
    ).toBe('/etc/cajero/kiosk.json');
    expect(configPathFrom(['--config=/a.json'], {})).toBe('/a.json');
    expect(configPathFrom(['electron'], { CAJERO_CONFIG: '/b.json' })).toBe('/b.json');
    expect(() => configPathFrom(['--config'], { CAJERO_CONFIG: '' })).toThrow(ShellConfigError);
  });
});

describe('crash history file', () => {
  it('round-trips, and reads a missing or damaged file as empty', () => {
    const file = path.join(dir, 'failures.json');
    expect(readCrashHistory(file)).toEqual([]);
    writeCrashHistory(file, [1, 2, 3]);
    expect(readCrashHistory(file)).toEqual([1, 2, 3]);
    writeFileSync(file, '{"not": "a list"}');
    expect(readCrashHistory(file)).toEqual([]);
    writeFileSync(file, '[1, "x", null, 4]');
    expect(readCrashHistory(file)).toEqual([1, 4]);
    expect(() => writeCrashHistory(path.join(dir, 'missing', 'f.json'), [1])).not.toThrow();
  });
});

describe('cajero://app/ protocol handler', () => {
  const root = path.join(dir, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  const handle = appProtocolHandler(root);

  it('serves the built files with the browser-mode headers, minus the WebSocket origin', async () => {
    const response = await handle(new Request('cajero://app/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const [name, value] of Object.entries(securityHeaders(null))) {
      expect(response.headers.get(name), name).toBe(value);
    }
    expect(response.headers.get('content-security-policy')).not.toMatch(/ws:|wss:/);
    expect(await response.text()).toBe('console.log(1)');
    const route = await handle(new Request('cajero://app/pago'));
    expect(await route.text()).toBe('<!doctype html>');
  });

  it('answers HEAD without a body, and never serves a file outside the folder', async () => {
    const head = await handle(new Request('cajero://app/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const url of [
      'cajero://app/../secret.txt',
      'cajero://app/..%2fsecret.txt',
      'cajero://app/%2e%2e/secret.txt',
    ]) {
      const response = await handle(new Request(url));
      expect(await response.text(), url).not.toContain('secret');
    }
    const missing = await handle(new Request('cajero://app/assets/gone.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(
      securityHeaders(null)['content-security-policy'],
    );
    expect(readFileSync(path.join(dir, 'secret.txt'), 'utf8')).toBe('secret');
  });
});
