import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { KIOSK_API_VERSION, MAX_MESSAGE_BYTES, serverEnvelopeSchema } from './contract.ts';
import { createDispatcher, type KioskApiHandlers } from './dispatcher.ts';

const info = {
  apiVersion: KIOSK_API_VERSION,
  softwareVersion: '0.0.0',
  kioskId: 'T-001',
  name: 'Test',
  municipality: { name: 'Ayuntamiento de Prueba' },
  languages: { default: 'es' as const, available: ['es' as const] },
  accessibility: {
    highContrast: false,
    largeText: false,
    speech: { enabled: true, rate: 1, volumePercent: 70 },
  },
  screen: {
    idleTimeoutSeconds: 90,
    timeoutWarningSeconds: 20,
    goodbyeSeconds: 10,
    pinPadLayout: 'fixed' as const,
  },
};

function handlers(overrides: Partial<KioskApiHandlers> = {}): KioskApiHandlers {
  return {
    'kiosk.hello': () => info,
    'devices.list': () => ({ devices: [] }),
    'card.get': () => ({ present: false, cardType: null }),
    'identification.get': () => ({ state: 'idle' }),
    'identification.submitPin': () => ({ state: 'verifying' }),
    'identification.cancel': () => ({ state: 'idle' }),
    'recibo.check': () => ({ ok: false, reason: 'codigo_no_valido', field: null }),
    'recibo.pay': ({ ticket }) => ({ outcome: 'refused', ticket, reason: 'recibo_no_consultado' }),
    'session.get': () => ({ step: 'idle' }),
    'session.start': ({ language }) => ({ step: 'service', language }),
    'session.setLanguage': ({ language }) => ({ step: 'service', language }),
    'session.chooseService': () => ({ step: 'recibo', language: 'es' }),
    'session.chooseVolanteKind': () => ({ step: 'idle' }),
    'session.confirmVolante': () => ({ step: 'idle' }),
    'session.back': () => ({ step: 'idle' }),
    'session.end': () => ({ step: 'goodbye', language: 'es', takeCard: false }),
    ...overrides,
  };
}

const call = (method: string, params: unknown, id = 1) =>
  JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id, method, params });

describe('KioskApi dispatcher', () => {
  it('answers a valid call with the handler result', async () => {
    const dispatch = createDispatcher(handlers(), silentLogger());
    await expect(dispatch(call('kiosk.hello', { apiVersion: 1 }, 42))).resolves.toEqual({
      v: KIOSK_API_VERSION,
      type: 'result',
      id: 42,
      result: info,
    });
  });

  it('turns a failing handler into `internal`, without its message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'devices.list': () => {
          throw new Error('secret detail 1234');
        },
      }),
      silentLogger(),
    );
    const reply = await dispatch(call('devices.list', {}, 5));
    expect(reply).toEqual({
      v: 1,
      type: 'error',
      id: 5,
      error: { code: 'internal', message: 'devices.list failed' },
    });
  });

  it('refuses to send a result the contract does not allow', async () => {
    const broken = handlers({ 'devices.list': () => ({ devices: [{ device: 'toaster' }] }) as never });
    const reply = await createDispatcher(broken, silentLogger())(call('devices.list', {}, 6));
    expect(reply).toMatchObject({ type: 'error', id: 6, error: { code: 'internal' } });
  });

  it('measures the limit in bytes, not characters', async () => {
    const dispatch = createDispatcher(handlers(), silentLogger());
    const padding = 'ñ'.repeat(MAX_MESSAGE_BYTES / 2); // 2 bytes each in UTF-8
    const reply = await dispatch(
      JSON.stringify({ v: 1, type: 'call', id: 1, method: 'devices.list', params: {}, padding }),
    );
    expect(reply).toMatchObject({ error: { code: 'too_large' } });
    const binary = await dispatch(new TextEncoder().encode(call('devices.list', {}, 2)));
    expect(binary).toMatchObject({ type: 'result', id: 2 });
  });

  it('answers any input with a contract envelope and never throws (property)', async () => {
    const dispatch = createDispatcher(handlers(), silentLogger());
    const arbitraryMessage = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({
          v: fc.oneof(fc.constant(1), fc.integer()),
          type: fc.oneof(fc.constant('call'), fc.string()),
          id: fc.oneof(fc.nat(), fc.integer(), fc.string()),
          method: fc.oneof(
            fc.constantFrom('kiosk.hello', 'devices.list', 'constructor', 'toString'),
            fc.string(),
          ),
          params: fc.jsonValue(),
        })
        .map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(arbitraryMessage, async (message) => {
        const reply = await dispatch(message);
        expect(serverEnvelopeSchema.safeParse(reply).success).toBe(true);
        expect(reply.type === 'result' || reply.type === 'error').toBe(true);
      }),
    );
  });
});
