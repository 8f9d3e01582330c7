/**
 * The kiosk's sync client to central (issue 9 §4): outbox → central, paid-recibo deltas, central's
 * configuration for the kiosk, heartbeat.
 */
export { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
export { type CentralConnection, openCentralConnection } from './central-http.ts';
export {
  type CentralConfig,
  type CentralConfigParse,
  centralConfigSchema,
  parseCentralConfig,
} from './central-config.ts';
export type {
  HeartbeatBody,
  HeartbeatDevice,
  IngestAnswer,
  PaidRecibosAnswer,
  PaidReciboWire,
  ReciboPagado,
  WireEvent,
} from './contract.ts';
export { MAX_BATCH_EVENTS, RECIBO_PAGADO, WIRE_PATTERNS } from './contract.ts';
export { type CentralEndpoint, centralEndpoint } from './endpoint.ts';
export { SYNC_ERROR_MESSAGES, SyncError, type SyncErrorCode } from './errors.ts';
export { type MappedEvent, mapOutboxEvent, type OutboxEvent, reciboPagadoOf } from './event-mapping.ts';
export { heartbeatDevices } from './heartbeat-devices.ts';
export {
  type CentralConfigFetch,
  type CentralConfigStatus,
  type CentralLinkState,
  type HeldBackEvent,
  type RoundOutcome,
  SyncClient,
  type SyncClientOptions,
  type SyncStatus,
  type SyncSupervisor,
} from './sync-client.ts';
export { type StoredCentralConfig, type SyncStateRow, SyncStore } from './sync-store.ts';
export { createKioskSyncClient, type KioskSyncOptions } from './kiosk-sync.ts';
