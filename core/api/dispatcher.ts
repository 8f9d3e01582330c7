/**
 * Core's side of the KioskApi: takes one raw message from any transport, validates it as untrusted
 * input, runs the handler and returns the reply envelope. It never throws and never logs the params
 * (a PIN travels through here).
 */
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import {
  type ApiError,
  type ApiErrorCode,
  callEnvelopeSchema,
  isKioskCallName,
  KIOSK_API_VERSION,
  type KioskCallName,
  type KioskCallResult,
  type KioskEventData,
  type KioskEventName,
  kioskCalls,
  kioskEvents,
  MAX_MESSAGE_BYTES,
  type ServerEnvelope,
} from './contract.ts';

export type KioskApiHandlers = {
  [N in KioskCallName]: (
    params: z.output<(typeof kioskCalls)[N]['params']>,
  ) => Promise<KioskCallResult<N>> | KioskCallResult<N>;
};

export type RawMessage = string | Uint8Array;
export type Dispatcher = (raw: RawMessage) => Promise<ServerEnvelope>;

export function createDispatcher(handlers: KioskApiHandlers, logger: Logger): Dispatcher {
  const reject = (
    id: number | null,
    code: ApiErrorCode,
    message: string,
    extra: object = {},
  ): ServerEnvelope => {
    logger.warn({ apiError: code, callId: id, ...extra }, 'kiosk api call rejected');
    const error: ApiError = { code, message };
    if ('fields' in extra) error.fields = (extra as { fields: string[] }).fields;
    return { v: KIOSK_API_VERSION, type: 'error', id, error };
  };

  return async (raw) => {
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
    if (bytes > MAX_MESSAGE_BYTES) {
      return reject(null, 'too_large', `message of ${bytes} bytes exceeds ${MAX_MESSAGE_BYTES}`, { bytes });
    }
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    } catch {
      return reject(null, 'malformed', 'message is not JSON', { bytes });
    }
    const envelope = callEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return reject(recoverId(json), 'malformed', 'message is not a call envelope', { bytes });
    }
    const { id, method, params, v } = envelope.data;
    if (v !== KIOSK_API_VERSION) {
      return reject(
        id,
        'version_mismatch',
        `core speaks KioskApi ${KIOSK_API_VERSION}, the screen sent ${v}`,
      );
    }
    if (!isKioskCallName(method)) {
      return reject(id, 'unknown_method', 'unknown method', { methodLength: method.length });
    }
    const spec = kioskCalls[method];
    const parsed = spec.params.safeParse(params);
    if (!parsed.success) {
      const fields = [
        ...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(params)')),
      ].slice(0, 50);
      return reject(id, 'invalid_params', `invalid params for ${method}`, { method, fields });
    }
    let result: unknown;
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      result = await handler(parsed.data);
    } catch (error) {
      logger.error({ err: error, method, callId: id }, 'kiosk api handler failed');
      return {
        v: KIOSK_API_VERSION,
        type: 'error',
        id,
        error: { code: 'internal', message: `${method} failed` },
      };
    }
    // Core's own answer is checked too: a reply the contract does not allow is a core bug, reported
    // as such rather than sent to a screen that would misread it.
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      logger.error(
        { method, callId: id, issues: checked.error.issues.length },
        'kiosk api result breaks the contract',
      );
      return {
        v: KIOSK_API_VERSION,
        type: 'error',
        id,
        error: { code: 'internal', message: `${method} failed` },
      };
    }
    return { v: KIOSK_API_VERSION, type: 'result', id, result: checked.data };
  };
}

/** An event envelope, checked against the contract (an invalid event is a core bug: it throws). */
export function eventEnvelope<E extends KioskEventName>(event: E, data: KioskEventData<E>): ServerEnvelope {
  const checked = kioskEvents[event].parse(data);
  return { v: KIOSK_API_VERSION, type: 'event', event, data: checked };
}

function recoverId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = (json as { id: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < 2 ** 31 ? id : null;
}
