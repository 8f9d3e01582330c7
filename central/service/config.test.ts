import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCentralConfig, parseCentralConfig } from './config.ts';

describe('central configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'central-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to PGlite and loopback listeners', () => {
    expect(parseCentralConfig({})).toEqual({
      database: { pgliteDir: 'data/central' },
      kioskListener: { host: '127.0.0.1', port: 8443 },
      publicListener: { host: '127.0.0.1', port: 8080 },
      pkiDir: 'pki',
      bodyLimitBytes: 1_048_576,
      maxBatchEvents: 500,
    });
  });

  it.each([
    [{ databse: { url: 'postgres://x' } }, /databse/],
    [{ database: { url: 'mysql://x' } }, /database/],
    [{ kioskListener: { host: '0.0.0.0', port: 70_000 } }, /kioskListener\.port/],
    [{ kioskListener: { host: '0.0.0.0', port: '8443' } }, /kioskListener\.port/],
    [{ bodyLimitBytes: 10 }, /bodyLimitBytes/],
  ])('refuses %j, naming the field', (value, field) => {
    expect(() => parseCentralConfig(value)).toThrow(
      expect.objectContaining({ code: 'central_config.invalid', detail: expect.stringMatching(field) }),
    );
  });

  it('reads relative paths from the configuration file’s folder', () => {
    const file = path.join(dir, 'central.json');
    writeFileSync(file, JSON.stringify({ database: { pgliteDir: 'db' }, pkiDir: '../pki' }));
    const config = loadCentralConfig(file);
    expect(config.database).toEqual({ pgliteDir: path.join(dir, 'db') });
    expect(config.pkiDir).toBe(path.resolve(dir, '../pki'));
  });

  it('keeps a PostgreSQL URL as written', () => {
    const file = path.join(dir, 'pg.json');
    writeFileSync(file, JSON.stringify({ database: { url: 'postgres://central@db.internal:5432/cajero' } }));
    expect(loadCentralConfig(file).database).toEqual({ url: 'postgres://central@db.internal:5432/cajero' });
  });

  it('refuses a missing file and a file that is not JSON', () => {
    expect(() => loadCentralConfig(path.join(dir, 'none.json'))).toThrow(
      expect.objectContaining({ code: 'central_config.unreadable' }),
    );
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{ database: ');
    expect(() => loadCentralConfig(file)).toThrow(
      expect.objectContaining({ code: 'central_config.invalid' }),
    );
  });
});
