/**
 * The KioskApi contract suite: what any transport (WebSocket now, Electron IPC later) must do. Each
 * transport's test file calls `kioskApiContract` with a way to start core and connect a screen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_API_VERSION, type KioskApi, KioskApiError } from '../../core/api/contract.ts';
import type { KioskCore } from '../../core/kiosk-core.ts';

export interface ContractFixture {
  readonly core: KioskCore;
  readonly api: KioskApi;
  /** Sends raw bytes as the screen would and returns core's reply envelope. */
  raw(frame: string): Promise<unknown>;
  stop(): Promise<void>;
}

export function kioskApiContract(transport: string, start: () => Promise<ContractFixture>): void {
  describe(`KioskApi contract over ${transport}`, () => {
    let fixture: ContractFixture;
    beforeEach(async () => {
      fixture = await start();
    });
    afterEach(async () => {
      await fixture.stop();
    });

    it('answers hello with who the kiosk is and which contract it speaks', async () => {
      const info = await fixture.api.call('kiosk.hello', { apiVersion: KIOSK_API_VERSION });
      expect(info).toMatchObject({
        apiVersion: KIOSK_API_VERSION,
        kioskId: 'DEMO-001',
        name: 'Cajero ciudadano de demostración',
        municipality: { name: 'Ayuntamiento de Villademo' },
        languages: { default: 'es', available: ['es', 'ca', 'gl', 'eu', 'en'] },
      });
    });

    it('lists every device with its exact state', async () => {
      const { devices } = await fixture.api.call('devices.list', {});
      expect(devices.map((d) => d.device)).toEqual([
        'cardReader',
        'printer',
        'paymentTerminal',
        'scanner',
        'central',
      ]);
    });

    it('pushes a device change to the screen as an event', async () => {
      const received = new Promise((resolve) => {
        const off = fixture.api.on('devices.changed', (data) => {
          off();
          resolve(data.devices.find((d) => d.device === 'printer'));
        });
      });
      fixture.core.devices.report('printer', {
        health: 'warning',
        code: 'paper_near_end',
        detail: 'DLE EOT 4 = 0x1e',
      });
      await expect(received).resolves.toMatchObject({ health: 'warning', code: 'paper_near_end' });
    });

    it('refuses invalid params with a typed error naming the fields', async () => {
      const call = fixture.api.call('kiosk.hello', { apiVersion: 'one' as unknown as number });
      await expect(call).rejects.toBeInstanceOf(KioskApiError);
      await expect(call).rejects.toMatchObject({ code: 'invalid_params', fields: ['apiVersion'] });
      await expect(
        fixture.api.call('devices.list', { extra: true } as unknown as Record<string, never>),
      ).rejects.toMatchObject({ code: 'invalid_params' });
    });

    it('answers malformed, unknown, oversized and foreign-version messages with typed errors', async () => {
      await expect(fixture.raw('not json')).resolves.toMatchObject({
        type: 'error',
        id: null,
        error: { code: 'malformed' },
      });
      await expect(fixture.raw(JSON.stringify({ v: 1, type: 'call', id: 7 }))).resolves.toMatchObject({
        id: 7,
        error: { code: 'malformed' },
      });
      await expect(
        fixture.raw(JSON.stringify({ v: 1, type: 'call', id: 8, method: 'kiosk.shutdown', params: {} })),
      ).resolves.toMatchObject({ id: 8, error: { code: 'unknown_method' } });
      await expect(
        fixture.raw(JSON.stringify({ v: 99, type: 'call', id: 9, method: 'devices.list', params: {} })),
      ).resolves.toMatchObject({ id: 9, error: { code: 'version_mismatch' } });
      await expect(
        fixture.raw(
          JSON.stringify({
            v: 1,
            type: 'call',
            id: 10,
            method: 'devices.list',
            params: {},
            pad: 'x'.repeat(70_000),
          }),
        ),
      ).resolves.toMatchObject({ id: null, error: { code: 'too_large' } });
      await expect(
        fixture.raw(JSON.stringify({ v: 1, type: 'call', id: 11, method: '__proto__', params: {} })),
      ).resolves.toMatchObject({ id: 11, error: { code: 'unknown_method' } });
      // Core is still there and still right.
      await expect(fixture.api.call('devices.list', {})).resolves.toHaveProperty('devices');
    });

    it("malformed, out-of-order and replayed session calls leave the citizen's session as it was", async () => {
      const api = fixture.api;
      const session = () => api.call('session.get', {});
      const frame = (id: number, method: string, params: unknown) =>
        fixture.raw(JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id, method, params }));
      // Out of order: nothing to confirm, choose or go back to before a session starts.
      await expect(api.call('session.confirmVolante', {})).resolves.toEqual({ step: 'idle' });
      await expect(api.call('session.chooseVolanteKind', { kind: 'colectivo' })).resolves.toEqual({
        step: 'idle',
      });
      await expect(api.call('session.chooseService', { service: 'volante' })).resolves.toEqual({
        step: 'idle',
      });
      // Malformed: refused before core acts.
      await expect(frame(20, 'session.start', { language: 'fr' })).resolves.toMatchObject({
        id: 20,
        error: { code: 'invalid_params', fields: ['language'] },
      });
      await expect(frame(21, 'session.start', { language: 'es', pin: '1234' })).resolves.toMatchObject({
        error: { code: 'invalid_params' },
      });
      await expect(frame(22, 'session.end', { reason: 'payment' })).resolves.toMatchObject({
        error: { code: 'invalid_params' },
      });
      await expect(frame(23, 'session.chooseService', '__proto__')).resolves.toMatchObject({
        error: { code: 'invalid_params' },
      });
      await expect(session()).resolves.toEqual({ step: 'idle' });
      // Replayed: the same start twice is one session; a replayed choice after moving on changes nothing.
      await expect(api.call('session.start', { language: 'gl' })).resolves.toEqual({
        step: 'service',
        language: 'gl',
      });
      await expect(api.call('session.start', { language: 'gl' })).resolves.toEqual({
        step: 'service',
        language: 'gl',
      });
      await expect(api.call('session.chooseService', { service: 'volante' })).resolves.toEqual({
        step: 'volante_kind',
        language: 'gl',
      });
      await expect(api.call('session.chooseService', { service: 'recibo' })).resolves.toEqual({
        step: 'volante_kind',
        language: 'gl',
      });
      await expect(api.call('session.confirmVolante', {})).resolves.toEqual({
        step: 'volante_kind',
        language: 'gl',
      });
      // A payment of a ticket nobody checked is refused, and the session is where it was.
      await expect(api.call('recibo.pay', { ticket: 'T-FORGED' })).resolves.toMatchObject({
        outcome: 'refused',
      });
      await expect(session()).resolves.toEqual({ step: 'volante_kind', language: 'gl' });
    });
  });
}
