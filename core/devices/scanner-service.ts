/**
 * The kiosk's recibo scanner as core sees it: opened from the configuration, its state reported to the
 * device supervisor, opened again when it comes back, and each scan handed to whoever listens (the
 * recibo flow). The scanned text is never logged: a referencia can point to a person's recibo.
 */
import {
  type BarcodeScanner,
  openHidScanner,
  openSerialScanner,
  type ScannerState,
} from '../../drivers/scanner/index.ts';
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import type { DeviceReport, DeviceSupervisor } from './supervisor.ts';

type ScannerConfig = KioskConfig['devices']['scanner'];
export type ScanListener = (text: string, symbology: string | undefined) => void;

export interface ScannerServiceOptions {
  readonly config: ScannerConfig;
  readonly supervisor: DeviceSupervisor;
  readonly logger: Logger;
  readonly reopenIntervalMs?: number;
}

export class ScannerService {
  readonly #config: ScannerConfig;
  readonly #supervisor: DeviceSupervisor;
  readonly #logger: Logger;
  readonly #reopenIntervalMs: number;
  readonly #listeners = new Set<ScanListener>();
  #scanner: BarcodeScanner | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #opening: Promise<void> | null = null;
  #stopped = false;

  constructor(options: ScannerServiceOptions) {
    this.#config = options.config;
    this.#supervisor = options.supervisor;
    this.#logger = options.logger;
    this.#reopenIntervalMs = options.reopenIntervalMs ?? 5000;
  }

  start(): void {
    if (this.#config.type === 'none') {
      this.#supervisor.report('scanner', { health: 'ok', code: 'not_configured' });
      return;
    }
    this.#supervisor.report('scanner', { health: 'unknown', code: 'starting' });
    void this.open();
    this.#timer = setInterval(() => {
      if (this.#scanner === null) void this.open();
    }, this.#reopenIntervalMs);
    this.#timer.unref();
  }

  onScan(listener: ScanListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the scanner if it is not open; concurrent callers share one attempt. */
  open(): Promise<void> {
    this.#opening ??= this.#openNow().finally(() => {
      this.#opening = null;
    });
    return this.#opening;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#opening;
    const scanner = this.#scanner;
    this.#scanner = null;
    await scanner?.close();
  }

  async #openNow(): Promise<void> {
    if (this.#scanner !== null || this.#stopped) return;
    let scanner: BarcodeScanner;
    try {
      scanner = await this.#openDevice();
    } catch (error) {
      this.#report({ health: 'error', code: 'disconnected', detail: detailOf(error) });
      return;
    }
    if (this.#stopped) {
      await scanner.close();
      return;
    }
    this.#scanner = scanner;
    scanner.on('scan', (text, symbology) => {
      this.#logger.info({ length: text.length, symbology: symbology ?? null }, 'barcode scanned');
      for (const listener of this.#listeners) listener(text, symbology);
    });
    scanner.on('error', (error) =>
      this.#logger.warn({ error: error.code, detail: error.detail }, 'scanner error'),
    );
    scanner.on('state', (state) => this.#onState(scanner, state));
    this.#report({ health: 'ok', code: 'ready', detail: scanner.mode });
  }

  #onState(scanner: BarcodeScanner, state: ScannerState): void {
    if (state === 'ready') {
      this.#report({ health: 'ok', code: 'ready', detail: scanner.mode });
      return;
    }
    if (this.#scanner === scanner) this.#scanner = null;
    if (state === 'disconnected') {
      this.#report({
        health: 'error',
        code: 'disconnected',
        detail: `${scanner.mode}: el lector ha desaparecido`,
      });
      void scanner.close();
    }
  }

  async #openDevice(): Promise<BarcodeScanner> {
    const config = this.#config;
    switch (config.type) {
      case 'serial':
        return openSerialScanner({ path: config.path, baudRate: config.baudRate });
      case 'hid-pos':
      case 'keyboard-wedge':
        return config.type === 'hid-pos'
          ? openHidScanner({ vendorId: config.vendorId, productId: config.productId }, { mode: 'hid-pos' })
          : openHidScanner(
              { vendorId: config.vendorId, productId: config.productId },
              { mode: 'keyboard-wedge' },
            );
      case 'none':
        throw new Error('no scanner configured');
    }
  }

  #report(report: DeviceReport): void {
    if (!this.#stopped) this.#supervisor.report('scanner', report);
  }
}

function detailOf(error: unknown): string {
  const text =
    error instanceof KioskError
      ? (error.detail ?? error.message)
      : error instanceof Error
        ? error.message
        : String(error);
  return text.slice(0, 300);
}
