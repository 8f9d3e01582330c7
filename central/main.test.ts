import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskClient } from './service/test-support.ts';

const MAIN = path.join(import.meta.dirname, 'main.ts');

function run(args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CENTRAL_LOG_LEVEL: 'warn' },
  });
}

describe('central command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'central-cli-'));
  const config = path.join(dir, 'central.json');
  let server: ChildProcess | undefined;
  writeFileSync(
    config,
    JSON.stringify({
      database: { pgliteDir: 'db' },
      kioskListener: { host: '127.0.0.1', port: 0 },
      publicListener: { host: '127.0.0.1', port: 0 },
      pkiDir: 'pki',
    }),
  );

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the CA, enrols a kiosk, serves it over mutual TLS, and revokes it', async () => {
    const init = run(['admin', 'init-ca', '--config', config]);
    expect(init.status, init.stderr).toBe(0);
    expect(run(['admin', 'init-ca', '--config', config]).status).toBe(1); // never replaces a CA

    const unknown = run([
      'admin',
      'enrol',
      '--config',
      config,
      '--kiosk',
      'KIOSCO-1',
      '--municipality',
      '47186',
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('El municipio no está dado de alta');

    // The municipality is loaded with the padrón (seed-main.ts); here by hand, into the same PGlite folder.
    const { openPglite, migrate } = await import('./db/index.ts');
    const db = await openPglite({ dataDir: path.join(dir, 'db') });
    await migrate(db);
    await db.query(
      `INSERT INTO municipalities (ine_code, name, verification_url) VALUES ('47186', 'Villademo', 'https://s.example/v')`,
    );
    await db.close();

    const enrol = run([
      'admin',
      'enrol',
      '--config',
      config,
      '--kiosk',
      'KIOSCO-1',
      '--municipality',
      '47186',
      '--out',
      path.join(dir, 'out'),
    ]);
    expect(enrol.status, enrol.stderr).toBe(0);
    expect(statSync(path.join(dir, 'out', 'KIOSCO-1-key.pem')).mode & 0o777).toBe(0o600);

    server = spawn(process.execPath, [MAIN, 'serve', '--config', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CENTRAL_LOG_LEVEL: 'warn' },
    });
    const urls = await new Promise<{ kiosk: string; page: string }>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no start in 30 s: ${seen}`)), 30_000);
      server?.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const kiosk = /at (https:\/\/\S+)/.exec(seen)?.[1];
        const page = /verification page at (http:\/\/\S+)/.exec(seen)?.[1];
        if (kiosk !== undefined && page !== undefined) {
          clearTimeout(timer);
          resolve({ kiosk, page });
        }
      });
    });
    const client = kioskClient(urls.kiosk, readFileSync(path.join(dir, 'pki', 'ca.pem'), 'utf8'), {
      certificatePem: readFileSync(path.join(dir, 'out', 'KIOSCO-1.pem'), 'utf8'),
      keyPem: readFileSync(path.join(dir, 'out', 'KIOSCO-1-key.pem'), 'utf8'),
      fingerprint: '',
    });
    try {
      expect((await client.call('GET', '/v1/paid-recibos')).status).toBe(200);
    } finally {
      client.close();
    }
    const page = await fetch(urls.page);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Verificar un documento');

    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);

    const revoke = run(['admin', 'revoke', '--config', config, '--kiosk', 'KIOSCO-1']);
    expect(revoke.status, revoke.stderr).toBe(0);
    expect(run(['admin', 'revoke', '--config', config, '--kiosk', 'KIOSCO-9']).status).toBe(1);
  }, 60_000);

  it('refuses an unknown command with its usage', () => {
    const result = run(['admin', 'frobnicate']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage:');
  });
});
