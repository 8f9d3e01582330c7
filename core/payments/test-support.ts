/** Test doubles for the payment tests: a scripted terminal, a printer, a ledger in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  LastTransactionOutcome,
  PaymentOutcome,
  PaymentTerminal,
  PaymentTerminalEvent,
  ReversalOutcome,
} from '../../drivers/payment/payment-terminal.ts';
import type { PrintDocument } from '../../drivers/printer/index.ts';
import { buildReciboBarcode } from '../recibos/index.ts';
import { type KioskStore, openKioskStore } from '../store/index.ts';
import type { JustificantePrinter } from './justificante.ts';
import { PaymentLedger } from './ledger.ts';
import type { PaymentRunnerOptions, TerminalStatusInformation } from './runner.ts';
import { PaymentRunner } from './runner.ts';

export const EMISORA = '280793';

export function reciboBarcode(referencia: string, importeCents: number): string {
  return buildReciboBarcode({
    modalidad: 1,
    emisora: EMISORA,
    referencia,
    tributo: '100',
    ejercicio: 2026,
    periodo: '01',
    importeCents,
  });
}

export interface TempLedger {
  readonly dir: string;
  readonly store: KioskStore;
  readonly ledger: PaymentLedger;
  dispose(): void;
}

export function tempLedger(): TempLedger {
  const dir = mkdtempSync(path.join(tmpdir(), 'cajero-ledger-'));
  const store = openKioskStore({ dataDir: dir });
  return {
    dir,
    store,
    ledger: new PaymentLedger(store),
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A terminal whose answers the test queues; it records every call. */
export class ScriptedTerminal implements PaymentTerminal {
  readonly calls: string[] = [];
  payOutcomes: PaymentOutcome[] = [];
  lastOutcomes: LastTransactionOutcome[] = [];
  reverseOutcomes: ReversalOutcome[] = [];
  /** Called with the 04 0F before `pay` resolves (the driver's journal hook). */
  journal: ((info: TerminalStatusInformation) => Promise<void>) | undefined;
  readonly #listeners = new Set<(e: PaymentTerminalEvent) => void>();
  #receipt = 100;

  async pay(amountCents: number, reference: string): Promise<PaymentOutcome> {
    this.calls.push(`pay ${amountCents} ${reference}`);
    for (const l of this.#listeners)
      l({ type: 'display', text: 'Inserte la tarjeta', prompt: 'present_card' });
    const outcome = this.payOutcomes.shift() ?? approved(amountCents, ++this.#receipt);
    if (outcome.kind === 'approved' && this.journal !== undefined) {
      const t = outcome.transaction;
      await this.journal({
        approved: true,
        amountCents: t.amountCents,
        receiptNumber: t.receiptNumber,
        terminalId: t.terminalId,
        maskedPan: t.maskedPan,
      });
    }
    return outcome;
  }
  async reverse(receiptNumber: number): Promise<ReversalOutcome> {
    this.calls.push(`reverse ${receiptNumber}`);
    return (
      this.reverseOutcomes.shift() ?? {
        kind: 'reversed',
        transaction: { amountCents: 0, currency: 978 },
        receipt: [],
      }
    );
  }
  async lastTransaction(): Promise<LastTransactionOutcome> {
    this.calls.push('last');
    return this.lastOutcomes.shift() ?? { kind: 'not_available' };
  }
  async endOfDay(): Promise<never> {
    throw new Error('not scripted');
  }
  async status(): Promise<never> {
    throw new Error('not scripted');
  }
  async diagnose(): Promise<never> {
    throw new Error('not scripted');
  }
  async refund(): Promise<never> {
    throw new Error('not scripted');
  }
  async abort(): Promise<{ kind: 'nothing_running' }> {
    return { kind: 'nothing_running' };
  }
  onEvent(listener: (e: PaymentTerminalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export function approved(amountCents: number, receiptNumber: number): PaymentOutcome {
  return {
    kind: 'approved',
    transaction: {
      amountCents,
      currency: 978,
      receiptNumber,
      traceNumber: receiptNumber,
      terminalId: '52500001',
      authorisationCode: 'A1B2C3',
      cardName: 'Visa',
      maskedPan: '4761739001010119',
    },
    receipt: [],
  };
}

export class RecordingPrinter implements JustificantePrinter {
  readonly docs: PrintDocument[] = [];
  deliver = true;
  async print(doc: PrintDocument): Promise<{ delivered: boolean }> {
    this.docs.push(doc);
    return { delivered: this.deliver };
  }
}

export function runnerFor(
  ledger: PaymentLedger,
  terminal: ScriptedTerminal,
  overrides: Partial<PaymentRunnerOptions> = {},
): PaymentRunner {
  let n = 0;
  let seed = 1;
  const runner = new PaymentRunner({
    ledger,
    terminal,
    printer: new RecordingPrinter(),
    justificante: {
      municipality: { name: 'Ayuntamiento de Prueba' },
      kioskId: 'K-01',
      timeZone: 'Europe/Madrid',
      verificationUrl: 'https://sede.example.es/verificar',
    },
    now: () => new Date('2026-03-02T10:00:00Z'),
    newId: () => `P${String(++n).padStart(4, '0')}`,
    randomBytes: (k) =>
      Uint8Array.from({ length: k }, () => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed & 0xff;
      }),
    reciboContext: () => ({ acceptedEmisoras: [EMISORA], today: { year: 2026, month: 3, day: 2 } }),
    offline: { maxAmountPerReciboCents: 10_000, maxPayments: 2, maxPaidListAgeHours: 24 },
    isCentralReachable: () => true,
    ...overrides,
  });
  terminal.journal = (info) => runner.journalStatusInformation(info);
  return runner;
}
