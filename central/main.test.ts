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

  it('seeds the demo texts with the padrón, then sets and clears texts from a file, refusing a bad one', async () => {
    const seedDir = mkdtempSync(path.join(tmpdir(), 'central-textos-'));
    try {
      const seedConfig = path.join(seedDir, 'central.json');
      writeFileSync(seedConfig, JSON.stringify({ database: { pgliteDir: 'db' }, pkiDir: 'pki' }));
      const seed = spawnSync(
        process.execPath,
        [
          path.join(import.meta.dirname, 'padron', 'seed-main.ts'),
          '--pglite',
          path.join(seedDir, 'db'),
          '--people',
          '20',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(seed.status, seed.stderr).toBe(0);
      const { openPglite } = await import('./db/index.ts');
      const { readTextos } = await import('./service/textos.ts');
      const textos = async () => {
        const db = await openPglite({ dataDir: path.join(seedDir, 'db') });
        try {
          return await readTextos(db, '47186');
        } finally {
          await db.close();
        }
      };
      const seeded = await textos();
      expect(seeded?.avisoPrivacidad).toContain('Responsable: Ayuntamiento de Villademo');
      expect(seeded?.pieVolante).toContain('no sustituye a la certificación de empadronamiento');
      expect(seeded?.oficinaAtencion).toContain('Oficina del Padrón');

      const file = path.join(seedDir, 'textos.json');
      const admin = (content: string) => {
        writeFileSync(file, content);
        return run(['admin', 'textos', '--config', seedConfig, '--municipality', '47186', '--file', file]);
      };
      const set = admin(JSON.stringify({ pieVolante: 'Nota legal nueva.', oficinaAtencion: null }));
      expect(set.status, set.stderr).toBe(0);
      expect(set.stdout).toContain('pieVolante: "Nota legal nueva."');
      const after = await textos();
      expect(after).toEqual({ ...seeded, pieVolante: 'Nota legal nueva.', oficinaAtencion: null });

      for (const [content, reason] of [
        [JSON.stringify({ pieVolante: "x'; DROP TABLE municipalities; --" }), 'parece una orden SQL'],
        [JSON.stringify({ avisoPrivacidad: 'a'.repeat(601) }), 'tiene 601 caracteres y el máximo es 600'],
        [JSON.stringify({ pie: 'x' }), 'claves desconocidas: pie'],
      ] as const) {
        const refused = admin(content);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain('Los textos del municipio no son válidos; no se ha cambiado nada.');
        expect(refused.stderr).toContain(reason);
      }
      expect(await textos()).toEqual(after);
    } finally {
      rmSync(seedDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an unknown command with its usage', () => {
    const result = run(['admin', 'frobnicate']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage:');
  });
});
