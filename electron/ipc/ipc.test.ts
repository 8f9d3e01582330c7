import { describe, expect, it } from 'vitest';
import { KioskApiError } from '../../core/api/contract.ts';
import {
  bridgeableKioskApi,
  createIpcKioskApi,
  KIOSK_EVENT_CHANNEL,
  type RendererIpc,
  toBridgedError,
} from './index.ts';

function fakeRenderer(answer: (message: string) => Promise<unknown>) {
  const listeners = new Set<(message: unknown) => void>();
  const ipc: RendererIpc = {
    invoke: (_channel, message) => answer(message),
    on: (channel, listener) => {
      expect(channel).toBe(KIOSK_EVENT_CHANNEL);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const push = (message: unknown) => {
    for (const listener of listeners) listener(message);
  };
  return { ipc, push, listeners };
}

describe('IPC client (preload side)', () => {
  it('fails a call core does not answer in time as unavailable', async () => {
    const { ipc } = fakeRenderer(() => new Promise(() => undefined));
    const api = createIpcKioskApi(ipc, { callTimeoutMs: 20 });
    await expect(api.call('devices.list', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses a reply for another call or that is no envelope', async () => {
    const { ipc } = fakeRenderer(async () => ({ v: 1, type: 'result', id: 999, result: {} }));
    await expect(createIpcKioskApi(ipc).call('devices.list', {})).rejects.toMatchObject({ code: 'internal' });
    const other = fakeRenderer(async () => 'hello');
    await expect(createIpcKioskApi(other.ipc).call('devices.list', {})).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('delivers events by name, ignores garbage, and stops after close', () => {
    const renderer = fakeRenderer(async () => null);
    const api = createIpcKioskApi(renderer.ipc);
    const seen: unknown[] = [];
    const off = api.on('card.changed', (data) => seen.push(data));
    renderer.push({ v: 1, type: 'event', event: 'card.changed', data: { present: true, cardType: 'dnie' } });
    renderer.push({ v: 1, type: 'event', event: 'devices.changed', data: { devices: [] } });
    renderer.push('garbage');
    renderer.push({ v: 1, type: 'result', id: 1, result: {} });
    expect(seen).toEqual([{ present: true, cardType: 'dnie' }]);
    off();
    renderer.push({ v: 1, type: 'event', event: 'card.changed', data: { present: false, cardType: null } });
    expect(seen).toHaveLength(1);
    api.close();
    expect(renderer.listeners.size).toBe(0);
  });
});

describe('what crosses the context bridge', () => {
  it('turns a KioskApiError into a plain object that keeps code and fields', async () => {
    const failing = bridgeableKioskApi({
      call: () =>
        Promise.reject(new KioskApiError({ code: 'invalid_params', message: 'bad', fields: ['apiVersion'] })),
      on: () => () => undefined,
    });
    const rejection = await failing.call('kiosk.hello', { apiVersion: 1 }).catch((e: unknown) => e);
    expect(rejection).toEqual({
      name: 'KioskApiError',
      code: 'invalid_params',
      message: 'bad',
      fields: ['apiVersion'],
    });
    expect(Object.getPrototypeOf(rejection)).toBe(Object.prototype);
    expect(toBridgedError(new Error('x'))).toEqual({
      name: 'KioskApiError',
      code: 'internal',
      message: 'unexpected failure in the preload',
    });
  });

  it('exposes exactly call and on, frozen, and refuses a listener that is not a function', () => {
    const bridged = bridgeableKioskApi({
      call: () => Promise.resolve(null as never),
      on: () => () => undefined,
    });
    expect(Object.keys(bridged).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(bridged)).toBe(true);
    expect(() => bridged.on('card.changed', 'alert(1)' as never)).toThrow(TypeError);
  });
});
