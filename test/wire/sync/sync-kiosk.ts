/**
 * A kiosk as the sync wire tests need it: its own store in a scratch folder, a sync client on it with
 * short back-off, a supervisor that records what the client reports; `restart()` closes both and opens
 * new ones on the same folder (a kiosk rebooting), `dispose()` removes it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { type KioskStore, openKioskStore } from '../../../core/store/index.ts';
import { type CentralEndpoint, SyncClient, type SyncClientOptions } from '../../../core/sync/index.ts';
import { RecordingSupervisor } from '../../../core/sync/test-support.ts';

export interface SyncKiosk {
  readonly dir: string;
  readonly supervisor: RecordingSupervisor;
  store: KioskStore;
  client: SyncClient;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function openSyncKiosk(
  endpoint: CentralEndpoint,
  options: Partial<SyncClientOptions> = {},
  onOpen: (store: KioskStore) => void = () => undefined,
): SyncKiosk {
  const dir = mkdtempSync(path.join(tmpdir(), 'cajero-sync-kiosk-'));
  const supervisor = new RecordingSupervisor();
  const make = (store: KioskStore) =>
    new SyncClient({
      endpoint,
      store,
      supervisor,
      logger: pino({ level: 'silent' }),
      softwareVersion: '0.0.0-test',
      intervalMs: 60_000,
      backoff: { baseMs: 40, maxMs: 160 },
      ...options,
    });
  const open = () => {
    const store = openKioskStore({ dataDir: dir });
    onOpen(store);
    return store;
  };
  const store = open();
  const k: SyncKiosk = {
    dir,
    supervisor,
    store,
    client: make(store),
    async restart() {
      await k.client.stop();
      k.store.close();
      k.store = open();
      k.client = make(k.store);
    },
    async dispose() {
      await k.client.stop();
      k.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return k;
}
