/**
 * The kiosk's printer as core sees it: one connection opened from the configuration, its status
 * polled and reported to the device supervisor, documents printed only through here. A lost
 * connection is opened again on the next poll.
 */
import {
  CODE_PAGES,
  type CodePage,
  openSerialTransport,
  openTcpTransport,
  openUsbLpTransport,
  type PrintDocument,
  Printer,
  PrinterOfflineError,
  type PrinterStatus,
  type PrinterTransport,
  type PrintResult,
  readiness,
} from '../../drivers/printer/index.ts';
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import type { DeviceReport, DeviceSupervisor } from './supervisor.ts';

type PrinterConfig = KioskConfig['devices']['printer'];

export type PrinterCheck =
  | { readonly reachable: true; readonly status: PrinterStatus; readonly report: DeviceReport }
  | { readonly reachable: false; readonly report: DeviceReport };

export interface PrinterServiceOptions {
  readonly config: PrinterConfig;
  readonly supervisor: DeviceSupervisor;
  readonly logger: Logger;
  readonly pollIntervalMs?: number;
}

export class PrinterService {
  readonly #config: PrinterConfig;
  readonly #supervisor: DeviceSupervisor;
  readonly #logger: Logger;
  readonly #pollIntervalMs: number;
  #transport: PrinterTransport | null = null;
  #printer: Printer | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking: Promise<PrinterCheck> | null = null;

  constructor(options: PrinterServiceOptions) {
    this.#config = options.config;
    this.#supervisor = options.supervisor;
    this.#logger = options.logger;
    this.#pollIntervalMs = options.pollIntervalMs ?? 5000;
  }

  /** Starts polling; the first check runs at once. */
  start(): void {
    this.#supervisor.report('printer', { health: 'unknown', code: 'starting' });
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.#pollIntervalMs);
    this.#timer.unref();
  }

  /** Asks the printer for its status now and reports it; concurrent callers share one check. */
  check(): Promise<PrinterCheck> {
    this.#checking ??= this.#checkNow().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  /** Prints a document; the supervisor learns the printer's state right after. */
  async print(document: PrintDocument): Promise<PrintResult> {
    const printer = await this.#connect().catch(() => null);
    if (printer === null) {
      const report = (await this.check()).report;
      return {
        delivered: false,
        bytesSent: false,
        error: new PrinterOfflineError(`printer not reachable (${report.detail ?? report.code})`),
      };
    }
    const result = await printer.print(document);
    this.#logger.info(
      result.delivered
        ? { delivered: true, warnings: result.warnings }
        : { delivered: false, bytesSent: result.bytesSent, error: result.error.code },
      'document printed',
    );
    await this.check();
    return result;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking?.catch(() => undefined);
    await this.#disconnect();
  }

  async #checkNow(): Promise<PrinterCheck> {
    let check: PrinterCheck;
    try {
      const printer = await this.#connect();
      const status = await printer.status();
      check = { reachable: true, status, report: reportFor(status) };
    } catch (error) {
      // Any failure on the channel means the next check starts from a fresh connection.
      await this.#disconnect();
      // The technician needs the channel's own words (address, errno), not the citizen sentence.
      const detail =
        error instanceof KioskError
          ? (error.detail ?? error.message)
          : error instanceof Error
            ? error.message
            : String(error);
      check = {
        reachable: false,
        report: { health: 'error', code: 'disconnected', detail: detail.slice(0, 300) },
      };
    }
    this.#supervisor.report('printer', check.report);
    return check;
  }

  async #connect(): Promise<Printer> {
    if (this.#printer) return this.#printer;
    const { connection } = this.#config;
    const transport =
      connection.transport === 'tcp'
        ? await openTcpTransport({ host: connection.host, port: connection.port })
        : connection.transport === 'serial'
          ? await openSerialTransport({ path: connection.path, baudRate: connection.baudRate })
          : await openUsbLpTransport({ path: connection.devicePath });
    this.#transport = transport;
    this.#printer = new Printer(transport, {
      paperWidthMm: this.#config.paperWidthMm,
      codePage: codePageOf(this.#config),
    });
    return this.#printer;
  }

  async #disconnect(): Promise<void> {
    const transport = this.#transport;
    this.#transport = null;
    this.#printer = null;
    await transport?.close().catch(() => undefined);
  }
}

/** The code page of the configuration: the table's bytes by name, its ESC t number as set for the model. */
export function codePageOf(config: PrinterConfig): CodePage {
  return { ...CODE_PAGES[config.codePage.name], escPosNumber: config.codePage.escPosTable };
}

/** The supervisor's view of a printer status: the state a technician must act on first. */
export function reportFor(status: PrinterStatus): DeviceReport {
  const verdict = readiness(status);
  if (verdict.ready) {
    return verdict.warnings.includes('printer.paper_near_end')
      ? { health: 'warning', code: 'paper_near_end', detail: verdict.technician.join(' ') }
      : { health: 'ok', code: 'ready' };
  }
  const code =
    verdict.reason === 'printer.paper_out'
      ? 'paper_out'
      : verdict.reason === 'printer.cover_open'
        ? 'cover_open'
        : verdict.reason === 'printer.cutter_error'
          ? 'cutter_error'
          : 'fault';
  return { health: 'error', code, detail: verdict.technician };
}
