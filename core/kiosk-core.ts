/**
 * The kiosk's core, independent of how it is shown (Electron or browser mode): configuration, device
 * supervisor, the KioskApi handlers and the events the screen receives.
 */
import { type LoadedKioskConfig, resolveConfigPath } from '../kiosk-config/index.ts';
import { type DeviceKind, KIOSK_API_VERSION, type KioskInfo } from './api/contract.ts';
import { createDispatcher, type Dispatcher, type KioskApiHandlers } from './api/dispatcher.ts';
import { KioskEventHub } from './api/events.ts';
import { printerTestPage } from '../drivers/printer/index.ts';
import type { PrintOutcome } from './control/control-protocol.ts';
import { CardReaderService } from './devices/card-reader-service.ts';
import { PaymentTerminalService } from './devices/payment-terminal-service.ts';
import { codePageOf, PrinterService } from './devices/printer-service.ts';
import { ScannerService } from './devices/scanner-service.ts';
import { DeviceSupervisor } from './devices/supervisor.ts';
import { createDnieIdentifier, IdentificationService, type IdentifyCard } from './identification/index.ts';
import { randomBytes } from 'node:crypto';
import {
  centralEndpoint,
  createKioskSyncClient,
  openCentralConnection,
  type SyncClient,
} from './sync/index.ts';
import { type CitizenAccess, CitizenAccessClient } from './citizen-access/index.ts';
import { CitizenSession, ScreenPresence, type SessionAudit, volantePrintDocument } from './session/index.ts';
import { type AuditLog, createAuditLog } from './audit/index.ts';
import type { Logger } from './log/logger.ts';
import { SOFTWARE_VERSION } from './version.ts';
import { PaymentLedger } from './payments/index.ts';
import { ReciboPaymentService } from './recibo-payment/index.ts';
import { type KioskStore, openKioskStore } from './store/index.ts';

export interface KioskCoreOptions {
  readonly loaded: LoadedKioskConfig;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Replaces the DNIe identification against the card (tests of the screen, without pcscd). */
  readonly identify?: IdentifyCard;
  /** Replaces the client of central's citizen routes (tests of the session's wiring). */
  readonly citizenAccess?: CitizenAccess;
  /** The audit chain's entry point for the citizen's session (core/audit, wired by the host). */
  readonly audit?: SessionAudit;
}

const ALL_DEVICES: readonly DeviceKind[] = ['cardReader', 'printer', 'paymentTerminal', 'scanner', 'central'];

export class KioskCore {
  readonly loaded: LoadedKioskConfig;
  readonly devices: DeviceSupervisor;
  readonly events = new KioskEventHub();
  readonly dispatch: Dispatcher;
  readonly printer: PrinterService;
  readonly paymentTerminal: PaymentTerminalService;
  readonly scanner: ScannerService;
  readonly cardReader: CardReaderService;
  /** The citizen's DNIe identification session (core/identification). */
  readonly identification: IdentificationService;
  /** The sync client to central: outbox, paid-recibo list, heartbeat (core/sync). */
  readonly sync: SyncClient;
  /** The citizen's session (core/session): steps, volante through central, pending recibos. */
  readonly session: CitizenSession;
  /** Ends the session when its screen is gone for longer than the screen's own idle timeout. */
  readonly screens: ScreenPresence;
  /** Recibo payments (core/recibo-payment): built at `start`, when the payment ledger is opened. */
  recibos: ReciboPaymentService | null = null;
  /** The audit chain (core/audit): opened with the kiosk store at `start`. */
  audit: AuditLog | null = null;
  #store: KioskStore | null = null;
  #started: readonly DeviceKind[] = [];
  readonly startedAt: Date;
  readonly #logger: Logger;
  readonly #now: () => Date;

