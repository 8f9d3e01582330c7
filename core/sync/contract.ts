/**
 * The sync API between a kiosk and central (issue 8 §8), as the kiosk sees it: the shapes on the wire.
 * Central checks them with its own JSON Schemas (central/service/sync-schemas.ts); these types and the
 * patterns below mirror them so that the kiosk refuses to send what central would refuse.
 */

/** One event of `POST /v1/events`. */
export interface WireEvent {
  /** The outbox's idempotency key (`<payment id>.<state>`). */
  readonly key: string;
  /** Strictly increasing per kiosk, never reused for another key. */
  readonly sequence: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly payload: Record<string, unknown>;
}

export const RECIBO_PAGADO = 'recibo.pagado';

/** Payload of `recibo.pagado` (spanish-formats.md §6): the cobro, never card data. */
export interface ReciboPagado {
  readonly emisora: string;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly importeCents: number;
  readonly paidAt: string;
  readonly justificanteCsv: string;
  readonly authorisationCode?: string;
  readonly terminalId?: string;
  readonly receiptNumber?: number;
}

/** Answer to `POST /v1/events`. */
export interface IngestAnswer {
  readonly stored: readonly string[];
  readonly alreadyStored: readonly string[];
  readonly refundRequired: readonly string[];
}

export interface PaidReciboWire {
  readonly emisora: string;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly importeCents: number;
  readonly paidAt: string;
  readonly kioskId: string;
  readonly justificanteCsv: string;
  readonly refundRequired: boolean;
}

/** Answer to `GET /v1/paid-recibos?since=CURSOR`. */
export interface PaidRecibosAnswer {
  readonly recibos: readonly PaidReciboWire[];
  readonly cursor: string;
  readonly more: boolean;
}

export interface HeartbeatDevice {
  readonly device: string;
  readonly state: 'ok' | 'warning' | 'error' | 'absent';
  readonly code?: string;
  readonly detail?: string;
}

/** Body of `POST /v1/heartbeat`. */
export interface HeartbeatBody {
  readonly kioskTime: string;
  readonly softwareVersion: string;
  readonly outboxPending: number;
  readonly devices: readonly HeartbeatDevice[];
}

/** Central's refusal body. */
export interface CentralErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly detail?: string };
}

/** The patterns central's schema holds (sync-schemas.ts). */
export const WIRE_PATTERNS = {
  instant: /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$/u,
  eventType: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/u,
  key: /^[\x21-\x7e]{1,128}$/u,
  emisora: /^[0-9]{6}$/u,
  referencia: /^[0-9]{10}$/u,
  referenciaControl: /^[0-9]{2}$/u,
  identificacion: /^([0-9]{7}|[0-9]{10})$/u,
  csv: /^[A-Z0-9]{12,40}$/u,
  authorisationCode: /^[A-Za-z0-9]{1,12}$/u,
  terminalId: /^[A-Za-z0-9]{1,16}$/u,
  device: /^[a-z][a-z0-9_-]{0,31}$/u,
  cursor: /^(0|[1-9][0-9]{0,14})$/u,
} as const;

/** Central's batch limit by default (`maxBatchEvents`, 500); the kiosk sends fewer. */
export const MAX_BATCH_EVENTS = 100;
