/**
 * A small kiosk for the fault-injection tests (`node test/fault/payments/kiosk-process.ts`): one payment
 * (MODE=pay) or start-up recovery (MODE=recover) against the ZVT simulator over TCP or a pseudo-terminal
 * (ZVT_SERIAL=<kiosk end of the pty> instead of ZVT_PORT), on the real ledger
 * in KIOSK_DATA_DIR. With CRASH_AT=<step> it SIGKILLs itself at that step boundary (no cleanup, no
 * flush: what a power cut or an OOM kill leaves behind). Prints one JSON line with what happened.
 *
 * Environment: KIOSK_DATA_DIR, ZVT_PORT, MODE, RECIBO (barcode, MODE=pay), CRASH_AT, PRINTER=ok|fail,
 * ACK_TIMEOUT_MS, COMPLETION_TIMEOUT_MS, CENTRAL=online|offline.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createPaymentTerminal } from '../../../drivers/payment/create-payment-terminal.ts';
import {
  type JustificantePrinter,
  PaymentLedger,
  PaymentRunner,
  type PaymentStep,
  recoverPayments,
} from '../../../core/payments/index.ts';
import { openKioskStore } from '../../../core/store/index.ts';

const env = process.env;
const need = (name: string): string => {
  const v = env[name];
  if (v === undefined || v === '') {
    process.stderr.write(`kiosk-process: ${name} is required\n`);
    process.exit(2);
  }
  return v;
};

const dataDir = need('KIOSK_DATA_DIR');
const connection =
  env.ZVT_SERIAL !== undefined && env.ZVT_SERIAL !== ''
    ? ({ transport: 'serial', path: env.ZVT_SERIAL, baudRate: 9600 } as const)
    : ({ transport: 'tcp', host: '127.0.0.1', port: Number(need('ZVT_PORT')) } as const);
const mode = need('MODE');
const crashAt = env.CRASH_AT;

const onStep = (step: PaymentStep): void => {
  if (step === crashAt) process.kill(process.pid, 'SIGKILL');
};

const printer: JustificantePrinter = {
  print: async () => ({ delivered: env.PRINTER !== 'fail' }),
};

const store = openKioskStore({ dataDir });
const ledger = new PaymentLedger(store);
let runner: PaymentRunner | undefined;
const terminal = createPaymentTerminal(connection, {
  ackTimeoutMs: Number(env.ACK_TIMEOUT_MS ?? 1_000),
  completionTimeoutMs: Number(env.COMPLETION_TIMEOUT_MS ?? 3_000),
  connectTimeoutMs: 1_000,
  journalStatusInformation: async (info) => runner?.journalStatusInformation(info),
});

const justificante = {
  municipality: { name: 'Ayuntamiento de Prueba', nif: 'P2807900B' },
  kioskId: 'K-FAULT',
  timeZone: 'Europe/Madrid',
  verificationUrl: 'https://sede.example.es/verificar',
};
const now = () => new Date();

let output: unknown;
try {
  if (mode === 'pay') {
    runner = new PaymentRunner({
      ledger,
      terminal,
      printer,
      justificante,
      now,
      onStep,
      newId: () => `P-${randomUUID()}`,
      randomBytes: (n) => randomBytes(n),
      reciboContext: (at) => ({
        acceptedEmisoras: ['280793'],
        today: { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() },
      }),
      offline: { maxAmountPerReciboCents: 50_000, maxPayments: 10, maxPaidListAgeHours: 24 },
      isCentralReachable: () => env.CENTRAL !== 'offline',
    });
    const result = await runner.pay(need('RECIBO'));
    output =
      result.kind === 'refused'
        ? { kind: 'refused', code: result.refusal.code, message: result.refusal.message }
        : { kind: result.kind, id: result.payment.id, state: result.payment.state };
  } else if (mode === 'recover') {
    output = {
      kind: 'recovered',
      report: await recoverPayments({ ledger, terminal, printer, justificante, now, onStep }),
    };
  } else {
    throw new RangeError(`MODE must be pay or recover, not ${mode}`);
  }
} finally {
  await terminal.close();
  store.close();
}
process.stdout.write(`${JSON.stringify(output)}\n`);
