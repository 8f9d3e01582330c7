import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrations.ts';
import { type OpenedDatabase, testBackends } from '../db/test-backends.ts';
import { generatePadron } from '../padron/generator.ts';
import { ensureMunicipality, loadPadron } from '../padron/loader.ts';
import { seededRandom } from '../padron/prng.ts';
import { enrolKiosk, revokeKiosk } from './admin.ts';
import { fleetHealth } from './heartbeat.ts';
import type { IssuedCredential } from './kiosk-ca.ts';
import { buildKioskApp, buildPublicApp } from './server.ts';
import { capturingLogger, type KioskClient, kioskClient, makeTestPki, type TestPki } from './test-support.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const VILLADEMO = {
  ineCode: '47186',
  name: 'Ayuntamiento de Villademo',
  verificationUrl: 'https://sede.villademo.example/verificar',
};
const MADRID = {
  ineCode: '28079',
  name: 'Ayuntamiento de Madrid',
  verificationUrl: 'https://sede.madrid.example/verificar',
};
/** spanish-formats.md §1.7 worked example: emisora 280793 (Madrid), ref 2500001234-46, 123,45 €. */
const MADRID_BARCODE = '905212807932500001234461100255334000123450';

interface PendingRow {
  id: number;
  emisora: string;
  referencia: string;
  referencia_control: string;
  identificacion: string;
  importe_cents: number;
}

function pago(recibo: PendingRow, csv: string, extra: Record<string, unknown> = {}) {
  return {
    emisora: recibo.emisora,
    referencia: recibo.referencia,
    referenciaControl: recibo.referencia_control,
    identificacion: recibo.identificacion,
    importeCents: recibo.importe_cents,
    paidAt: '2026-11-22T18:30:00.000Z',
    justificanteCsv: csv,
    authorisationCode: 'A1B2C3',
    terminalId: '52000001',
    receiptNumber: 17,
    ...extra,
  };
}

function event(
  key: string,
  sequence: number,
  type = 'session.ended',
  payload: Record<string, unknown> = { outcome: 'ok' },
) {
  return { key, sequence, type, occurredAt: '2026-11-22T18:00:00.000Z', payload };
}

