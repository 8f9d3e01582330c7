/**
 * The sync client as the running core builds it from its configuration: the endpoint of the embedded
 * or remote central, the kiosk store in the data folder (opened at start, closed at stop), the device
 * supervisor, the software version for the heartbeat, the municipality central's configuration must be for.
 */
import { type LoadedKioskConfig, resolveConfigPath } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import { openKioskStore } from '../store/index.ts';
import { SOFTWARE_VERSION } from '../version.ts';
import { centralEndpoint } from './endpoint.ts';
import { SyncClient, type SyncSupervisor } from './sync-client.ts';

export interface KioskSyncOptions {
  readonly loaded: LoadedKioskConfig;
  readonly supervisor: SyncSupervisor;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly onRefundRequired?: (eventIds: readonly string[]) => void;
}

export function createKioskSyncClient(options: KioskSyncOptions): SyncClient {
  const dataDir = resolveConfigPath(options.loaded, options.loaded.config.dataDir);
  return new SyncClient({
    endpoint: centralEndpoint(options.loaded, dataDir),
    store: () => openKioskStore({ dataDir, ...(options.now ? { now: options.now } : {}) }),
    supervisor: options.supervisor,
    logger: options.logger,
    softwareVersion: SOFTWARE_VERSION,
    municipalityIne: options.loaded.config.municipality.ineCode,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onRefundRequired ? { onRefundRequired: options.onRefundRequired } : {}),
  });
}
