/** For tests only: payments walked through the real ledger transitions, and a supervisor that records. */
import type { DeviceKind, DeviceState } from '../api/contract.ts';
import type { DeviceReport } from '../devices/supervisor.ts';
import type { PaymentLedger, PaymentRow, PaymentState } from '../payments/index.ts';
import type { SyncSupervisor } from './sync-client.ts';

export interface TestRecibo {
  readonly emisora: string;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly amountCents: number;
}

/** A 16-character kiosk CSV (Crockford base 32) derived from `n`. */
export function testCsv(n: number): string {
  return `TESTCSV${String(n).padStart(9, '0')}`;
}

/**
 * Creates a payment and walks it through `path` (by default approved and its justificante printed),
 * as the payment runner would; the approval writes the `payment.approved` outbox event.
 */
export function paymentThrough(
  ledger: PaymentLedger,
  id: string,
  recibo: TestRecibo,
  at: Date,
  options: { csv?: string; path?: readonly PaymentState[]; receiptNo?: number } = {},
): PaymentRow {
  let p = ledger.create(
    {
      id,
      reciboKey: `${recibo.emisora}-${recibo.referencia}${recibo.referenciaControl}-${recibo.identificacion}`,
      modalidad: 2,
      emisora: recibo.emisora,
      referencia: recibo.referencia,
      referenciaControl: recibo.referenciaControl,
      identificacion: recibo.identificacion,
      tributo: '100',
      ejercicio: 2026,
      amountCents: recibo.amountCents,
      csv: options.csv ?? testCsv(Number(id.replace(/\D/gu, '')) || 1),
      offline: false,
    },
    at,
  );
  let from: PaymentState = 'created';
  for (const to of options.path ?? (['sent_to_terminal', 'approved', 'justificante_printed'] as const)) {
    const change =
      to === 'approved'
        ? {
            terminal: {
              terminalId: '52500001',
              receiptNo: options.receiptNo ?? 17,
              traceNo: 9,
              authorisationCode: 'A1B2C3',
              cardName: 'Visa',
              maskedPan: '4761739001010119',
            },
          }
        : to === 'needs_attention'
          ? { attentionReason: 'prueba' }
          : {};
    p = ledger.transition(p.id, [from], to, at, change) ?? p;
    from = to;
  }
  return p;
}

export class RecordingSupervisor implements SyncSupervisor {
  readonly reports: DeviceReport[] = [];
  devices: DeviceState[] = [
    { device: 'printer', health: 'warning', code: 'paper_near_end', since: '2026-11-23T09:00:00.000Z' },
    { device: 'paymentTerminal', health: 'ok', code: 'ready', since: '2026-11-23T09:00:00.000Z' },
    { device: 'central', health: 'unknown', code: 'starting', since: '2026-11-23T09:00:00.000Z' },
  ];

  report(device: DeviceKind, report: DeviceReport): void {
    if (device === 'central') this.reports.push(report);
  }

  list(): DeviceState[] {
    return this.devices;
  }

  get last(): DeviceReport | undefined {
    return this.reports.at(-1);
  }
}
