/**
 * Payment ledger (plain Node program: `node test/bench/ledger.bench.ts`, or `npm run bench ledger`):
 *
 * 1. commit latency of one state change (one `BEGIN IMMEDIATE … COMMIT`, WAL, synchronous=FULL) on the
 *    disk that holds the temporary folder, p50 and p99 beside the target (p99 ≤ 10 ms);
 * 2. payments per second through the whole flow (PaymentRunner → ledger → ZVT driver over TCP → the
 *    ZVT simulator in a child process at zero latency → a printer that accepts at once).
 *
 * Prints figures, never fails on them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPaymentTerminal } from '../../drivers/payment/create-payment-terminal.ts';
import { PaymentLedger, PaymentRunner, reciboRef } from '../../core/payments/index.ts';
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import { openKioskStore } from '../../core/store/index.ts';
import { startZvtSimulatorProcess } from './zvt-simulator-process.ts';

const LEDGER_PAYMENTS = 400;
const FLOW_WARM_UP = 20;
const FLOW_PAYMENTS = 300;
const TARGET_P99_MS = 10;

const barcode = (n: number, cents: number) =>
  buildReciboBarcode({
    modalidad: 1,
    emisora: '280793',
    referencia: String(n).padStart(10, '0'),
    tributo: '100',
    ejercicio: 2026,
    periodo: '01',
    importeCents: cents,
  });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function commitLatency(dir: string): void {
  const store = openKioskStore({ dataDir: dir });
  const ledger = new PaymentLedger(store);
  const samples: number[] = [];
  const timed = (fn: () => void) => {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  const at = () => new Date();
  for (let i = 0; i < LEDGER_PAYMENTS; i++) {
    const id = `L-${i}`;
    const ref = reciboRef(parseReciboBarcode(barcode(i + 1, 100 + i)));
    timed(() =>
      ledger.create(
        { ...ref, id, amountCents: 100 + i, csv: `C${String(i).padStart(15, '0')}`, offline: false },
        at(),
      ),
    );
    timed(() => ledger.transition(id, ['created'], 'sent_to_terminal', at()));
    timed(() =>
      ledger.transition(id, ['sent_to_terminal'], 'approved', at(), {
        terminal: {
          receiptNo: i + 1,
          terminalId: '52500001',
          authorisationCode: 'A1B2C3',
          maskedPan: '****0119',
        },
      }),
    );
    timed(() => ledger.transition(id, ['approved'], 'justificante_printed', at()));
  }
  store.close();
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  console.log(
    `Ledger commit per state change (WAL, synchronous=FULL, ${tmpdir()}), ${samples.length} commits:`,
  );
  console.log(
    `  p50 ${percentile(sorted, 50).toFixed(3)} ms   p99 ${p99.toFixed(3)} ms   max ${sorted.at(-1)?.toFixed(3)} ms`,
  );
  console.log(`  target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`);
}

async function wholeFlow(dir: string): Promise<void> {
  const simulator = await startZvtSimulatorProcess();
  const store = openKioskStore({ dataDir: dir });
  try {
    const port = simulator.port;
    let runner: PaymentRunner | undefined;
    const terminal = createPaymentTerminal(
      { transport: 'tcp', host: '127.0.0.1', port },
      { journalStatusInformation: async (info) => runner?.journalStatusInformation(info) },
    );
    let n = 0;
    runner = new PaymentRunner({
      ledger: new PaymentLedger(store),
      terminal,
      printer: { print: async () => ({ delivered: true }) },
      justificante: {
        municipality: { name: 'Ayuntamiento de Prueba' },
        kioskId: 'K-BENCH',
        timeZone: 'Europe/Madrid',
        verificationUrl: 'https://sede.example.es/verificar',
      },
      now: () => new Date(),
      newId: () => `F-${++n}`,
      randomBytes: (k) => randomBytes(k),
      reciboContext: () => ({ acceptedEmisoras: ['280793'], today: { year: 2026, month: 1, day: 1 } }),
      offline: { maxAmountPerReciboCents: 50_000, maxPayments: 10, maxPaidListAgeHours: 24 },
      isCentralReachable: () => true,
    });
    let paid = 0;
    for (let i = 0; i < FLOW_WARM_UP; i++)
      if ((await runner.pay(barcode(10_000 + i, 500 + i))).kind === 'paid') paid++;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < FLOW_PAYMENTS; i++) {
      if ((await runner.pay(barcode(20_000 + i, 1_000 + i))).kind === 'paid') paid++;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await terminal.close();
    console.log(
      `Whole payment flow (runner + ledger + ZVT over TCP + simulator at zero latency), ${FLOW_PAYMENTS} payments:`,
    );
    console.log(
      `  ${(FLOW_PAYMENTS / seconds).toFixed(1)} payments/s   ${((seconds * 1000) / FLOW_PAYMENTS).toFixed(2)} ms per payment`,
    );
    console.log(`  paid ${paid} of ${FLOW_PAYMENTS + FLOW_WARM_UP}`);
  } finally {
    store.close();
    simulator.stop();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'cajero-ledger-bench-'));
try {
  commitLatency(path.join(dir, 'latency'));
  await wholeFlow(path.join(dir, 'flow'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
