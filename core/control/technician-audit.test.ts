import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/index.ts';
import { type KioskStore, openKioskStore } from '../store/index.ts';
import { auditRoutes, recordTechnician, technicianOutcome } from './technician-audit.ts';

const stores: KioskStore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function auditLog() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cajero-tech-audit-'));
  dirs.push(dir);
  const store = openKioskStore({ dataDir: dir });
  stores.push(store);
  return createAuditLog(store, { kioskId: 'DEMO-001' });
}

describe('technician outcomes', () => {
  it('keep only the outcome codes of each command, never its content', () => {
    expect(technicianOutcome({ delivered: true, warnings: ['paper near end'] })).toEqual({
      result: 'delivered',
    });
    expect(
      technicianOutcome({
        delivered: false,
        bytesSent: false,
        error: { code: 'printer.paper_out', message: 'Sin papel' },
      }),
    ).toEqual({ result: 'not_delivered', code: 'printer.paper_out' });
    expect(
      technicianOutcome({
        kind: 'approved',
        transaction: { maskedPan: '**** 0119' },
        receipt: ['VISA 0119'],
      }),
    ).toEqual({ result: 'approved' });
    expect(technicianOutcome({ kind: 'refused', refusal: { code: 'zvt.busy', text: 'x' } })).toEqual({
      result: 'refused',
      code: 'zvt.busy',
    });
    expect(technicianOutcome({ round: { ok: false, sent: 3, error: { code: 'sync.unreachable' } } })).toEqual(
      {
        result: 'failed',
        code: 'sync.unreachable',
        count: 3,
      },
    );
    // A code that is not a code (free text) is left out.
    expect(technicianOutcome({ kind: 'Juan Pérez' })).toEqual({ result: 'ok' });
  });
});

describe('recordTechnician', () => {
  it('records the command after it ran, with its outcome, and returns its answer', async () => {
    const audit = auditLog();
    const answer = await recordTechnician(
      () => audit,
      'technician.terminal_test_payment',
      { amountCents: 1999 },
      async () => ({ kind: 'declined', refusal: { code: 'zvt.card_declined' } }),
      pino({ level: 'silent' }),
    );
    expect(answer).toMatchObject({ kind: 'declined' });
    expect(audit.list()).toMatchObject([
      {
        seq: 1,
        kind: 'technician.terminal_test_payment',
        data: { result: 'declined', code: 'zvt.card_declined', amountCents: 1999 },
      },
    ]);
  });

  it('records a command that failed as error, with its code, and throws its error on', async () => {
    const audit = auditLog();
    const failure = Object.assign(new Error('no terminal'), { code: 'zvt.unreachable' });
    await expect(
      recordTechnician(
        () => audit,
        'technician.terminal_end_of_day',
        {},
        () => Promise.reject(failure),
        pino({ level: 'silent' }),
      ),
    ).rejects.toBe(failure);
    expect(audit.list()[0]).toMatchObject({
      kind: 'technician.terminal_end_of_day',
      data: { result: 'error', code: 'zvt.unreachable' },
    });
  });

  it('answers the technician even when the chain cannot be written, and logs it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
    const answer = await recordTechnician(
      () => {
        throw new Error('store closed');
      },
      'technician.sync_now',
      {},
      () => ({ round: { ok: true, sent: 0 } }),
      logger,
    );
    expect(answer).toEqual({ round: { ok: true, sent: 0 } });
    expect(lines.join('')).toContain('not recorded in the audit chain');
  });
});

describe('audit routes', () => {
  it('verify and list the chain; --last must be a number', () => {
    const audit = auditLog();
    audit.append('kiosk.started', { softwareVersion: '1.0.0' });
    audit.append('kiosk.stopped', {});
    const routes = auditRoutes(
      () => audit,
      (m) => new Error(m),
    );
    expect(routes['GET /v1/audit/verify']?.(new URLSearchParams())).toMatchObject({ ok: true, entries: 2 });
    expect(routes['GET /v1/audit/list']?.(new URLSearchParams('last=1'))).toMatchObject([
      { seq: 2, kind: 'kiosk.stopped' },
    ]);
    expect(() => routes['GET /v1/audit/list']?.(new URLSearchParams('last=abc'))).toThrow(/número/);
  });
});
