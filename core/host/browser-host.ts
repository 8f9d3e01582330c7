/**
 * Browser mode: a Node process hosts the core, serves the built screen on loopback and carries the
 * KioskApi over a WebSocket; the technician's control socket opens beside it. Used by `./cajero start`,
 * demos and end-to-end tests on machines without the Electron binary.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type LoadedKioskConfig, resolveConfigPath } from '../../kiosk-config/index.ts';
import type { DeviceKind } from '../api/contract.ts';
import { KIOSK_API_PATH, attachWebSocketTransport } from '../api/ws-server.ts';
import { controlSocketPath } from '../control/control-protocol.ts';
import { startControlServer } from '../control/control-server.ts';
import { KioskCore, type KioskCoreOptions } from '../kiosk-core.ts';
import type { Logger } from '../log/logger.ts';
import { securityHeaders } from './csp.ts';
import { ensureWritableDataDir } from './data-dir.ts';
import { HostStartError } from './host-errors.ts';
import {
  type CompanionPlan,
  planDnieSimulator,
  planEmbeddedCentral,
  planSimulators,
  startCompanions,
} from './companion-processes.ts';
import { staticFilesHandler } from './static-files.ts';

export const RENDERER_DIST = path.join(import.meta.dirname, '..', '..', 'renderer', 'dist');

export interface BrowserHostOptions {
  readonly loaded: LoadedKioskConfig;
  readonly logger: Logger;
  /** Overrides the configured port; 0 picks a free one (tests). */
  readonly port?: number;
  readonly rendererDir?: string;
  readonly now?: () => Date;
  /** Start the companion processes: simulated devices and embedded central, as configured (default true). */
  readonly companions?: boolean;
  /** The devices core talks to (default all); tests leave out what they do not exercise. */
  readonly devices?: readonly DeviceKind[];
  /** Replaces the DNIe identification against the card (screen tests without pcscd). */
  readonly identify?: KioskCoreOptions['identify'];
}

export interface BrowserHost {
  readonly core: KioskCore;
  /** The screen's address, e.g. http://127.0.0.1:8080/ */
  readonly url: string;
  readonly dataDir: string;
  readonly controlSocket: string;
  readonly companions: readonly CompanionPlan[];
  /**
   * Settles when the companions the kiosk does not wait for (the embedded central) are ready; rejects
   * when one failed. The kiosk runs (offline) either way.
   */
  readonly companionsReady: Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { loaded, logger } = options;
  const { host } = loaded.config.browserMode;
  const wantedPort = options.port ?? loaded.config.browserMode.port;
  const dataDir = resolveConfigPath(loaded, loaded.config.dataDir);
  await ensureWritableDataDir(dataDir);

  const core = new KioskCore({
    loaded,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.identify ? { identify: options.identify } : {}),
  });
  let port = wantedPort;
  const authority = () => `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const origins = () => [
    `http://${authority()}`,
    ...(host === '127.0.0.1' ? [`http://localhost:${port}`] : []),
  ];
  const apiOrigin = () => `ws://${authority()}`;

  const server: Server = createServer(
    staticFilesHandler({
      root: options.rendererDir ?? RENDERER_DIST,
      allowedHosts: () => origins().map((o) => o.replace('http://', '')),
      headers: () => securityHeaders(apiOrigin()),
    }),
  );
  await listen(server, host, wantedPort);
  port = (server.address() as AddressInfo).port;
  const url = `http://${authority()}/`;
  // Everything started from here on is stopped again, in reverse order, if a later step fails.
  const started: Array<() => Promise<void>> = [() => new Promise((resolve) => server.close(() => resolve()))];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };

  try {
    // Attached once listening: ws re-emits the server's errors, and a port already taken must reach
    // the person as HostStartError, not as an unhandled event.
    const ws = attachWebSocketTransport({
      server,
      dispatch: core.dispatch,
      events: core.events,
      logger: logger.child({ module: 'ws' }),
      allowedOrigins: origins,
      onScreens: (count) => core.screens.screens(count),
    });
    started.push(async () => {
      await ws.close();
      server.closeAllConnections();
    });

    const socket = controlSocketPath(dataDir);
    const control = await startControlServer({
      socketPath: socket,
      core,
      logger: logger.child({ module: 'control' }),
      screenUrl: () => url,
    });
    started.push(() => control.close());

    const central = options.companions === false ? null : planEmbeddedCentral(loaded.config, dataDir);
    const dnie = options.companions === false ? null : planDnieSimulator(loaded.config, dataDir);
    const plans = [
      ...(options.companions === false ? [] : planSimulators(loaded.config, dataDir)),
      ...(dnie ? [dnie] : []),
      ...(central ? [central] : []),
    ];
    const companions = await startCompanions(plans, logger.child({ module: 'companions' }));
    started.push(() => companions.stop());

    core.start(options.devices);
    started.push(() => core.stop());
    // Central up later than the kiosk: sync at once rather than at the next back-off step.
    const companionsReady = companions.background.then(() => {
      if (central !== null) core.centralStarted();
    });
    companionsReady.catch(() => undefined);
    logger.info({ url, api: KIOSK_API_PATH, controlSocket: socket }, 'browser mode ready');
    return { core, url, dataDir, controlSocket: socket, companions: plans, companionsReady, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new HostStartError(
            'host.port_in_use',
            `El puerto ${host}:${port} ya está en uso (¿hay otro cajero arrancado?): pare ese proceso o elija otro puerto con --port.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new HostStartError(
            'host.port_denied',
            `No hay permiso para escuchar en ${host}:${port}: use un puerto por encima de 1024.`,
          ),
        );
      } else {
        reject(
          new HostStartError(
            'host.listen_failed',
            `No se puede escuchar en ${host}:${port} (${error.code ?? error.message}).`,
          ),
        );
      }
    });
    server.listen(port, host, () => resolve());
  });
}
