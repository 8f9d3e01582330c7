/**
 * The kiosk's core, independent of how it is shown (Electron or browser mode): configuration, device
 * supervisor, the KioskApi handlers and the events the screen receives.
 */
import type { LoadedKioskConfig } from '../kiosk-config/index.ts';
import { KIOSK_API_VERSION, type KioskInfo } from './api/contract.ts';
import { createDispatcher, type Dispatcher, type KioskApiHandlers } from './api/dispatcher.ts';
import { KioskEventHub } from './api/events.ts';
import { DeviceSupervisor } from './devices/supervisor.ts';
import type { Logger } from './log/logger.ts';
import { SOFTWARE_VERSION } from './version.ts';

export interface KioskCoreOptions {
  readonly loaded: LoadedKioskConfig;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export class KioskCore {
  readonly loaded: LoadedKioskConfig;
  readonly devices: DeviceSupervisor;
  readonly events = new KioskEventHub();
  readonly dispatch: Dispatcher;
  readonly startedAt: Date;
  readonly #logger: Logger;

  constructor(options: KioskCoreOptions) {
    const now = options.now ?? (() => new Date());
    this.loaded = options.loaded;
    this.#logger = options.logger;
    this.startedAt = now();
    // Until a device's driver reports, its state says exactly that: this build has no driver for it.
    const pending = { health: 'unknown', code: 'driver_pending' } as const;
    this.devices = new DeviceSupervisor(now, {
      cardReader: pending,
      printer: pending,
      paymentTerminal: pending,
      scanner:
        options.loaded.config.devices.scanner.type === 'none'
          ? { health: 'ok', code: 'not_configured' }
          : pending,
      central: pending,
    });
    this.devices.subscribe((devices) => {
      this.events.emit('devices.changed', { devices });
      this.#logger.info({ devices: devices.map((d) => `${d.device}:${d.code}`) }, 'device states changed');
    });
    this.dispatch = createDispatcher(this.#handlers(), this.#logger.child({ component: 'kiosk-api' }));
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

  #handlers(): KioskApiHandlers {
    return {
      'kiosk.hello': ({ apiVersion }) => {
        if (apiVersion !== KIOSK_API_VERSION) {
          this.#logger.warn({ screenApiVersion: apiVersion }, 'screen speaks another KioskApi version');
        }
        return this.info();
      },
      'devices.list': () => ({ devices: this.devices.list() }),
    };
  }
}
