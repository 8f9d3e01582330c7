import { chmod, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { resolveConfigPath } from '../../kiosk-config/index.ts';
import { KIOSK_API_VERSION } from '../api/contract.ts';
import { type AuditLog, createAuditLog } from '../audit/index.ts';
import { HostStartError } from '../host/host-errors.ts';
import type { KioskCore } from '../kiosk-core.ts';
import type { Logger } from '../log/logger.ts';
import { type KioskStore, openKioskStore } from '../store/index.ts';
import { SOFTWARE_VERSION } from '../version.ts';
import type { ControlStatus } from './control-protocol.ts';
import { auditRoutes, recordTechnician, TECHNICIAN_ROUTES } from './technician-audit.ts';

export interface ControlServerOptions {
  readonly socketPath: string;
  readonly core: KioskCore;
  readonly logger: Logger;
  readonly screenUrl: () => string | null;
  readonly now?: () => Date;
  /**
   * The core's audit chain. Without it the server opens its own connection to the kiosk store on
   * first use (one chain whatever the connection: appends are serialised by the store).
   */
  readonly audit?: AuditLog;
}

export async function startControlServer(options: ControlServerOptions): Promise<{ close(): Promise<void> }> {
  const { socketPath, core, logger } = options;
  const now = options.now ?? (() => new Date());
  await clearStaleSocket(socketPath);

  const status = (): ControlStatus => ({
    softwareVersion: SOFTWARE_VERSION,
    apiVersion: KIOSK_API_VERSION,
    kioskId: core.loaded.config.kioskId,
    name: core.loaded.config.name,
    municipality: core.loaded.config.municipality.name,
    configFile: core.loaded.file,
    pid: process.pid,
    startedAt: core.startedAt.toISOString(),
    uptimeSeconds: Math.round((now().getTime() - core.startedAt.getTime()) / 1000),
    screenUrl: options.screenUrl(),
    devices: core.devices.list(),
  });

  let ownStore: KioskStore | undefined;
  let ownAudit: AuditLog | undefined;
  const audit = (): AuditLog => {
    if (options.audit !== undefined) return options.audit;
    if (ownAudit === undefined) {
      const { config } = core.loaded;
      ownStore = openKioskStore({ dataDir: resolveConfigPath(core.loaded, config.dataDir), now });
      ownAudit = createAuditLog(ownStore, { kioskId: config.kioskId, now });
    }
    return ownAudit;
  };

  const actions: Record<string, (query: URLSearchParams) => unknown> = {
    'GET /v1/status': status,
    'GET /v1/printer/status': () => core.printer.check(),
    'POST /v1/printer/test-page': () => core.printTestPage(),
    'GET /v1/terminal/status': () => core.paymentTerminal.check(),
    'POST /v1/terminal/pay': (query) =>
      core.paymentTerminal.testPayment(testAmount(query.get('amountCents'))),
    'GET /v1/terminal/last': () => core.paymentTerminal.lastTransaction(),
    'POST /v1/terminal/end-of-day': () => core.paymentTerminal.endOfDay(),
    'POST /v1/terminal/diagnosis': () => core.paymentTerminal.diagnose(),
    'GET /v1/sync/status': () => core.sync.status(),
    'POST /v1/sync/now': async () => ({ round: await core.sync.syncNow(), status: core.sync.status() }),
    ...auditRoutes(audit, (message) => new ControlRequestError(message)),
  };
  // What changes something enters the audit chain with its outcome.
  const routes = Object.fromEntries(
    Object.entries(actions).map(([key, route]) => {
      const kind = TECHNICIAN_ROUTES[key];
      if (kind === undefined) return [key, route];
      return [
        key,
        (query: URLSearchParams) => {
          const cents = Number(query.get('amountCents'));
          const extra =
            kind === 'technician.terminal_test_payment' &&
            Number.isSafeInteger(cents) &&
            cents > 0 &&
            cents <= 100_000
              ? { amountCents: cents }
              : {};
          return recordTechnician(audit, kind, extra, () => route(query), logger);
        },
      ];
    }),
  );

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://kioskctl');
    const route = routes[`${req.method} ${url.pathname}`];
    const answer = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
      logger.info({ method: req.method, path: url.pathname, status: code }, 'kioskctl request');
    };
    if (!route) return answer(404, { error: 'ruta desconocida' });
    Promise.resolve(url.searchParams)
      .then(route)
      .then(
        (body) => answer(200, body),
        (error: unknown) => {
          if (error instanceof ControlRequestError) return answer(400, { error: error.message });
          logger.error({ err: error, path: url.pathname }, 'kioskctl request failed');
          answer(500, { error: error instanceof Error ? error.message : String(error) });
        },
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new HostStartError(
      'host.control_socket',
      `No se puede abrir el canal del técnico en ${socketPath} (${error.code ?? error.message}): compruebe los permisos de la carpeta de datos.`,
    );
  });
  await chmod(socketPath, 0o600);

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          ownStore?.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

// A socket file left by a core that died is removed; one a live core answers on means two cores
// would share one data folder, which the ledger cannot allow.
async function clearStaleSocket(socketPath: string): Promise<void> {
  const alive = await new Promise<boolean>((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (alive) {
    throw new HostStartError(
      'host.already_running',
      `Ya hay un cajero en marcha con esta carpeta de datos (${socketPath}): párelo antes o use otra configuración.`,
    );
  }
  await unlink(socketPath).catch(() => undefined);
}

class ControlRequestError extends Error {}

/** A technician's test payment: whole cents, at least 1 cent, at most 1.000 €. */
function testAmount(value: string | null): number {
  const cents = Number(value);
  if (value === null || !/^\d+$/.test(value) || cents < 1 || cents > 100_000) {
    throw new ControlRequestError('el importe de prueba va en céntimos, de 1 a 100000');
  }
  return cents;
}