for (const backend of await testBackends('central service tests')) {
  describe.skipIf(!backend.available)(`central service on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    let pki: TestPki;
    let kioskApp: FastifyInstance<HttpsServer>;
    let publicApp: FastifyInstance;
    let kioskUrl: string;
    let publicUrl: string;
    const clients: KioskClient[] = [];
    const captured = capturingLogger();
    const credentials: Record<string, IssuedCredential> = {};
    let villademoRecibo: PendingRow;

    function client(name: keyof typeof credentials | 'none', maxSockets = 1): KioskClient {
      const created = kioskClient(
        kioskUrl,
        pki.ca.certificatePem,
        name === 'none' ? undefined : credentials[name],
        maxSockets,
      );
      clients.push(created);
      return created;
    }

    async function count(sql: string, params: unknown[] = []): Promise<number> {
      const { rows } = await opened.db.query<{ n: number }>(sql, params as never[]);
      return Number(rows[0]!.n);
    }

    beforeAll(async () => {
      opened = await backend.open('service');
      const { db } = opened;
      await migrate(db);
      await ensureMunicipality(db, VILLADEMO);
      await ensureMunicipality(db, MADRID);
      await loadPadron(
        db,
        '47186',
        generatePadron(seededRandom(5), {
          municipality: { ineCode: '47186', name: 'Villademo' },
          people: 120,
          referenceDate: '2026-11-23',
        }),
      );
      const { rows } = await db.query<PendingRow>(
        `SELECT id, emisora, referencia, referencia_control, identificacion, importe_cents FROM recibos_pendientes
          WHERE emisora LIKE '47186%' ORDER BY id LIMIT 1`,
      );
      villademoRecibo = rows[0]!;
      await db.query(
        `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control, identificacion,
           tributo, ejercicio, importe_cents, fecha_limite, barcode)
         VALUES ((SELECT min(id) FROM personas), '280793', 2, '2500001234', '46', '1100255334', '100', 2025, 12345,
           '2025-11-30', $1)`,
        [MADRID_BARCODE],
      );

      pki = await makeTestPki();
      const enrol = async (kioskId: string, municipality: string) => {
        credentials[kioskId] = await enrolKiosk(db, pki.material, { kioskId, municipality, now: NOW });
      };
      await enrol('KIOSCO-A', '47186');
      await enrol('KIOSCO-B', '47186');
      await enrol('KIOSCO-M', '28079');
      await enrol('KIOSCO-R', '47186');
      await revokeKiosk(db, 'KIOSCO-R', NOW);
      // Issued by our CA, never enrolled.
      credentials['KIOSCO-X'] = await pki.kiosk('KIOSCO-X', '47186');
      // Our CA, enrolled id, but not the enrolled certificate.
      credentials['KIOSCO-A-COPY'] = await pki.kiosk('KIOSCO-A', '47186');
      // Another CA, same subject as an enrolled kiosk.
      credentials.FOREIGN = await (await makeTestPki('Foreign CA')).kiosk('KIOSCO-A', '47186');

      const options = {
        db,
        logger: captured.logger,
        clock: () => NOW,
        bodyLimitBytes: 64 * 1024,
        maxBatchEvents: 200,
      };
      kioskApp = buildKioskApp(options, {
        certificatePem: pki.server.certificatePem,
        keyPem: pki.server.keyPem,
        kioskCaPem: pki.ca.certificatePem,
      });
      publicApp = buildPublicApp(options);
      await kioskApp.listen({ host: '127.0.0.1', port: 0 });
      await publicApp.listen({ host: '127.0.0.1', port: 0 });
      kioskUrl = `https://127.0.0.1:${(kioskApp.server.address() as AddressInfo).port}`;
      publicUrl = `http://127.0.0.1:${(publicApp.server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const c of clients) c.close();
      await kioskApp?.close();
      await publicApp?.close();
      await opened?.close();
    });

    describe('mutual TLS', () => {
      it('accepts an enrolled kiosk', async () => {
        const reply = await client('KIOSCO-A').call('GET', '/v1/paid-recibos');
        expect(reply.status).toBe(200);
      });

      it.each([
        ['none', 'central.kiosk_certificate_missing'],
        ['FOREIGN', 'central.kiosk_certificate_missing'],
        ['KIOSCO-X', 'central.kiosk_unknown'],
        ['KIOSCO-A-COPY', 'central.kiosk_unknown'],
        ['KIOSCO-R', 'central.kiosk_revoked'],
      ])('refuses %s with 403 %s, without touching data, and logs it', async (name, code) => {
        const before = await count('SELECT count(*) AS n FROM kiosk_events');
        const logged = captured.lines.length;
        const reply = await client(name).call('POST', '/v1/events', {
          events: [event(`refused-${name}`, 1)],
        });
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe(code);
        expect(reply.json.error.message).toMatch(/quiosco/);
        expect(await count('SELECT count(*) AS n FROM kiosk_events')).toBe(before);
        expect(
          captured.lines.slice(logged).some((line) => line.code === code && line.msg === 'request refused'),
        ).toBe(true);
      });

      it('refuses a kiosk revoked while its connection stays open', async () => {
        const { db } = opened;
        credentials['KIOSCO-T'] = await enrolKiosk(db, pki.material, {
          kioskId: 'KIOSCO-T',
          municipality: '47186',
          now: NOW,
        });
        const kiosk = client('KIOSCO-T');
        expect((await kiosk.call('GET', '/v1/paid-recibos')).status).toBe(200);
        expect((await kiosk.call('POST', '/v1/events', { events: [event('t-1', 1)] })).status).toBe(200);
        await revokeKiosk(db, 'KIOSCO-T', NOW);
        const reply = await kiosk.call('GET', '/v1/paid-recibos');
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe('central.kiosk_revoked');
        // The ingest reads the kiosk row in its insert statement: refused there, nothing stored, with
        // or without a payment in the batch.
        const before = {
          events: await count('SELECT count(*) AS n FROM kiosk_events'),
          pagados: await count('SELECT count(*) AS n FROM recibos_pagados'),
        };
        for (const events of [
          [event('t-2', 2)],
          [event('t-3', 3), event('t-4', 4, 'recibo.pagado', pago(villademoRecibo, 'JUSTIFTTTT0001'))],
        ]) {
          const refused = await kiosk.call('POST', '/v1/events', { events });
          expect(refused.status).toBe(403);
          expect(refused.json.error.code).toBe('central.kiosk_revoked');
        }
        expect({
          events: await count('SELECT count(*) AS n FROM kiosk_events'),
          pagados: await count('SELECT count(*) AS n FROM recibos_pagados'),
        }).toEqual(before);
        expect(
          captured.lines.some(
            (l) => l.code === 'central.kiosk_revoked' && l.kiosk === 'KIOSCO-T' && l.route === '/v1/events',
          ),
        ).toBe(true);
      });
    });

    describe('event ingest', () => {
      it('stores a batch once and answers which keys were new on a resend', async () => {
        const kiosk = client('KIOSCO-A');
        const batch = { events: [event('a-1', 1), event('a-2', 2), event('a-3', 3)] };
        const first = await kiosk.call('POST', '/v1/events', batch);
        expect(first.status).toBe(200);
        expect(first.json).toEqual({ stored: ['a-1', 'a-2', 'a-3'], alreadyStored: [], refundRequired: [] });
        const again = await kiosk.call('POST', '/v1/events', batch);
        expect(again.json).toEqual({ stored: [], alreadyStored: ['a-1', 'a-2', 'a-3'], refundRequired: [] });
        const mixed = await kiosk.call('POST', '/v1/events', { events: [event('a-3', 3), event('a-4', 4)] });
        expect(mixed.json).toEqual({ stored: ['a-4'], alreadyStored: ['a-3'], refundRequired: [] });
        expect(
          await count(
            `SELECT count(*) AS n FROM kiosk_events WHERE kiosk_id = 'KIOSCO-A' AND idempotency_key LIKE 'a-%'`,
          ),
        ).toBe(4);
      });

      it('keeps a kiosk’s order by its sequence number whatever order batches arrive in', async () => {
        const kiosk = client('KIOSCO-B');
        expect(
          (await kiosk.call('POST', '/v1/events', { events: [event('b-4', 14), event('b-5', 15)] })).status,
        ).toBe(200);
        expect(
          (
            await kiosk.call('POST', '/v1/events', {
              events: [event('b-1', 11), event('b-2', 12), event('b-3', 13)],
            })
          ).status,
        ).toBe(200);
        const { rows } = await opened.db.query<{ idempotency_key: string }>(
          `SELECT idempotency_key FROM kiosk_events WHERE kiosk_id = 'KIOSCO-B' AND idempotency_key LIKE 'b-%' ORDER BY sequence`,
        );
        expect(rows.map((r) => r.idempotency_key)).toEqual(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
      });

      it('refuses a batch whose sequence does not increase, and a sequence reused by another key, storing nothing', async () => {
        const kiosk = client('KIOSCO-B');
        const before = await count('SELECT count(*) AS n FROM kiosk_events');
        const backwards = await kiosk.call('POST', '/v1/events', {
          events: [event('b-9', 21), event('b-8', 20)],
        });
        expect(backwards.status).toBe(400);
        expect(backwards.json.error.code).toBe('central.bad_request');
        const reused = await kiosk.call('POST', '/v1/events', {
          events: [event('b-new', 10), event('b-other', 11)],
        });
        expect(reused.status).toBe(409);
        expect(reused.json.error.code).toBe('central.sequence_conflict');
        expect(await count('SELECT count(*) AS n FROM kiosk_events')).toBe(before);
      });

      it('stores SQL-looking text as plain data', async () => {
        const nasty = "x'); DROP TABLE kiosk_events; --";
        const reply = await client('KIOSCO-A').call('POST', '/v1/events', {
          events: [
            event("k';DROP/**/TABLE/**/kiosk_events;--", 50, 'note.text', { text: nasty, "a'b": 'OR 1=1' }),
          ],
        });
        expect(reply.status).toBe(200);
        const { rows } = await opened.db.query<{ payload: Record<string, string> }>(
          'SELECT payload FROM kiosk_events WHERE idempotency_key = $1',
          ["k';DROP/**/TABLE/**/kiosk_events;--"],
        );
        expect(rows[0]!.payload).toEqual({ text: nasty, "a'b": 'OR 1=1' });
      });
    });

    describe('bad input changes nothing', () => {
      const cases: [string, { raw?: string; body?: unknown; contentType?: string }, number, string][] = [
        ['malformed JSON', { raw: '{"events": [' }, 400, 'central.malformed_json'],
        ['an empty body', { raw: '' }, 400, 'central.malformed_json'],
        ['a prototype key', { raw: '{"events":[],"__proto__":{"x":1}}' }, 400, 'central.malformed_json'],
        [
          'an unknown top-level field',
          { body: { events: [event('u-1', 900)], extra: 1 } },
          400,
          'central.bad_request',
        ],
        [
          'an unknown event field',
          { body: { events: [{ ...event('u-2', 901), pan: '4111111111111111' }] } },
          400,
          'central.bad_request',
        ],
        [
          'a sequence as a string',
          { body: { events: [{ ...event('u-3', 902), sequence: '902' }] } },
          400,
          'central.bad_request',
        ],
        [
          'a bad occurredAt',
          { body: { events: [{ ...event('u-4', 903), occurredAt: 'yesterday' }] } },
          400,
          'central.bad_request',
        ],
        [
          'an impossible date',
          { body: { events: [{ ...event('u-5', 904), occurredAt: '2026-13-45T99:00:00Z' }] } },
          400,
          'central.bad_request',
        ],
        [
          'a payload that is not an object',
          { body: { events: [{ ...event('u-6', 905), payload: [1] }] } },
          400,
          'central.bad_request',
        ],
        ['an empty batch', { body: { events: [] } }, 400, 'central.bad_request'],
        [
          'too many events',
          { body: { events: Array.from({ length: 201 }, (_, i) => event(`u-m${i}`, 1000 + i)) } },
          400,
          'central.bad_request',
        ],
        [
          'an oversized body',
          { body: { events: [event('u-7', 906, 'note.text', { text: 'x'.repeat(70_000) })] } },
          413,
          'central.body_too_large',
        ],
        [
          'a text/plain body',
          { raw: JSON.stringify({ events: [event('u-8', 907)] }), contentType: 'text/plain' },
          415,
          'central.unsupported_media_type',
        ],
        [
          'a payment missing its CSV',
          { body: { events: [event('u-9', 908, 'recibo.pagado', { emisora: '471865' })] } },
          400,
          'central.bad_request',
        ],
        [
          'a payment with a card number',
          { body: { events: [event('u-10', 909, 'recibo.pagado', { pan: '4111111111111111' })] } },
          400,
          'central.bad_request',
        ],
      ];
      it.each(cases)('refuses %s', async (_name, input, status, code) => {
        const before = await count('SELECT count(*) AS n FROM kiosk_events');
        const logged = captured.lines.length;
        const reply = await client('KIOSCO-A').call('POST', '/v1/events', input.body, {
          ...(input.raw === undefined ? {} : { raw: input.raw }),
          ...(input.contentType === undefined ? {} : { contentType: input.contentType }),
        });
        expect(reply.status).toBe(status);
        expect(reply.json.error.code).toBe(code);
        expect(typeof reply.json.error.message).toBe('string');
        expect(await count('SELECT count(*) AS n FROM kiosk_events')).toBe(before);
        expect(captured.lines.slice(logged).some((line) => line.code === code)).toBe(true);
      });

      it('refuses unknown query parameters and malformed cursors', async () => {
        const kiosk = client('KIOSCO-A');
        for (const path of [
          '/v1/paid-recibos?since=abc',
          '/v1/paid-recibos?since=1&evil=1',
          "/v1/pending-recibos?emisora=1'--",
          '/v1/pending-recibos?limit=5000',
        ]) {
          const reply = await kiosk.call('GET', path);
          expect(reply.status, path).toBe(400);
          expect(reply.json.error.code).toBe('central.bad_request');
        }
      });

      it('answers an unknown route with a typed 404', async () => {
        const reply = await client('KIOSCO-A').call('GET', '/v1/padron');
        expect(reply.status).toBe(404);
        expect(reply.json.error.code).toBe('central.not_found');
      });
    });

    describe('recibos', () => {
      it('stores both payments of one recibo by two kiosks and flags the second for refund', async () => {
        const first = await client('KIOSCO-A').call('POST', '/v1/events', {
          events: [event('pay-a', 60, 'recibo.pagado', pago(villademoRecibo, 'JUSTIFAAAA0001'))],
        });
        expect(first.json).toEqual({ stored: ['pay-a'], alreadyStored: [], refundRequired: [] });
        const second = await client('KIOSCO-B').call('POST', '/v1/events', {
          events: [event('pay-b', 60, 'recibo.pagado', pago(villademoRecibo, 'JUSTIFBBBB0001'))],
        });
        expect(second.json).toEqual({ stored: ['pay-b'], alreadyStored: [], refundRequired: ['pay-b'] });
        // A resend of the second payment stores nothing more.
        const resent = await client('KIOSCO-B').call('POST', '/v1/events', {
          events: [event('pay-b', 60, 'recibo.pagado', pago(villademoRecibo, 'JUSTIFBBBB0001'))],
        });
        expect(resent.json).toEqual({ stored: [], alreadyStored: ['pay-b'], refundRequired: [] });
        const { rows } = await opened.db.query<{
          id: number;
          kiosk_id: string;
          duplicate_of: number | null;
          refund_required: boolean;
          recibo_pendiente_id: number;
        }>(
          'SELECT id, kiosk_id, duplicate_of, refund_required, recibo_pendiente_id FROM recibos_pagados WHERE referencia = $1 ORDER BY id',
          [villademoRecibo.referencia],
        );
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({
          kiosk_id: 'KIOSCO-A',
          duplicate_of: null,
          refund_required: false,
          recibo_pendiente_id: villademoRecibo.id,
        });
        expect(rows[1]).toMatchObject({
          kiosk_id: 'KIOSCO-B',
          duplicate_of: rows[0]!.id,
          refund_required: true,
        });
      });

      it('refuses a justificante CSV already used by another payment, storing nothing of the batch', async () => {
        const before = await count('SELECT count(*) AS n FROM kiosk_events');
        const reply = await client('KIOSCO-A').call('POST', '/v1/events', {
          events: [
            event('pay-c0', 61),
            event('pay-c', 62, 'recibo.pagado', pago(villademoRecibo, 'JUSTIFAAAA0001')),
          ],
        });
        expect(reply.status).toBe(409);
        expect(reply.json.error.code).toBe('central.justificante_conflict');
        expect(await count('SELECT count(*) AS n FROM kiosk_events')).toBe(before);
      });

      it('gives paid-recibo deltas of the kiosk’s municipality only, with a cursor', async () => {
        const madrid = await client('KIOSCO-M').call('POST', '/v1/events', {
          events: [
            event('pay-m', 1, 'recibo.pagado', {
              ...pago(
                {
                  id: 0,
                  emisora: '280793',
                  referencia: '2500001234',
                  referencia_control: '46',
                  identificacion: '1100255334',
                  importe_cents: 12345,
                },
                'JUSTIFMMMM0001',
              ),
            }),
          ],
        });
        expect(madrid.status).toBe(200);
        const page = await client('KIOSCO-A').call('GET', '/v1/paid-recibos?since=0&limit=1');
        expect(page.json.recibos).toHaveLength(1);
        expect(page.json.more).toBe(true);
        expect(page.json.recibos[0]).toMatchObject({
          kioskId: 'KIOSCO-A',
          justificanteCsv: 'JUSTIFAAAA0001',
          refundRequired: false,
        });
        const rest = await client('KIOSCO-A').call('GET', `/v1/paid-recibos?since=${page.json.cursor}`);
        expect(rest.json.recibos.map((r: { justificanteCsv: string }) => r.justificanteCsv)).toEqual([
          'JUSTIFBBBB0001',
        ]);
        expect(rest.json.recibos[0].refundRequired).toBe(true);
        expect(rest.json.more).toBe(false);
        const nothing = await client('KIOSCO-A').call('GET', `/v1/paid-recibos?since=${rest.json.cursor}`);
        expect(nothing.json).toEqual({ recibos: [], cursor: rest.json.cursor, more: false });
        const madridView = await client('KIOSCO-M').call('GET', '/v1/paid-recibos');
        expect(madridView.json.recibos.map((r: { justificanteCsv: string }) => r.justificanteCsv)).toEqual([
          'JUSTIFMMMM0001',
        ]);
      });

      it('lists the pending recibos of the kiosk’s municipality only', async () => {
        const villademo = await client('KIOSCO-A').call('GET', '/v1/pending-recibos?limit=1000');
        expect(villademo.status).toBe(200);
        expect(villademo.json.recibos.length).toBeGreaterThan(0);
        expect(villademo.json.recibos.every((r: { emisora: string }) => r.emisora.startsWith('47186'))).toBe(
          true,
        );
        expect(villademo.json.recibos).not.toContainEqual(
          expect.objectContaining({ barcode: MADRID_BARCODE }),
        );
        const one = await client('KIOSCO-A').call(
          'GET',
          `/v1/pending-recibos?emisora=${villademoRecibo.emisora}&referencia=${villademoRecibo.referencia}`,
        );
        expect(one.json.recibos).toHaveLength(1);
        expect(one.json.recibos[0]).toMatchObject({ referencia: villademoRecibo.referencia, paid: true });
        const foreign = await client('KIOSCO-A').call(
          'GET',
          '/v1/pending-recibos?emisora=280793&referencia=2500001234',
        );
        expect(foreign.json.recibos).toEqual([]);
        const madrid = await client('KIOSCO-M').call('GET', '/v1/pending-recibos');
        expect(madrid.json.recibos.map((r: { barcode: string }) => r.barcode)).toEqual([MADRID_BARCODE]);
      });

      it('flags exactly one of two payments of one recibo sent at the same moment', async () => {
        const { rows } = await opened.db.query<PendingRow>(
          `SELECT id, emisora, referencia, referencia_control, identificacion, importe_cents FROM recibos_pendientes
            WHERE emisora LIKE '47186%' AND id <> $1 ORDER BY id LIMIT 1`,
          [villademoRecibo.id],
        );
        const recibo = rows[0]!;
        const [a, b] = await Promise.all([
          client('KIOSCO-A').call('POST', '/v1/events', {
            events: [event('race-a', 70, 'recibo.pagado', pago(recibo, 'JUSTIFRACE000A'))],
          }),
          client('KIOSCO-B').call('POST', '/v1/events', {
            events: [event('race-b', 70, 'recibo.pagado', pago(recibo, 'JUSTIFRACE000B'))],
          }),
        ]);
        expect([a.status, b.status]).toEqual([200, 200]);
        expect([...a.json.refundRequired, ...b.json.refundRequired]).toHaveLength(1);
        expect(
          await count('SELECT count(*) AS n FROM recibos_pagados WHERE referencia = $1 AND refund_required', [
            recibo.referencia,
          ]),
        ).toBe(1);
      });
    });

    describe('heartbeat', () => {
      it('records device states in the fleet health table, the latest replacing the previous', async () => {
        const kiosk = client('KIOSCO-A');
        const beat = (state: 'ok' | 'error') => ({
          kioskTime: '2026-11-23T09:59:58.000Z',
          softwareVersion: '0.1.0',
          outboxPending: state === 'ok' ? 0 : 12,
          devices: [
            {
              device: 'printer',
              state,
              ...(state === 'error' ? { code: 'printer.paper_out', detail: 'paper end sensor' } : {}),
            },
            { device: 'payment', state: 'ok' },
          ],
        });
        expect((await kiosk.call('POST', '/v1/heartbeat', beat('ok'))).json).toEqual({
          receivedAt: NOW.toISOString(),
        });
        expect((await kiosk.call('POST', '/v1/heartbeat', beat('error'))).status).toBe(200);
        const fleet = await fleetHealth(opened.db, '47186');
        const row = fleet.find((r) => r.kioskId === 'KIOSCO-A')!;
        expect(row.outboxPending).toBe(12);
        expect(row.devices[0]).toEqual({
          device: 'printer',
          state: 'error',
          code: 'printer.paper_out',
          detail: 'paper end sensor',
        });
        expect(row.lastSeen?.toISOString()).toBe(NOW.toISOString());
        expect(fleet.find((r) => r.kioskId === 'KIOSCO-B')?.lastSeen).toBeNull();
        expect(fleet.some((r) => r.municipality !== '47186')).toBe(false);
        const bad = await kiosk.call('POST', '/v1/heartbeat', {
          ...beat('ok'),
          devices: [{ device: 'printer', state: 'on fire' }],
        });
        expect(bad.status).toBe(400);
        expect(
          (await fleetHealth(opened.db, '47186')).find((r) => r.kioskId === 'KIOSCO-A')?.outboxPending,
        ).toBe(12);
      });
    });

    describe('verification', () => {
      async function get(path: string) {
        const response = await fetch(`${publicUrl}${path}`);
        const text = await response.text();
        return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
      }

      it('verifies a payment justificante as JSON and as a page', async () => {
        const json = await get('/v1/verify/JUSTIFBBBB0001');
        expect(json.status).toBe(200);
        expect(JSON.parse(json.text)).toMatchObject({
          found: true,
          kind: 'justificante',
          kioskId: 'KIOSCO-B',
          importeCents: villademoRecibo.importe_cents,
          refundRequired: true,
          municipality: VILLADEMO.name,
        });
        const page = await get('/verificar?csv=justifbbbb-0001');
        expect(page.status).toBe(200);
        expect(page.type).toMatch(/text\/html/);
        expect(page.text).toContain('<html lang="es">');
        expect(page.text).toContain('<label for="csv">');
        expect(page.text).toContain('este pago se devolverá');
        expect(page.text).toContain(villademoRecibo.referencia);
      });

      it('verifies a volante, masking the document number, and logs the verification', async () => {
        const { db } = opened;
        const { rows } = await db.query<{ persona_id: number; domicilio_id: number; documento: string }>(
          `SELECT i.persona_id, i.domicilio_id, p.documento FROM inscripciones i JOIN personas p ON p.id = i.persona_id
            WHERE p.documento_tipo = 'dni' AND i.fecha_baja IS NULL ORDER BY p.id LIMIT 1`,
        );
        const holder = rows[0]!;
        const { rows: inserted } = await db.query<{ id: number }>(
          `INSERT INTO volantes (csv, kind, persona_id, domicilio_id, kiosk_id, issued_at, valid_until, data_hash)
           VALUES ('VOLANTE0000000001', 'individual', $1, $2, 'KIOSCO-A', $3, $4, $5) RETURNING id`,
          [
            holder.persona_id,
            holder.domicilio_id,
            new Date('2026-11-20T10:00:00Z'),
            new Date('2027-02-20T10:00:00Z'),
            'ab'.repeat(32),
          ],
        );
        const json = JSON.parse((await get('/v1/verify/VOLANTE0000000001')).text);
        expect(json).toMatchObject({ found: true, kind: 'volante', tipo: 'individual', current: true });
        expect(json.titular.documento).toBe(`***${holder.documento.slice(3, 7)}**`);
        const page = await get('/verificar?csv=VOLANTE0000000001');
        expect(page.text).toContain('Auténtico y vigente');
        expect(page.text).not.toContain(holder.documento);
        expect(JSON.stringify(json)).not.toContain(holder.documento);
        expect(
          await count(
            `SELECT count(*) AS n FROM access_log WHERE action = 'volante_verified' AND actor = 'public' AND volante_id = $1`,
            [inserted[0]!.id],
          ),
        ).toBe(2);
      });

      it('says when a code is unknown or not a code, and what to do', async () => {
        const unknown = await get('/v1/verify/NOEXISTE00000000');
        expect(unknown.status).toBe(404);
        expect(JSON.parse(unknown.text)).toEqual({ found: false, csv: 'NOEXISTE00000000' });
        const unknownPage = await get('/verificar?csv=NOEXISTE00000000');
        expect(unknownPage.status).toBe(404);
        expect(unknownPage.text).toContain('No hay ningún documento con ese código');
        const invalid = await get(`/v1/verify/${encodeURIComponent("1' OR '1'='1")}`);
        expect(invalid.status).toBe(400);
        expect(JSON.parse(invalid.text).error.code).toBe('central.csv_invalid');
        const invalidPage = await get(`/verificar?csv=${encodeURIComponent('<script>alert(1)</script>')}`);
        expect(invalidPage.status).toBe(400);
        expect(invalidPage.text).toContain('aria-invalid="true"');
        expect(invalidPage.text).toContain('Escriba');
        expect(invalidPage.text).not.toContain('<script>');
        expect(invalidPage.text).toContain('&#60;script&#62;');
        const empty = await get('/verificar');
        expect(empty.status).toBe(200);
        expect(empty.text).toContain('<h1>Verificar un documento</h1>');
      });

      it('does not serve the sync API on the public listener', async () => {
        const response = await fetch(`${publicUrl}/v1/paid-recibos`);
        expect(response.status).toBe(404);
      });
    });
  });
}
