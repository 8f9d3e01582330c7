import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../core/host/browser-host.ts';
import { HostStartError } from '../../core/host/host-errors.ts';
import { planSimulators, companionAddress } from '../../core/host/companion-processes.ts';
import { silentLogger } from '../../core/log/logger.ts';
import { parseKioskConfigText } from '../../kiosk-config/index.ts';
import { resolveRequestPath } from '../../core/host/static-files.ts';
import { demoConfigText, startTestHost, type TestHost } from '../support/test-host.ts';

// A stand-in screen build, so these tests do not depend on Vite having run.
const rendererDir = mkdtempSync(path.join(tmpdir(), 'cajero-renderer-'));
beforeAll(() => {
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>pantalla</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
});

function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode host', () => {
  const hosts: TestHost[] = [];
  const start = async (options: Parameters<typeof startTestHost>[0] = {}) => {
    const host = await startTestHost({ rendererDir, ...options });
    hosts.push(host);
    return host;
  };
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });

  it('serves the screen on loopback with a strict CSP and security headers', async () => {
    const host = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(host.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('pantalla');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ${host.origin.replace('http', 'ws')}`);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await get(`${host.url}assets/app-1234.js`);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('refuses other methods, foreign Host headers and paths outside the screen folder', async () => {
    const host = await start();
    expect((await get(host.url, {}, 'POST')).status).toBe(405);
    expect((await get(host.url, { host: 'evil.example' })).status).toBe(421);
    expect((await get(`${host.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect(resolveRequestPath('/srv/screen', '/../../etc/passwd')).toBe('/srv/screen/etc/passwd');
    expect(resolveRequestPath('/srv/screen', '/%2e%2e/secret')).toBe('/srv/screen/secret');
    expect(resolveRequestPath('/srv/screen', '/assets/%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(resolveRequestPath('/srv/screen', '/%zz')).toBeNull();
    expect(resolveRequestPath('/srv/screen', '/a%00b')).toBeNull();
  });

  it('says the screen is not built instead of failing', async () => {
    const host = await start({ rendererDir: mkdtempSync(path.join(tmpdir(), 'empty-')) });
    const page = await get(host.url);
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run build:renderer');
  });

  it('stops with one clear sentence when its port is taken', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    const error = await startTestHost({ rendererDir, port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostStartError);
    expect(error).toMatchObject({ code: 'host.port_in_use' });
    expect((error as Error).message).toBe(
      `El puerto 127.0.0.1:${port} ya está en uso (¿hay otro cajero arrancado?): pare ese proceso o elija otro puerto con --port.`,
    );
  });

  it('stops with one clear sentence when it cannot write its data folder', async () => {
    const error = await startTestHost({ rendererDir, dataDir: '/dev/null/cajero' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'host.data_dir_not_writable' });
    expect((error as Error).message).toMatch(
      /^No se puede escribir en la carpeta de datos \/dev\/null\/cajero \(ENOTDIR\): dé permiso/,
    );
  });

  it('refuses a second core on the same data folder, and takes over a stale socket', async () => {
    const first = await start();
    const error = await startTestHost({ rendererDir, dataDir: first.dataDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'host.already_running' });
    // A socket file left behind by a core that died does not block the next start.
    const dataDir = first.dataDir;
    hosts.splice(0);
    await first.close();
    writeFileSync(first.controlSocket, '');
    await start({ dataDir });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('companion processes of browser mode', () => {
  it('starts the simulators the configuration asks for at its addresses, and stops them all', async () => {
    const printerPort = await freePort();
    let terminalPort = await freePort();
    // The printer's tray page takes the port after the printer's.
    while (terminalPort === printerPort + 1) terminalPort = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-sims-'));
    const scannerPath = path.join(dataDir, 'scanner');
    const host = await startBrowserHost({
      loaded: parseKioskConfigText(
        demoConfigText((c) => {
          c.dataDir = dataDir;
          c.devices.scanner = { type: 'serial', path: scannerPath, baudRate: 9600 };
          c.devices.printer.connection.port = printerPort;
          c.devices.paymentTerminal.connection.port = terminalPort;
          // The DNIe simulator serves its page on a fixed demo port: its own test is
          // test/wire/dnie/demo-simulator.test.ts.
          c.simulators.dnie = false;
          // Central has its own test below.
          c.central = {
            mode: 'remote',
            url: 'https://central.example',
            clientCertificateFile: 'a',
            clientKeyFile: 'b',
            caFile: 'c',
          };
        }),
        path.join(tmpdir(), 'kiosk.json'),
      ),
      logger: silentLogger(),
      port: 0,
      rendererDir,
    });
    try {
      expect(host.companions.map(companionAddress)).toEqual([
        `127.0.0.1:${printerPort}`,
        `127.0.0.1:${terminalPort}`,
        scannerPath,
      ]);
      expect((await host.core.printer.check()).report).toMatchObject({ health: 'ok', code: 'ready' });
      await host.core.scanner.open();
      expect(host.core.devices.get('scanner')).toMatchObject({
        health: 'ok',
        code: 'ready',
        detail: 'serial',
      });
      const children = spawnSync('pgrep', ['-f', `main.ts --tcp ${printerPort}`], {
        encoding: 'utf8',
      }).stdout.trim();
      expect(children).not.toBe('');
      const tray = await fetch(`http://127.0.0.1:${printerPort + 1}/`);
      expect(await tray.text()).toContain('Bandeja de la impresora simulada');
    } finally {
      await host.close();
    }
    const left = spawnSync('pgrep', ['-f', `main.ts --tcp (${printerPort}|${terminalPort})`], {
      encoding: 'utf8',
    });
    expect(left.stdout.trim()).toBe('');
  });

  /** Browser mode with no simulated device: the embedded central is its only companion. */
  async function startCentralOnly(prefix: string) {
    const publicPort = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
    const host = await startBrowserHost({
      loaded: parseKioskConfigText(
        demoConfigText((c) => {
          c.dataDir = dataDir;
          c.simulators = { dnie: false, paymentTerminal: false, printer: false, scanner: false };
          c.municipality.verificationUrl = `http://127.0.0.1:${publicPort}/verificar`;
        }),
        path.join(tmpdir(), 'kiosk.json'),
      ),
      logger: silentLogger(),
      port: 0,
      rendererDir,
      devices: [],
    });
    return { publicPort, dataDir, host };
  }

  it('runs the embedded central with the municipality, this kiosk enrolled and the verification page', async () => {
    const { publicPort, dataDir, host } = await startCentralOnly('cajero-central-');
    try {
      expect(host.companions.map(companionAddress)).toEqual([`127.0.0.1:${publicPort}`]);
      // The kiosk is up before central: it does not wait for it.
      await host.companionsReady;
      const page = await fetch(`http://127.0.0.1:${publicPort}/verificar`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lang="es"');
      expect(readdirSync(path.join(dataDir, 'central', 'kiosk-credential')).join(' ')).toContain('DEMO-001');
    } finally {
      await host.close();
    }
    expect(
      spawnSync('pgrep', ['-f', `central/main.ts serve --config ${dataDir}`], { encoding: 'utf8' }).stdout,
    ).toBe('');
  }, 120_000);

  it('stopped while the embedded central is still being prepared: no seeding left behind, prepared again next time', async () => {
    const { dataDir, host } = await startCentralOnly('cajero-central-stop-');
    // The kiosk is up at once; the padrón's seeding (seconds) is running in the background.
    const seeding = () =>
      spawnSync('pgrep', ['-f', `seed-main.ts --pglite ${dataDir}`], { encoding: 'utf8' }).stdout.trim();
    const deadline = Date.now() + 10_000;
    while (seeding() === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seeding()).not.toBe('');
    await host.close();
    // Gone when close returns, not merely finished later on its own.
    expect(seeding()).toBe('');
    await expect(host.companionsReady).resolves.toBeUndefined();
    expect(
      spawnSync('pgrep', ['-f', `central/main.ts serve --config ${dataDir}`], { encoding: 'utf8' }).stdout,
    ).toBe('');
    expect(readdirSync(path.join(dataDir, 'central')).filter((f) => f.startsWith('.prepared'))).toEqual([]);
  }, 60_000);

  it('plans no simulator for a device that is not on loopback', () => {
    const loaded = parseKioskConfigText(
      demoConfigText((c) => (c.devices.printer.connection.host = '192.0.2.9')),
      '/tmp/k.json',
    );
    expect(planSimulators(loaded.config, '/tmp/data').map((p) => p.script)).toEqual([
      'simulators/payment/main.ts',
      'simulators/scanner/main.ts',
    ]);
  });
});
