/**
 * A recibo paid through the KioskApi over WebSocket, with core on the real ZVT simulator and the
 * printer emulator (both TCP): the simulator's journal holds the charge once, the emulator's paper
 * holds the justificante with the CSV the screen was given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReciboPaymentProgress } from '../../../core/api/contract.ts';
import type { WebSocketKioskApi } from '../../../renderer/src/api/ws-client.ts';
import {
  demoRecibo,
  demoReciboFields,
  type ReciboKiosk,
  startReciboKiosk,
} from '../../support/recibo-devices.ts';
import { connectScreen, waitOpen } from '../../support/ws-api.ts';

let kiosk: ReciboKiosk;
let api: WebSocketKioskApi;

beforeAll(async () => {
  kiosk = await startReciboKiosk();
  api = connectScreen(kiosk.host.origin, { callTimeoutMs: 20_000 });
  await waitOpen(api);
}, 30_000);

afterAll(async () => {
  api?.close();
  await kiosk?.stop();
});

describe('recibo payment over the KioskApi', () => {
  it('pays a typed recibo once: journal, ledger and printed justificante agree', async () => {
    const check = await api.call('recibo.check', demoReciboFields('0000012345', 4250));
    expect(check).toMatchObject({ ok: true, recibo: { importeCents: 4250, emisora: '471860' } });
    if (!check.ok) return;
    const progress: ReciboPaymentProgress[] = [];
    const off = api.on('recibo.progress', (p) => progress.push(p));
    const printed = new Promise<string>((resolve) => kiosk.printer.onDocument((doc) => resolve(doc.text)));
    const ticket = check.recibo.ticket;
    const [first, second] = await Promise.all([
      api.call('recibo.pay', { ticket }),
      api.call('recibo.pay', { ticket }),
    ]);
    off();
    expect(first).toEqual(second);
    expect(first).toMatchObject({ outcome: 'approved', importeCents: 4250, justificantePrinted: true });
    if (first.outcome !== 'approved') return;
    const payments = kiosk.sim.journal.entries.filter((e) => e.kind === 'payment');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 4250 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.ticket === ticket)).toBe(true);
    const text = await printed;
    expect(text).toContain(first.csv);
    expect(text).toContain('42,50');
  }, 30_000);

  it('refuses the same recibo again, by scan, before the card is touched', async () => {
    const before = kiosk.sim.journal.entries.length;
    const again = await api.call('recibo.check', { barcode: demoRecibo('0000012345', 4250) });
    expect(again).toEqual({ ok: false, reason: 'ya_pagado', field: null });
    expect(kiosk.sim.journal.entries.length).toBe(before);
  });

  it('a declined card: nothing charged, the recibo can be paid afterwards', async () => {
    kiosk.sim.queueScenario({ kind: 'declined', resultCode: 0x05 });
    const check = await api.call('recibo.check', { barcode: demoRecibo('0000012346', 1000) });
    if (!check.ok) throw new Error(check.reason);
    const result = await api.call('recibo.pay', { ticket: check.recibo.ticket });
    expect(result).toMatchObject({ outcome: 'declined', reversed: false });
  }, 30_000);

  it('paper out after the approval: the payment stands, the screen gets the CSV and where to get it', async () => {
    kiosk.printer.setState('paper-out');
    try {
      const check = await api.call('recibo.check', { barcode: demoRecibo('0000012347', 2000) });
      if (!check.ok) throw new Error(check.reason);
      const result = await api.call('recibo.pay', { ticket: check.recibo.ticket });
      expect(result).toMatchObject({
        outcome: 'approved',
        justificantePrinted: false,
        verificationUrl: 'http://127.0.0.1:8090/verificar',
      });
      const last = kiosk.sim.journal.entries.at(-1);
      expect(last).toMatchObject({ kind: 'payment', amountCents: 2000 });
    } finally {
      kiosk.printer.setState('online');
    }
  }, 30_000);

  it('invalid params are refused by the contract', async () => {
    await expect(api.call('recibo.pay', { ticket: 'no spaces allowed' })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });
});