  constructor(options: KioskCoreOptions) {
    const now = options.now ?? (() => new Date());
    this.#now = now;
    this.loaded = options.loaded;
    this.#logger = options.logger;
    this.startedAt = now();
    // Central has no client in this build yet: its state says exactly that. The devices start in
    // `starting` until their service reports.
    const starting = { health: 'unknown', code: 'starting' } as const;
    this.devices = new DeviceSupervisor(now, {
      cardReader: starting,
      printer: starting,
      paymentTerminal: starting,
      scanner: starting,
      central: { health: 'unknown', code: 'driver_pending' },
    });
    this.devices.subscribe((devices) => {
      this.events.emit('devices.changed', { devices });
      this.#logger.info({ devices: devices.map((d) => `${d.device}:${d.code}`) }, 'device states changed');
    });
    this.dispatch = createDispatcher(this.#handlers(), this.#logger.child({ module: 'kiosk-api' }));
    this.printer = new PrinterService({
      config: options.loaded.config.devices.printer,
      supervisor: this.devices,
      logger: this.#logger.child({ module: 'printer' }),
    });
    this.paymentTerminal = new PaymentTerminalService({
      config: options.loaded.config.devices.paymentTerminal,
      supervisor: this.devices,
      logger: this.#logger.child({ module: 'payment-terminal' }),
    });
    this.cardReader = new CardReaderService({
      config: options.loaded.config.devices.cardReader,
      supervisor: this.devices,
      logger: this.#logger.child({ module: 'card-reader' }),
    });
    this.cardReader.onCard((card) => this.events.emit('card.changed', card));
    const readerConfig = options.loaded.config.devices.cardReader;
    this.identification = new IdentificationService({
      identify:
        options.identify ??
        createDnieIdentifier({
          monitor: this.cardReader.monitor,
          terminalConfigFile: readerConfig.terminalConfigFile,
          trustAnchorsDir: readerConfig.trustAnchorsDir,
          logger: this.#logger.child({ module: 'identification' }),
          now,
        }),
      random: (length) => new Uint8Array(randomBytes(length)),
      logger: this.#logger.child({ module: 'identification' }),
    });
    this.cardReader.onCard((card) => this.identification.cardChanged(card));
    this.identification.onChange((state) => this.events.emit('identification.changed', state));
    this.scanner = new ScannerService({
      config: options.loaded.config.devices.scanner,
      supervisor: this.devices,
      logger: this.#logger.child({ module: 'scanner' }),
    });
    this.sync = createKioskSyncClient({
      loaded: options.loaded,
      supervisor: this.devices,
      logger: this.#logger.child({ module: 'sync' }),
      now,
      onRefundRequired: (eventIds) => this.#audit(() => this.audit?.recordRefundRequired(eventIds)),
    });
    this.session = this.#createSession(options);
    // The identification sees the card first: a card pulled wipes it before the session ends.
    this.cardReader.onCard((card) => this.session.cardChanged(card));
    this.session.onChange((state) => this.events.emit('session.changed', state));
    const { screen } = options.loaded.config;
    this.screens = new ScreenPresence({
      graceMs: (screen.idleTimeoutSeconds + screen.timeoutWarningSeconds) * 1000,
      sessionActive: () => this.session.state().step !== 'idle',
      endSession: () => {
        this.#logger.warn('no screen for the whole idle timeout: the session is ended and wiped');
        this.session.end('timeout');
      },
    });
  }

  #createSession(options: KioskCoreOptions): CitizenSession {
    const { config } = this.loaded;
    const dataDir = resolveConfigPath(this.loaded, config.dataDir);
    const citizenAccess =
      options.citizenAccess ??
      new CitizenAccessClient({
        connect: () => {
          // Read each time, as sync does: an embedded central may enrol the kiosk after core started.
          const endpoint = centralEndpoint(this.loaded, dataDir);
          if (typeof endpoint === 'string') throw new Error(endpoint);
          return openCentralConnection(endpoint);
        },
      });
    const printContext = {
      municipalityName: config.municipality.name,
      kioskId: config.kioskId,
      timeZone: config.municipality.timeZone,
    };
    return new CitizenSession({
      identification: this.identification,
      citizenAccess,
      isCentralReachable: () => this.sync.isCentralReachable(),
      printerUsable: () => this.devices.list().find((d) => d.device === 'printer')?.health !== 'error',
      printVolante: async (issued, validezMeses) =>
        (
          await this.printer.print(
            // Read at each print: central's notice for a document without texts (an older central).
            volantePrintDocument(issued, validezMeses, {
              ...printContext,
              avisoPrivacidad: this.sync.centralConfig()?.textos.avisoPrivacidad ?? null,
            }),
          )
        ).delivered,
      checkRecibo: (barcode) =>
        this.recibos?.check({ barcode }) ?? { ok: false, reason: 'cajero_ocupado', field: null },
      cardPresent: () => this.cardReader.card().present,
      timeZone: config.municipality.timeZone,
      goodbyeMs: config.screen.goodbyeSeconds * 1000,
      oficinaAtencion: () => this.sync.centralConfig()?.textos.oficinaAtencion ?? null,
      logger: this.#logger.child({ module: 'session' }),
      // Entries before the store is open (a session before `start`) have nowhere to go: none happen.
      audit: options.audit ?? ((kind, data) => this.#audit(() => this.audit?.record(kind, data))),
    });
  }

  /** Starts talking to the devices: call once their channels exist (simulators started). */
  start(devices: readonly DeviceKind[] = ALL_DEVICES): void {
    this.#started = devices;
    if (devices.includes('paymentTerminal')) this.#startRecibos();
    for (const device of devices) this.#service(device)?.start();
  }

  /** An embedded central came up after the kiosk: sync now rather than at the next back-off step. */
  centralStarted(): void {
    if (!this.#started.includes('central')) return;
    this.sync.syncNow().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.screens.stop();
    await this.recibos?.stop();
    await Promise.all(this.#started.map((device) => this.#service(device)?.stop()));
    // A central that comes up after this (background start) finds nothing to sync.
    this.#started = [];
    this.paymentTerminal.setStatusJournal(undefined);
    this.audit?.append('kiosk.stopped', {});
    this.audit = null;
    this.#store?.close();
    this.#store = null;
  }

  /** The payment ledger in `<dataDir>/kiosk.sqlite` and the service that pays recibos through it. */
  #startRecibos(): void {
    const { config } = this.loaded;
    const dataDir = resolveConfigPath(this.loaded, config.dataDir);
    this.#store = openKioskStore({ dataDir, now: this.#now });
    this.audit = createAuditLog(this.#store, { kioskId: config.kioskId, now: this.#now });
    this.audit.append('kiosk.started', { softwareVersion: SOFTWARE_VERSION });
    const logger = this.#logger.child({ module: 'recibo-payment' });
    const recibos = new ReciboPaymentService({
      ledger: new PaymentLedger(this.#store),
      terminal: this.paymentTerminal.terminal,
      exclusive: (what, task) => this.paymentTerminal.run(what, task),
      printer: this.printer,
      justificante: {
        municipality: { name: config.municipality.name },
        kioskId: config.kioskId,
        timeZone: config.municipality.timeZone,
        verificationUrl: config.municipality.verificationUrl,
      },
      emisoras: config.municipality.emisoras,
      offline: config.offline,
      isCentralReachable: () => this.sync.isCentralReachable(),
      paidElsewhere: (p) => this.sync.paidElsewhere(p),
      syncNow: () => {
        this.sync
          .syncNow()
          .catch((error: unknown) => logger.warn({ error: String(error) }, 'sync after payment'));
      },
      now: this.#now,
      newId: () => `P${randomBytes(8).toString('hex').toUpperCase()}`,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      onProgress: (progress) => this.events.emit('recibo.progress', progress),
      onRecovery: (entries) => logger.info({ entries }, 'payment recovery'),
      onError: (what, error) => logger.error({ what, error: String(error) }, 'recibo payment failed'),
      onSettled: () => this.#recordPayments(),
    });
    this.paymentTerminal.setStatusJournal((info) => recibos.journalStatusInformation(info));
    // The scanned text is never logged: a referencia can point to a person's recibo.
    this.scanner.onScan((text) => this.events.emit('recibo.scanned', recibos.check({ barcode: text })));
    this.recibos = recibos;
    recibos.start();
    this.#recordPayments();
  }

  /** The ledger's new outcomes into the audit chain; a failure is logged, never the payment's. */
  #recordPayments(): void {
    this.#audit(() => this.audit?.recordPayments());
  }

  /** Writes to the audit chain; a failure there is logged and never breaks the citizen's flow. */
  #audit(write: () => unknown): void {
    try {
      write();
    } catch (error) {
      this.#logger.error(
        { errorCode: (error as { code?: string }).code ?? 'unknown' },
        'audit entry not written',
      );
    }
  }

  /** The technician's test page, with the municipality's real verification page and a sample CSV. */
  async printTestPage(): Promise<PrintOutcome> {
    const { config } = this.loaded;
    const result = await this.printer.print(
      printerTestPage({
        municipality: { name: config.municipality.name },
        kioskId: config.kioskId,
        issuedAt: this.#now(),
        timeZone: config.municipality.timeZone,
        paperWidthMm: config.devices.printer.paperWidthMm,
        codePage: codePageOf(config.devices.printer),
        verification: { csv: 'PRUEBA-IMPRESORA', verificationUrl: config.municipality.verificationUrl },
      }),
    );
    return result.delivered
      ? { delivered: true, warnings: [...result.warnings] }
      : { delivered: false, bytesSent: result.bytesSent, error: result.error.toJSON() };
  }

  info(): KioskInfo {
    const { config } = this.loaded;
    const info: KioskInfo = {
      apiVersion: KIOSK_API_VERSION,
      softwareVersion: SOFTWARE_VERSION,
      kioskId: config.kioskId,
      name: config.name,
      municipality: { name: config.municipality.name },
      languages: { default: config.languages.default, available: [...config.languages.available] },
      accessibility: {
        highContrast: config.accessibility.highContrast,
        largeText: config.accessibility.largeText,
        speech: { ...config.accessibility.speech },
      },
      screen: { ...config.screen },
    };
    if (config.location !== undefined) info.location = config.location;
    if (config.municipality.hostedBy !== undefined) info.municipality.hostedBy = config.municipality.hostedBy;
    return info;
  }

  #service(device: DeviceKind): { start(): void; stop(): Promise<void> } | null {
    switch (device) {
      case 'cardReader':
        return this.cardReader;
      case 'printer':
        return this.printer;
      case 'paymentTerminal':
        return this.paymentTerminal;
      case 'scanner':
        return this.scanner;
      case 'central':
        return this.sync;
    }
  }

