/**
 * A kiosk ready to take a recibo payment in a test: the real ZVT simulator (TCP, port 0), the printer
 * emulator (TCP, port 0) and the browser-mode host wired to both. Central is not started, so payments
 * run under the offline rules: the paid-recibo list is seeded fresh (and empty) in the data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PaymentLedger } from '../../core/payments/index.ts';
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import { openKioskStore } from '../../core/store/index.ts';
import { type PaymentSimulator, startSimulator } from '../../simulators/payment/index.ts';
import { PrinterEmulator } from '../../simulators/printer/index.ts';
import { startTestHost, type TestHost } from './test-host.ts';

/** The demo configuration's emisora (Villademo). */
export const DEMO_EMISORA = '471860';

export interface ReciboKiosk {
  readonly host: TestHost;
  readonly sim: PaymentSimulator;
  readonly printer: PrinterEmulator;
  stop(): Promise<void>;
}

export function demoRecibo(referencia: string, importeCents: number): string {
  return buildReciboBarcode({
    modalidad: 1,
    emisora: DEMO_EMISORA,
    referencia,
    tributo: '100',
    ejercicio: 2026,
    periodo: '01',
    importeCents,
  });
}

/** The fields printed on the recibo, as a person types them. */
export function demoReciboFields(referencia: string, importeCents: number) {
  const r = parseReciboBarcode(demoRecibo(referencia, importeCents));
  return {
    emisora: r.emisora,
    referencia: `${r.referencia}${r.referenciaControl}`,
    identificacion: r.identificacion,
    importe: `${Math.floor(importeCents / 100)},${String(importeCents % 100).padStart(2, '0')}`,
  };
}

export async function startReciboKiosk(): Promise<ReciboKiosk> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-recibo-'));
  const store = openKioskStore({ dataDir });
  new PaymentLedger(store).replacePaidList(new Date(), new Date(), []);
  store.close();
  const sim = await startSimulator({ tcp: { port: 0 } });
  const printer = new PrinterEmulator({ tcpPort: 0 });
  const printerPort = (await printer.start()).tcp?.port;
  const host = await startTestHost({
    dataDir,
    devices: ['printer', 'paymentTerminal'],
    change: (config) => {
      config.devices.paymentTerminal.connection = { transport: 'tcp', host: '127.0.0.1', port: sim.tcpPort };
      config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: printerPort };
    },
  });
  return {
    host,
    sim,
    printer,
    async stop() {
      await host.stop();
      await sim.stop();
      await printer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
