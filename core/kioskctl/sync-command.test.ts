import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync/index.ts';
import { formatRound, formatSyncStatus } from './sync-command.ts';

const status: SyncStatus = {
  central: 'https://central.example.es:8443',
  state: 'offline',
  detail: 'No hay conexión con la central del ayuntamiento. (POST /v1/events: ECONNREFUSED)',
  queueLength: 2,
  oldestUnsent: { eventId: 'P1.approved', createdAt: '2026-11-23T10:00:00.000Z' },
  heldBack: [{ eventId: 'P0.approved', reason: 'recibo.pagado needs valid csv' }],
  lastSuccessAt: null,
  lastFailure: { at: '2026-11-23T10:05:00.000Z', code: 'sync.unreachable', detail: 'ECONNREFUSED' },
  paidCursor: '42',
  paidListAsOf: null,
  consecutiveFailures: 3,
  nextAttemptAt: '2026-11-23T10:05:04.000Z',
  centralConfig: { version: null, receivedAt: null, lastFetch: null, problem: null },
};

const VERSION = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('kioskctl sync output', () => {
  it('says what is queued, what failed, when it retries and what is held back', () => {
    expect(formatSyncStatus(status)).toEqual([
      'central: https://central.example.es:8443 — sin conexión (No hay conexión con la central del ayuntamiento. (POST /v1/events: ECONNREFUSED))',
      'cola: 2 evento(s) sin enviar, el más antiguo P1.approved de 2026-11-23T10:00:00.000Z',
      'último envío correcto: nunca',
      'último fallo: 2026-11-23T10:05:00.000Z sync.unreachable — ECONNREFUSED',
      'recibos pagados: cursor 42, lista al día a nunca recibida',
      'configuración de central: ninguna recibida',
      'fallos seguidos: 3; próximo intento 2026-11-23T10:05:04.000Z',
      'retenido: P0.approved — recibo.pagado needs valid csv',
    ]);
  });

  it('names payments central flagged for refund after a round', () => {
    expect(
      formatRound({ ok: true, sent: 2, heldBack: [], paidRecibos: 5, refundRequired: ['P7.approved'] }),
    ).toEqual([
      'ronda de sincronización correcta: 2 evento(s) enviados, 5 recibo(s) pagados recibidos',
      'a devolver (recibo pagado dos veces): P7.approved',
    ]);
  });

  it('names the configuration held by its version and time, and says when central does not offer one', () => {
    const lines = (centralConfig: SyncStatus['centralConfig']) =>
      formatSyncStatus({ ...status, centralConfig }).filter((l) => l.startsWith('configuración'));
    expect(
      lines({
        version: VERSION,
        receivedAt: '2026-11-23T10:01:00.000Z',
        lastFetch: 'unchanged',
        problem: null,
      }),
    ).toEqual(['configuración de central: versión a1b2c3d4e5f6, recibida 2026-11-23T10:01:00.000Z']);
    expect(lines({ version: null, receivedAt: null, lastFetch: 'not_offered', problem: null })).toEqual([
      'configuración de central: ninguna recibida (la central no la ofrece: es de una versión anterior)',
    ]);
    expect(
      lines({
        version: VERSION,
        receivedAt: '2026-11-23T10:01:00.000Z',
        lastFetch: 'invalid',
        problem: 'textos.pieVolante: too_big',
      }),
    ).toEqual([
      'configuración de central: versión a1b2c3d4e5f6, recibida 2026-11-23T10:01:00.000Z ' +
        '(la última respuesta no era válida; se mantiene la guardada — textos.pieVolante: too_big)',
    ]);
  });

  it('says after a round that a new configuration was stored, or that the answer was refused', () => {
    const round = { ok: true, sent: 0, heldBack: [], paidRecibos: 0, refundRequired: [] };
    expect(formatRound({ ...round, centralConfig: 'updated' })).toContain(
      'configuración de central: nueva versión guardada',
    );
    expect(formatRound({ ...round, centralConfig: 'invalid' })).toContain(
      'configuración de central: respuesta no válida, se mantiene la guardada',
    );
    expect(formatRound({ ...round, centralConfig: 'unchanged' })).toHaveLength(1);
  });
});