  #handlers(): KioskApiHandlers {
    return {
      'kiosk.hello': ({ apiVersion }) => {
        if (apiVersion !== KIOSK_API_VERSION) {
          this.#logger.warn({ screenApiVersion: apiVersion }, 'screen speaks another KioskApi version');
        }
        return this.info();
      },
      'devices.list': () => ({ devices: this.devices.list() }),
      'card.get': () => this.cardReader.card(),
      'identification.get': () => this.identification.state(),
      'identification.submitPin': ({ pin }) => this.identification.submitPin(pin),
      'identification.cancel': () => this.identification.cancel(),
      'recibo.check': (params) =>
        this.recibos?.check(params) ?? { ok: false, reason: 'cajero_ocupado', field: null },
      'recibo.pay': ({ ticket }) =>
        this.recibos?.pay(ticket) ?? { outcome: 'refused', ticket, reason: 'cajero_ocupado' },
      'session.get': () => this.session.state(),
      'session.start': ({ language }) => this.session.start(language),
      'session.setLanguage': ({ language }) => this.session.setLanguage(language),
      'session.chooseService': ({ service }) => this.session.chooseService(service),
      'session.chooseVolanteKind': ({ kind }) => this.session.chooseVolanteKind(kind),
      'session.confirmVolante': () => this.session.confirmVolante(),
      'session.back': () => this.session.back(),
      'session.end': ({ reason }) => this.session.end(reason),
    };
  }
}
