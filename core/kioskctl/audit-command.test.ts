import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE } from '../../kiosk-config/index.ts';
import { createAuditLog } from '../audit/index.ts';
import { PaymentLedger } from '../payments/index.ts';
import { openKioskStore } from '../store/index.ts';
import { paymentThrough } from '../sync/test-support.ts';
import { formatVerification } from './audit-command.ts';
import { kioskctl } from './main.ts';

let dir: string;
let dataDir: string;
let configFile: string;
let kioskId: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-kioskctl-audit-'));
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
  kioskId = String(demo.kioskId);
  configFile = path.join(dir, 'kiosk.json');
  dataDir = path.join(dir, 'data');
  // No running core on this data folder: kioskctl reads the store itself.
  writeFileSync(configFile, JSON.stringify({ ...demo, dataDir: './data' }));
  const store = openKioskStore({ dataDir });
  const audit = createAuditLog(store, { kioskId, now: () => new Date('2026-11-23T10:00:00.000Z') });
  audit.append('kiosk.started', { softwareVersion: '1.4.0' });
  audit.append('session.started', { language: 'ca' });
  audit.append('kiosk.stopped', {});
  store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskctl(
    [...args, '--config', configFile],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tamper(sql: string): void {
  const store = openKioskStore({ dataDir });
  try {
    store.db.exec('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete');
    store.db.exec(sql);
  } finally {
    store.close();
  }
}

describe('kioskctl audit on a stopped kiosk', () => {
  it('verify: exit 0 and the size and head of a whole chain', async () => {
    const r = await run('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'cadena íntegra: 3 entradas, última nº 3 (kiosk.stopped, 2026-11-23T10:00:00.000Z)',
    );
    expect(r.out).toContain('3 pendiente(s) de enviar');
  });

  it('verify: exit 1 naming the edited entry and what to do', async () => {
    tamper(`UPDATE audit_entries SET data = '{"language":"en"}' WHERE seq = 2`);
    const r = await run('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.out).toContain('cadena ROTA en la entrada nº 2: la entrada 2 se ha modificado');
    expect(r.out).toContain('Qué hacer: No toque el cajero');
  });

  it('verify: exit 1 naming a removed entry', async () => {
    tamper('DELETE FROM audit_entries WHERE seq = 2');
    const r = await run('audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, problem: { seq: 2, code: 'missing' } });
  });

  it('list: kind, time and data, the last N when asked', async () => {
    const all = await run('audit', 'list');
    expect(all.code).toBe(0);
    expect(all.out.split('\n')).toEqual([
      '     1  2026-11-23T10:00:00.000Z  kiosk.started  softwareVersion=1.4.0',
      '     2  2026-11-23T10:00:00.000Z  session.started  language=ca',
      '     3  2026-11-23T10:00:00.000Z  kiosk.stopped',
    ]);
    const last = await run('audit', 'list', '--last', '1', '--json');
    expect((JSON.parse(last.out) as { seq: number }[]).map((e) => e.seq)).toEqual([3]);
  });

  it('bad usage: exit 2', async () => {
    expect((await run('audit')).code).toBe(2);
    expect((await run('audit', 'list', '--last', 'x')).code).toBe(2);
    expect((await run('audit', 'verify', '--last', '3')).code).toBe(2);
    expect((await run('audit', 'frobnicate')).code).toBe(2);
  });
});

describe('kioskctl payments recover in the chain', () => {
  it('records the ledger’s changes and the technician’s act', async () => {
    const store = openKioskStore({ dataDir });
    paymentThrough(
      new PaymentLedger(store),
      'P9',
      {
        emisora: '471860',
        referencia: '2600000009',
        referenciaControl: '11',
        identificacion: '1100255334',
        amountCents: 4250,
      },
      new Date('2026-11-23T10:01:00.000Z'),
      { path: [] },
    );
    store.close();
    const r = await run('payments', 'recover');
    expect(r.code).toBe(0);
    const kinds = (
      JSON.parse((await run('audit', 'list', '--json')).out) as { kind: string; data: unknown }[]
    ).slice(3);
    expect(kinds).toMatchObject([
      { kind: 'payment.created', data: { paymentId: 'P9' } },
      { kind: 'payment.cancelled', data: { paymentId: 'P9', from: 'created' } },
      { kind: 'technician.payments_recover', data: { result: 'ok', count: 1 } },
    ]);
    expect((await run('audit', 'verify')).code).toBe(0);
  });
});

describe('formatVerification', () => {
  it('says an empty chain is whole and counts further problems', () => {
    expect(
      formatVerification({
        ok: true,
        entries: 0,
        head: null,
        acknowledged: null,
        unsent: 0,
        problem: null,
        problems: 0,
      }),
    ).toEqual([
      'cadena íntegra: 0 entradas (todavía no hay ninguna)',
      'la central no ha confirmado todavía ninguna entrada; 0 pendiente(s) de enviar',
    ]);
    const broken = formatVerification({
      ok: false,
      entries: 9,
      head: null,
      acknowledged: { seq: 9, hash: 'a'.repeat(64), at: null },
      unsent: 0,
      problem: { seq: 4, code: 'tail_removed', message: 'faltan las últimas entradas' },
      problems: 3,
    });
    expect(broken[0]).toBe('cadena ROTA en la entrada nº 4: faltan las últimas entradas');
    expect(broken[1]).toBe('(y 2 problema(s) más, que pueden venir de este)');
  });
});
