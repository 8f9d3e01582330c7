/**
 * JSON Schemas of the sync API (kiosk ↔ central), checked by Fastify's validator before a handler
 * runs: unknown fields, wrong types and out-of-range values are refused (`additionalProperties: false`
 * everywhere; the validator is configured not to strip or coerce). Query values arrive as strings and
 * are matched by pattern. The patterns are the kiosk's own (core/sync/contract.ts `WIRE_PATTERNS`), so
 * that what a kiosk checks before sending and what central refuses cannot drift apart.
 */
import { RECIBO_PAGADO, WIRE_PATTERNS } from '../../core/sync/contract.ts';

export { RECIBO_PAGADO };

/** ISO 8601 instant with an explicit offset, as `Date.prototype.toISOString` writes it. */
export const INSTANT_PATTERN = WIRE_PATTERNS.instant.source;
export const EVENT_TYPE_PATTERN = WIRE_PATTERNS.eventType.source;
export const CSV_PATTERN = WIRE_PATTERNS.csv.source;

const reciboPagadoPayload = {
  type: 'object',
  additionalProperties: false,
  required: [
    'emisora',
    'referencia',
    'referenciaControl',
    'identificacion',
    'importeCents',
    'paidAt',
    'justificanteCsv',
  ],
  properties: {
    emisora: { type: 'string', pattern: WIRE_PATTERNS.emisora.source },
    referencia: { type: 'string', pattern: WIRE_PATTERNS.referencia.source },
    referenciaControl: { type: 'string', pattern: WIRE_PATTERNS.referenciaControl.source },
    identificacion: { type: 'string', pattern: WIRE_PATTERNS.identificacion.source },
    importeCents: { type: 'integer', minimum: 0, maximum: 99_999_999 },
    paidAt: { type: 'string', pattern: INSTANT_PATTERN },
    justificanteCsv: { type: 'string', pattern: CSV_PATTERN },
    authorisationCode: { type: 'string', pattern: WIRE_PATTERNS.authorisationCode.source },
    terminalId: { type: 'string', pattern: WIRE_PATTERNS.terminalId.source },
    receiptNumber: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
  },
} as const;

export function eventsBodySchema(maxBatchEvents: number) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: maxBatchEvents,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'sequence', 'type', 'occurredAt', 'payload'],
          properties: {
            /** The kiosk outbox's idempotency key. */
            key: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
            /** The kiosk outbox's position: strictly increasing per kiosk. */
            sequence: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
            type: { type: 'string', maxLength: 100, pattern: EVENT_TYPE_PATTERN },
            occurredAt: { type: 'string', pattern: INSTANT_PATTERN },
            payload: { type: 'object' },
          },
          if: { properties: { type: { const: RECIBO_PAGADO } } },
          // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword (draft 7 if/then).
          then: { properties: { payload: reciboPagadoPayload } },
        },
      },
    },
  } as const;
}

export const heartbeatBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kioskTime', 'softwareVersion', 'outboxPending', 'devices'],
  properties: {
    kioskTime: { type: 'string', pattern: INSTANT_PATTERN },
    softwareVersion: { type: 'string', minLength: 1, maxLength: 64 },
    outboxPending: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
    devices: {
      type: 'array',
      maxItems: 32,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['device', 'state'],
        properties: {
          device: { type: 'string', pattern: WIRE_PATTERNS.device.source },
          state: { type: 'string', enum: ['ok', 'warning', 'error', 'absent'] },
          /** A driver error code such as `printer.paper_out`. */
          code: { type: 'string', maxLength: 64, pattern: EVENT_TYPE_PATTERN },
          detail: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
} as const;

const cursor = { type: 'string', pattern: WIRE_PATTERNS.cursor.source } as const;
const limit = { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$' } as const;

export const paidRecibosQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { since: cursor, limit },
} as const;

/** `/v1/kiosk-config` takes no parameters: any is refused rather than silently ignored. */
export const kioskConfigQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {},
} as const;

export const pendingRecibosQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    emisora: { type: 'string', pattern: WIRE_PATTERNS.emisora.source },
    referencia: { type: 'string', pattern: WIRE_PATTERNS.referencia.source },
    after: cursor,
    limit,
  },
} as const;

export const verifyParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['csv'],
  properties: { csv: { type: 'string', maxLength: 200 } },
} as const;

export const verifyPageQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { csv: { type: 'string', maxLength: 200 } },
} as const;
