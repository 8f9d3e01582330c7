/**
 * Core's payment-terminal service and kioskctl's terminal commands against the ZVT simulator over TCP:
 * what the technician reads is what the simulator's own journal says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskctl } from '../../../core/kioskctl/main.ts';
import { type PaymentSimulator, startSimulator } from '../../../simulators/payment/index.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';

let sim: PaymentSimulator;
let host: TestHost;

async function ctl(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskctl(
    [...argv, '--socket', host.controlSocket],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  sim = await startSimulator({ tcp: { port: 0 } });
  host = await startTestHost({
    change: (config) => {
      config.devices.paymentTerminal.connection = { transport: 'tcp', host: '127.0.0.1', port: sim.tcpPort };
    },
  });
});

afterAll(async () => {
  await host.stop();
  await sim.stop();
});

describe('payment terminal through core and kioskctl', () => {
  it('reports the terminal ready after a status enquiry', async () => {
    const result = await ctl('terminal', 'status');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^terminal de pago: ready \[ok\]/);
    expect(host.core.devices.get('paymentTerminal')).toMatchObject({ health: 'ok', code: 'ready' });
  });

  it('takes a test payment that the terminal journals, and finds it as the last transaction', async () => {
    const paid = await ctl('terminal', 'pay', '1250');
    expect(paid.code).toBe(0);
    expect(paid.out).toContain('pago de prueba APROBADO');
    expect(paid.out).toContain('importe 12,50 €');
    const entry = sim.journal.entries.at(-1);
    expect(entry).toMatchObject({ kind: 'payment', amountCents: 1250 });
    expect(paid.out).toContain(`recibo ${entry!.receiptNo}`);
    const last = await ctl('terminal', 'last');
    expect(last.code).toBe(0);
    expect(last.out).toContain('última operación');
  });

  it('says a declined test payment was declined', async () => {
    sim.queueScenario({ kind: 'declined', resultCode: 0x05 });
    const result = await ctl('terminal', 'pay', '700');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^pago de prueba DENEGADO: .*\(zvt:05\)$/);
  });

  it('closes the day with the terminal journal’s totals', async () => {
    const expected = sim.journal.totals();
    const result = await ctl('terminal', 'end-of-day', '--json');
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.out);
    expect(outcome).toMatchObject({ kind: 'closed', totalCents: expected.grandTotalCents });
    expect(expected.grandTotalCents).toBe(1250);
  });

  it('runs the terminal diagnosis', async () => {
    const result = await ctl('terminal', 'diag');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^diagnóstico del terminal hecho/);
  });

  it('refuses a malformed test amount before anything reaches the terminal', async () => {
    const before = sim.journal.entries.length;
    expect((await ctl('terminal', 'pay', '12,50')).code).toBe(2);
    expect((await ctl('terminal', 'pay')).code).toBe(2);
    expect(sim.journal.entries.length).toBe(before);
  });

  it('reports a terminal that cannot be reached as disconnected', async () => {
    await sim.stop();
    const result = await ctl('terminal', 'status');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^terminal de pago: disconnected \[error\]/);
    sim = await startSimulator({ tcp: { port: 0 } });
  });
});
