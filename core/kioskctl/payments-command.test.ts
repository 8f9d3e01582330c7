import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE } from '../../kiosk-config/index.ts';
import { PaymentLedger, reciboRef } from '../payments/index.ts';
import { parseReciboBarcode, buildReciboBarcode } from '../recibos/index.ts';
import { openKioskStore } from '../store/index.ts';
import { kioskctl } from './main.ts';

let dir: string;
let configFile: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cajero-kioskctl-payments-'));
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
  configFile = path.join(dir, 'kiosk.json');
  writeFileSync(configFile, JSON.stringify({ ...demo, dataDir: './data' }));
  const store = openKioskStore({ dataDir: path.join(dir, 'data') });
  const ledger = new PaymentLedger(store);
  const recibo = (ref: string, cents: number) =>
    reciboRef(
      parseReciboBarcode(
        buildReciboBarcode({
          modalidad: 1,
          emisora: '471860',
          referencia: ref,
          tributo: '100',
          ejercicio: 2026,
          periodo: '01',
          importeCents: cents,
        }),
      ),
    );
  ledger.create(
    { ...recibo('0000000001', 4550), id: 'P-A', amountCents: 4550, csv: '7KQ2M9XD4RTBH0NC', offline: false },
    new Date('2026-03-02T09:00:00Z'),
  );
  ledger.transition('P-A', ['created'], 'sent_to_terminal', new Date('2026-03-02T09:00:01Z'));
  ledger.transition('P-A', ['sent_to_terminal'], 'approved', new Date('2026-03-02T09:00:05Z'), {
    terminal: {
      receiptNo: 12,
      terminalId: '52500001',
      authorisationCode: 'A1B2C3',
      maskedPan: '4761739001010119',
    },
  });
  ledger.create(
    { ...recibo('0000000002', 100), id: 'P-B', amountCents: 100, csv: 'ABCDEFGHJKMNPQRS', offline: false },
    new Date('2026-03-02T10:00:00Z'),
  );
  ledger.create(
    { ...recibo('0000000003', 200), id: 'P-OLD', amountCents: 200, csv: 'ABCDEFGHJKMNPQR0', offline: false },
    new Date('2026-03-01T10:00:00Z'),
  );
  store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskctl(
    ['payments', ...args, '--config', configFile],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kioskctl payments', () => {
  it('list: the payments of a local day with their states', async () => {
    const r = await run('list', '--date', '2026-03-02');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Pagos del 2026-03-02 (2)');
    expect(r.out).toMatch(/10:00:00\s+P-A\s+45,50 €\s+approved/);
    expect(r.out).not.toContain('P-OLD');
    const json = await run('list', '--date', '2026-03-01', '--json');
    expect((JSON.parse(json.out) as { id: string }[]).map((p) => p.id)).toEqual(['P-OLD']);
  });

  it('show: one payment with its states, CSV, masked card and outbox', async () => {
    const r = await run('show', 'P-A');
    expect(r.code).toBe(0);
    expect(r.out).toContain('CSV del justificante: 7KQ2-M9XD-4RTB-H0NC');
    expect(r.out).toContain('**** 0119');
    expect(r.out).not.toContain('4761739001010119');
    expect(r.out).toMatch(/sent_to_terminal → approved/);
    expect(r.out).toMatch(/P-A\.approved\s+payment\.approved\s+pendiente/);
    expect((await run('show', 'P-NONE')).code).toBe(1);
  });

  it('recover: resolves what needs no terminal and reports it; list and show stay read-only', async () => {
    const r = await run('recover', '--json');
    const report = JSON.parse(r.out) as { paymentId: string; from: string; to: string }[];
    expect(report).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paymentId: 'P-B', from: 'created', to: 'cancelled' }),
        expect.objectContaining({ paymentId: 'P-A', from: 'approved', to: 'justificante_failed' }),
      ]),
    );
    expect(r.code).toBe(0);
    expect((await run('recover')).out).toContain('No hay pagos pendientes');
  });

  it('bad usage: exit 2', async () => {
    expect((await run('show')).code).toBe(2);
    expect((await run('list', 'x')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });
});
