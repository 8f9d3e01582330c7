/**
 * The kiosk's card terminal as core sees it: one `PaymentTerminal` built from the configuration, its
 * health asked now and then and reported to the device supervisor, and the technician's commands.
 * Citizen payments will go through the payment ledger (which commits each state before the terminal
 * is called); nothing here moves money on its own except the technician's explicit test payment.
 */
import {
  createPaymentTerminal,
  type ManagedPaymentTerminal,
} from '../../drivers/payment/create-payment-terminal.ts';
import type { StatusInformation } from '../../drivers/payment/zvt/pt-messages.ts';
import type {
  DiagnosisOutcome,
  EndOfDayOutcome,
  LastTransactionOutcome,
  PaymentOutcome,
  TerminalStatus,
} from '../../drivers/payment/payment-terminal.ts';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import type { DeviceReport, DeviceSupervisor } from './supervisor.ts';

type TerminalConfig = KioskConfig['devices']['paymentTerminal'];

export interface PaymentTerminalServiceOptions {
  readonly config: TerminalConfig;
  readonly supervisor: DeviceSupervisor;
  readonly logger: Logger;
  /** Status enquiries are real terminal commands: not too often. */
  readonly pollIntervalMs?: number;
  /** Tests bring a terminal of their own; by default one is built from the configuration. */
  readonly terminal?: ManagedPaymentTerminal;
}

export class PaymentTerminalService {
  readonly terminal: ManagedPaymentTerminal;
  readonly #supervisor: DeviceSupervisor;
  readonly #logger: Logger;
  readonly #pollIntervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Commands waiting or running: the terminal takes one at a time and answers a second with busy. */
  #running = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #checking: Promise<{ status: TerminalStatus | null; report: DeviceReport }> | null = null;
  /** Where each 04 0F is journaled before the driver acknowledges it (the recibo payment ledger). */
  #journal: ((info: StatusInformation) => Promise<void>) | undefined;

  constructor(options: PaymentTerminalServiceOptions) {
    this.#supervisor = options.supervisor;
    this.#logger = options.logger;
    this.#pollIntervalMs = options.pollIntervalMs ?? 60_000;
    this.terminal =
      options.terminal ??
      createPaymentTerminal(options.config.connection, {
        completionTimeoutMs: options.config.responseTimeoutSeconds * 1000,
        journalStatusInformation: async (info) => this.#journal?.(info),
        log: (line) => this.#logger.debug({ line }, 'terminal link'),
      });
  }

  start(): void {
    this.#supervisor.report('paymentTerminal', { health: 'unknown', code: 'starting' });
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.#pollIntervalMs);
    this.#timer.unref();
  }

  /**
   * Asks the terminal for its status (ZVT status enquiry) unless a command is running or queued;
   * concurrent callers share one enquiry.
   */
  check(): Promise<{ status: TerminalStatus | null; report: DeviceReport }> {
    if (this.#running > 0) {
      const report: DeviceReport = { health: 'ok', code: 'busy' };
      this.#supervisor.report('paymentTerminal', report);
      return Promise.resolve({ status: null, report });
    }
    this.#checking ??= this.#exclusive(async () => {
      const status = await this.terminal
        .status()
        .catch((error: unknown): TerminalStatus => ({ kind: 'unreachable', detail: String(error) }));
      const report = reportFor(status);
      this.#supervisor.report('paymentTerminal', report);
      return { status, report };
    }).finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  /** The technician's test payment: a real charge, logged, with the terminal's own result. */
  testPayment(amountCents: number): Promise<PaymentOutcome> {
    return this.#command('test payment', () => this.terminal.pay(amountCents, `PRUEBA-${Date.now()}`));
  }

  /** Sets the hook every 04 0F goes through before it is acknowledged (docs/zvt.md §6). */
  setStatusJournal(journal: ((info: StatusInformation) => Promise<void>) | undefined): void {
    this.#journal = journal;
  }

  /**
   * Runs `task` on the terminal after every command before it and before any status enquiry: the
   * recibo payment (with its recovery queries and reversals) goes through here.
   */
  async run<T>(what: string, task: () => Promise<T>): Promise<T> {
    const done = await this.#command(what, async () => ({ kind: what, result: await task() }));
    return done.result;
  }

  lastTransaction(): Promise<LastTransactionOutcome> {
    return this.#command('last transaction', () => this.terminal.lastTransaction());
  }

  endOfDay(): Promise<EndOfDayOutcome> {
    return this.#command('end of day', () => this.terminal.endOfDay());
  }

  diagnose(): Promise<DiagnosisOutcome> {
    return this.#command('diagnosis', () => this.terminal.diagnose());
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.terminal.close().catch(() => undefined);
  }

  async #command<T extends { kind: string }>(what: string, run: () => Promise<T>): Promise<T> {
    this.#running += 1;
    this.#supervisor.report('paymentTerminal', { health: 'ok', code: 'busy' });
    try {
      const outcome = await this.#exclusive(run);
      this.#logger.info({ command: what, outcome: outcome.kind }, 'terminal command');
      return outcome;
    } finally {
      this.#running -= 1;
      if (this.#running === 0) void this.check();
    }
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export function reportFor(status: TerminalStatus): DeviceReport {
  switch (status.kind) {
    case 'ready': {
      const detail = [
        status.terminalId && `terminal ${status.terminalId}`,
        status.softwareVersion && `software ${status.softwareVersion}`,
      ]
        .filter(Boolean)
        .join(', ');
      return detail ? { health: 'ok', code: 'ready', detail } : { health: 'ok', code: 'ready' };
    }
    case 'not_ready':
      return {
        health: 'error',
        code: 'fault',
        detail: `${status.refusal.providerCode}: ${status.refusal.message}`,
      };
    case 'unreachable':
      return { health: 'error', code: 'disconnected', detail: status.detail.slice(0, 300) };
  }
}
