import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralDbError } from './db-error.ts';
import { loadMigrations, type Migration, migrate, migrationFromText } from './migrations.ts';
import { type OpenedDatabase, testBackends } from './test-backends.ts';

const MIGRATIONS = loadMigrations();

async function tableExists(opened: OpenedDatabase, table: string): Promise<boolean> {
  const { rows } = await opened.db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
    table,
  ]);
  return rows[0]?.found !== null;
}

async function rejection(promise: Promise<unknown>): Promise<CentralDbError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CentralDbError);
  return error as CentralDbError;
}

describe('loadMigrations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cajero-migrations-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function folder(name: string, files: Record<string, string>): string {
    const target = path.join(dir, name);
    mkdirSync(target);
    for (const [file, sql] of Object.entries(files)) writeFileSync(path.join(target, file), sql);
    return target;
  }

  it('reads the shipped migrations in order, numbered from 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(4);
    expect(MIGRATIONS.every((m) => /^[0-9a-f]{64}$/.test(m.checksum))).toBe(true);
  });

  it('orders by number, not by directory listing', () => {
    const loaded = loadMigrations(
      folder('ordered', { '0002_b.sql': 'SELECT 2;', '0001_a.sql': 'SELECT 1;' }),
    );
    expect(loaded.map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('refuses a gap, a repeated number and a badly named file', () => {
    for (const [name, files] of [
      ['gap', { '0001_a.sql': '', '0003_c.sql': '' }],
      ['repeat', { '0001_a.sql': '', '0001_b.sql': '' }],
      ['badname', { '0001_a.sql': '', '2_b.sql': '' }],
    ] as const) {
      expect(() => loadMigrations(folder(name, files))).toThrow(CentralDbError);
    }
  });
});

for (const backend of await testBackends('migration tests')) {
  describe.skipIf(!backend.available)(`migrate on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await backend.open('migrations');
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('applies every migration on an empty database and records each one', async () => {
      const report = await migrate(opened.db, MIGRATIONS);
      expect(report.applied).toEqual(MIGRATIONS.map((m) => m.version));
      expect(report.alreadyApplied).toEqual([]);
      const { rows } = await opened.db.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, checksum: m.checksum })));
      for (const table of [
        'municipalities',
        'kiosks',
        'personas',
        'domicilios',
        'inscripciones',
        'volantes',
      ]) {
        expect(await tableExists(opened, table)).toBe(true);
      }
    });

    it('applies nothing the second time', async () => {
      const report = await migrate(opened.db, MIGRATIONS);
      expect(report.applied).toEqual([]);
      expect(report.alreadyApplied).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('refuses a database that has a migration this code does not know, and changes nothing', async () => {
      await opened.db.query(
        "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', $1)",
        ['a'.repeat(64)],
      );
      const extra = migrationFromText(
        `${String(MIGRATIONS.length + 1).padStart(4, '0')}_extra.sql`,
        'CREATE TABLE extra (a int);',
      );
      const error = await rejection(migrate(opened.db, [...MIGRATIONS, extra]));
      expect(error.code).toBe('central_db.migration_unknown');
      expect(error.detail).toContain('999');
      expect(await tableExists(opened, 'extra')).toBe(false);
      await opened.db.query('DELETE FROM schema_migrations WHERE version = 999');
    });

    it('refuses when an applied migration was edited afterwards', async () => {
      const edited: Migration[] = MIGRATIONS.map((m) =>
        m.version === 1 ? migrationFromText(`0001_${m.name}.sql`, `${m.sql}\n-- edited\n`) : m,
      );
      const error = await rejection(migrate(opened.db, edited));
      expect(error.code).toBe('central_db.migration_modified');
    });
  });

  describe.skipIf(!backend.available)(`a failing migration on ${backend.name}`, () => {
    it('rolls back every migration of the run, schema_migrations rows included', async () => {
      const opened = await backend.open('migrationfail');
      try {
        const migrations = [
          migrationFromText('0001_good.sql', 'CREATE TABLE good (a int);'),
          migrationFromText('0002_bad.sql', 'CREATE TABLE bad (a int); SELECT * FROM no_such_table;'),
        ];
        const error = await rejection(migrate(opened.db, migrations));
        expect(error.code).toBe('central_db.migration_failed');
        expect(error.detail).toContain('migration 2 (bad)');
        expect(await tableExists(opened, 'good')).toBe(false);
        expect(await tableExists(opened, 'bad')).toBe(false);
        const report = await migrate(opened.db, migrations.slice(0, 1));
        expect(report.applied).toEqual([1]);
      } finally {
        await opened.close();
      }
    });
  });
}
