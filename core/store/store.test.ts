import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedVersions, loadMigrations } from './migrations.ts';
import { openKioskStore, storeFile } from './store.ts';
import { StoreError } from './errors.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kiosk store', () => {
  it('opens <dataDir>/kiosk.sqlite in WAL with synchronous=FULL and records the migrations once', () => {
    const store = openKioskStore({ dataDir: dir });
    expect(store.file).toBe(storeFile(dir));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    const versions = [...appliedVersions(store.db).keys()];
    expect(versions).toEqual(loadMigrations().map((m) => m.version));
    store.close();
    const again = openKioskStore({ dataDir: dir });
    expect([...appliedVersions(again.db).keys()]).toEqual(versions);
    again.close();
  });

  it('refuses a database that records a migration this program does not know', () => {
    const store = openKioskStore({ dataDir: dir });
    store.db
      .prepare("INSERT INTO schema_migrations VALUES (99, 'from_the_future', '2030-01-01T00:00:00Z')")
      .run();
    store.close();
    expect(() => openKioskStore({ dataDir: dir })).toThrow(
      expect.objectContaining({ code: 'store.unknown_migration' }),
    );
    expect(() => openKioskStore({ dataDir: dir, readOnly: true })).toThrow(StoreError);
  });

  it('read-only: refuses writes and a missing database', () => {
    expect(() => openKioskStore({ dataDir: path.join(dir, 'none'), readOnly: true })).toThrow(
      expect.objectContaining({ code: 'store.not_initialised' }),
    );
    openKioskStore({ dataDir: dir }).close();
    const ro = openKioskStore({ dataDir: dir, readOnly: true });
    expect(() => ro.write(() => 1)).toThrow(expect.objectContaining({ code: 'store.read_only' }));
    expect(() => ro.db.prepare('DELETE FROM payments').run()).toThrow();
    ro.close();
  });

  it('write() is all or nothing', () => {
    const store = openKioskStore({ dataDir: dir });
    expect(() =>
      store.write(() => {
        store.db.prepare("INSERT INTO paid_recibos VALUES ('k1', NULL)").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM paid_recibos').get()).toEqual({ n: 0 });
    store.close();
  });

  it('the schema refuses an unmasked PAN and a second live payment of a recibo', () => {
    const store = openKioskStore({ dataDir: dir });
    const insert = (id: string, state: string, pan: string | null) =>
      store.db
        .prepare(
          `INSERT INTO payments (id, recibo_key, modalidad, emisora, referencia, referencia_control, identificacion,
             tributo, ejercicio, amount_cents, state, csv, offline, masked_pan, created_at, updated_at)
           VALUES (?, 'R1', 1, '280793', '0000000001', '79', '1002601', '100', 2026, 100, ?, ?, 0, ?, 'x', 'x')`,
        )
        .run(id, state, `CSV${id}`, pan);
    expect(() => insert('a', 'approved', '4761739001010119')).toThrow(/CHECK/);
    insert('a', 'declined', '**** 0119');
    insert('b', 'approved', null);
    expect(() => insert('c', 'sent_to_terminal', null)).toThrow(/UNIQUE/);
    store.close();
  });
});
