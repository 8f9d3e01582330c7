import { createHash } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../drivers/common/canonical-json.ts';
import { migrate } from '../db/migrations.ts';
import { type OpenedDatabase, testBackends } from '../db/test-backends.ts';
import { generatePadron } from '../padron/generator.ts';
import { ensureMunicipality, loadPadron } from '../padron/loader.ts';
import { seededRandom } from '../padron/prng.ts';
import { enrolKiosk, revokeKiosk } from './admin.ts';
import type { IssuedCredential } from './kiosk-ca.ts';
import { buildKioskApp } from './server.ts';
import { capturingLogger, type KioskClient, kioskClient, makeTestPki, type TestPki } from './test-support.ts';
import { setTextos } from './textos.ts';

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
  hostingBody: 'Comunidad de Madrid',
};
/** spanish-formats.md §1.7 worked example: emisora 280793 (Madrid), ref 2500001234-46, 123,45 €. */
const MADRID_BARCODE = '905212807932500001234461100255334000123450';
const OFICINA_VILLADEMO = 'Oficina del Padrón, Plaza Mayor 1, de lunes a viernes de 9 a 14 h';

for (const backend of await testBackends('kiosk configuration route tests')) {
  describe.skipIf(!backend.available)(`GET /v1/kiosk-config on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    let pki: TestPki;
    let app: FastifyInstance<HttpsServer>;
    let url: string;
    const clients: KioskClient[] = [];
    const credentials: Record<string, IssuedCredential> = {};
    const captured = capturingLogger('warn');

    function client(kioskId: string | 'none'): KioskClient {
      const created = kioskClient(
        url,
        pki.ca.certificatePem,
        kioskId === 'none' ? undefined : credentials[kioskId],
      );
      clients.push(created);
      return created;
    }

    beforeAll(async () => {
      opened = await backend.open('kioskconfig');
      const { db } = opened;
      await migrate(db);
      await ensureMunicipality(db, VILLADEMO);
      await ensureMunicipality(db, MADRID);
      await loadPadron(
        db,
        '47186',
        generatePadron(seededRandom(3), {
          municipality: { ineCode: '47186', name: 'Villademo' },
          people: 40,
          referenceDate: '2026-11-23',
        }),
      );
      // A Madrid recibo of an emisora other than the ayuntamiento's own (280790).
      await db.query(
        `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control, identificacion,
           tributo, ejercicio, importe_cents, fecha_limite, barcode)
         VALUES ((SELECT min(id) FROM personas), '280793', 2, '2500001234', '46', '1100255334', '100', 2025, 12345,
           '2025-11-30', $1)`,
        [MADRID_BARCODE],
      );
      await setTextos(db, '47186', { oficinaAtencion: OFICINA_VILLADEMO, pieVolante: 'Nota de Villademo.' });
      await setTextos(db, '28079', { avisoPrivacidad: 'Aviso de Madrid.' });

      pki = await makeTestPki();
      for (const [kioskId, municipality] of [
        ['KIOSCO-V', '47186'],
        ['KIOSCO-M', '28079'],
        ['KIOSCO-R', '47186'],
      ] as const)
        credentials[kioskId] = await enrolKiosk(db, pki.material, { kioskId, municipality, now: NOW });
      await revokeKiosk(db, 'KIOSCO-R', NOW);

      app = buildKioskApp(
        { db, logger: captured.logger, clock: () => NOW },
        {
          certificatePem: pki.server.certificatePem,
          keyPem: pki.server.keyPem,
          kioskCaPem: pki.ca.certificatePem,
        },
      );
      await app.listen({ host: '127.0.0.1', port: 0 });
      url = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const c of clients) c.close();
      await app?.close();
      await opened?.close();
    });

    it('gives each kiosk its own municipality, texts and emisoras, and nothing of the other', async () => {
      const villademo = await client('KIOSCO-V').call('GET', '/v1/kiosk-config');
      expect(villademo.status).toBe(200);
      expect(villademo.json).toEqual({
        municipality: {
          ineCode: '47186',
          name: 'Ayuntamiento de Villademo',
          verificationUrl: 'https://sede.villademo.example/verificar',
          hostedBy: null,
        },
        textos: {
          avisoPrivacidad: null,
          pieVolante: 'Nota de Villademo.',
          oficinaAtencion: OFICINA_VILLADEMO,
        },
        emisoras: ['471860'],
        version: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      const madrid = await client('KIOSCO-M').call('GET', '/v1/kiosk-config');
      expect(madrid.status).toBe(200);
      expect(madrid.json).toEqual({
        municipality: {
          ineCode: '28079',
          name: 'Ayuntamiento de Madrid',
          verificationUrl: 'https://sede.madrid.example/verificar',
          hostedBy: 'Comunidad de Madrid',
        },
        textos: { avisoPrivacidad: 'Aviso de Madrid.', pieVolante: null, oficinaAtencion: null },
        // The ayuntamiento's own emisora even without recibos, and the one its pending recibos use.
        emisoras: ['280790', '280793'],
        version: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(madrid.text).not.toContain('Villademo');
      expect(madrid.json.version).not.toBe(villademo.json.version);
    });

    it('versions the answer by the SHA-256 of its canonical JSON, which moves when a text changes', async () => {
      const kiosk = client('KIOSCO-V');
      const first = (await kiosk.call('GET', '/v1/kiosk-config')).json;
      const { version, ...content } = first;
      expect(version).toBe(createHash('sha256').update(canonicalJson(content)).digest('hex'));
      expect((await kiosk.call('GET', '/v1/kiosk-config')).json.version).toBe(version);

      await setTextos(opened.db, '47186', { avisoPrivacidad: 'Aviso nuevo de Villademo.' });
      const second = (await kiosk.call('GET', '/v1/kiosk-config')).json;
      expect(second.textos.avisoPrivacidad).toBe('Aviso nuevo de Villademo.');
      expect(second.version).not.toBe(version);
      await setTextos(opened.db, '47186', { avisoPrivacidad: null });
      expect((await kiosk.call('GET', '/v1/kiosk-config')).json.version).toBe(version);
    });

    it.each([
      ['KIOSCO-R', 'central.kiosk_revoked'],
      ['none', 'central.kiosk_certificate_missing'],
    ])('refuses %s with 403 %s', async (kioskId, code) => {
      const reply = await client(kioskId).call('GET', '/v1/kiosk-config');
      expect(reply.status).toBe(403);
      expect(reply.json.error.code).toBe(code);
      expect(reply.text).not.toContain('Villademo');
    });

    it('refuses a query parameter rather than ignore it', async () => {
      const reply = await client('KIOSCO-V').call('GET', '/v1/kiosk-config?municipality=28079');
      expect(reply.status).toBe(400);
      expect(reply.json.error.code).toBe('central.bad_request');
    });
  });
}
