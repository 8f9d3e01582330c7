import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import { TEST_DNI } from '../../drivers/pki/testing/index.ts';
import { testBackends } from '../db/test-backends.ts';
import type { KioskClient } from '../service/test-support.ts';
import { defaultAvisoPrivacidad, setTextos } from '../service/textos.ts';
import { certificateFingerprint, checkSeal, VOLANTE_CSV } from './index.ts';
import {
  b64,
  type CitizenHarness,
  HARNESS_NOW,
  makeDniePki,
  signWith,
  startCitizenHarness,
} from './test-harness.ts';
import { dni, MADRID_DNI } from './test-fixtures.ts';

const NOW = HARNESS_NOW;
const dnie = makeDniePki(NOW);
const { pki } = dnie;
type Certificate = typeof pki.citizen;

for (const backend of await testBackends('central volante preview and pending recibos tests')) {
  describe.skipIf(!backend.available)(
    `volante preview, grants and pending recibos on ${backend.name}`,
    () => {
      let h: CitizenHarness;

      const counts = async () => ({
        volantes: await h.count('SELECT count(*) AS n FROM volantes'),
        log: await h.count('SELECT count(*) AS n FROM access_log'),
        grants: await h.count('SELECT count(*) AS n FROM citizen_grants'),
        grantsUsed: await h.count('SELECT count(*) AS n FROM citizen_grants WHERE used_at IS NOT NULL'),
      });

      /** A challenge for `service`, signed by `certificate`'s key: the body of a citizen route. */
      async function proof(kiosk: KioskClient, service: string, certificate: Certificate = pki.citizen) {
        const challenge = await kiosk.call('POST', '/v1/citizen/challenge', { service });
        expect(challenge.status).toBe(200);
        return {
          challengeId: challenge.json.challengeId as string,
          certificate: b64(certificate.der),
          signature: signWith(pki, challenge.json.challenge),
        };
      }

      async function preview(
        kiosk: KioskClient,
        kind: 'individual' | 'colectivo',
        certificate: Certificate = pki.citizen,
      ) {
        const body = { ...(await proof(kiosk, `volante.${kind}`, certificate)), kind };
        return kiosk.call('POST', '/v1/citizen/volante/preview', body);
      }

      const issue = (kiosk: KioskClient, grantId: string) =>
        kiosk.call('POST', '/v1/citizen/volante/issue', { grantId });

      async function personaId(documento: string): Promise<number> {
        const { rows } = await h.db.query<{ id: number }>('SELECT id FROM personas WHERE documento = $1', [
          documento,
        ]);
        return rows[0]!.id;
      }

      async function addRecibo(
        documento: string,
        emisora: string,
        referencia: string,
        tributo: string,
        importeCents: number,
        fechaLimite: string,
      ): Promise<void> {
        const [year, month, day] = fechaLimite.split('-').map(Number) as [number, number, number];
        const barcode = buildReciboBarcode({
          modalidad: 2,
          emisora,
          referencia,
          tributo,
          ejercicio: 2026,
          importeCents,
          fechaLimite: { year, month, day },
        });
        const parsed = parseReciboBarcode(barcode);
        await h.db.query(
          `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control,
           identificacion, tributo, ejercicio, importe_cents, fecha_limite, barcode)
         VALUES ($1, $2, 2, $3, $4, $5, $6, 2026, $7, $8, $9)`,
          [
            await personaId(documento),
            emisora,
            referencia,
            parsed.referenciaControl,
            parsed.identificacion,
            tributo,
            importeCents,
            fechaLimite,
            barcode,
          ],
        );
      }

      beforeAll(async () => {
        h = await startCitizenHarness(backend, 'citizenpreview', dnie);
        // María: two recibos of Villademo (the later one listed second, one already paid at a kiosk) and
        // one of Madrid's emisora; Juan, her partner, one of his own; Luis (Madrid) one of each town.
        await addRecibo(TEST_DNI, '471860', '2600000002', '100', 425_00, '2027-01-15');
        await addRecibo(TEST_DNI, '471860', '2600000001', '300', 80_50, '2026-12-10');
        await addRecibo(TEST_DNI, '471860', '2600000003', '999', 12_00, '2027-01-15');
        await addRecibo(TEST_DNI, '280790', '2600000004', '200', 99_00, '2026-12-01');
        await addRecibo(dni(99999013), '471860', '2600000005', '200', 60_00, '2026-12-20');
        await addRecibo(MADRID_DNI, '280790', '2600000006', '100', 700_00, '2027-02-01');
        await addRecibo(MADRID_DNI, '471860', '2600000007', '200', 45_00, '2027-02-01');
        await h.db.query(
          `INSERT INTO recibos_pagados (kiosk_id, emisora, referencia, referencia_control, identificacion,
           importe_cents, paid_at, justificante_csv)
         SELECT 'KIOSCO-B', emisora, referencia, referencia_control, identificacion, importe_cents, $1,
                'J00000000000001'
           FROM recibos_pendientes WHERE referencia = '2600000001'`,
          [NOW],
        );
      });

      afterAll(async () => {
        await h?.close();
      });

      describe('preview, then issue', () => {
        it('previews an individual volante with a grant, logs the access, and issues what it showed', async () => {
          const kiosk = h.client('KIOSCO-A');
          const before = await counts();
          const shown = await preview(kiosk, 'individual');
          expect(shown.status).toBe(200);
          expect(Object.keys(shown.json).sort()).toEqual(['expiresAt', 'grantId', 'kind', 'preview']);
          expect(shown.json.grantId).toMatch(/^[0-9a-f]{32}$/);
          expect(shown.json.expiresAt).toBe(new Date(NOW.getTime() + 300_000).toISOString());
          expect(shown.json.kind).toBe('individual');
          const { preview: content } = shown.json;
          expect(Object.keys(content).sort()).toEqual([
            'domicilio',
            'municipio',
            'personas',
            'textos',
            'validezMeses',
          ]);
          // No texts set for Villademo: central's notice naming it, no legal note.
          expect(content.textos).toEqual({
            avisoPrivacidad: defaultAvisoPrivacidad('Ayuntamiento de Villademo'),
            pieVolante: null,
          });
          expect(content.municipio).toEqual({ codigoIne: '47186', nombre: 'Ayuntamiento de Villademo' });
          expect(content.domicilio).toEqual({
            hoja: 1,
            direccion: 'calle Mayor 3, planta 2, puerta B',
            codigoPostal: '47100',
          });
          expect(content.personas).toHaveLength(1);
          expect(content.personas[0]).toMatchObject({ nombre: 'MARÍA', documento: TEST_DNI });
          expect(content.validezMeses).toBe(3);
          // Previewed, not issued: a grant and a log row, no volante.
          expect(await counts()).toEqual({
            ...before,
            log: before.log + 1,
            grants: before.grants + 1,
          });
          const log = await h.db.query<Record<string, unknown>>(
            `SELECT l.actor, l.kiosk_id, l.action, l.volante_id, p.documento
             FROM access_log l JOIN personas p ON p.id = l.persona_id ORDER BY l.id DESC LIMIT 1`,
          );
          expect(log.rows[0]).toEqual({
            actor: 'citizen',
            kiosk_id: 'KIOSCO-A',
            action: 'volante_previewed',
            volante_id: null,
            documento: TEST_DNI,
          });

          h.now = new Date(NOW.getTime() + 60_000);
          try {
            const issued = await issue(kiosk, shown.json.grantId);
            expect(issued.status).toBe(200);
            expect(Object.keys(issued.json).sort()).toEqual(
              [
                'canonical',
                'csv',
                'dataHash',
                'document',
                'issuedAt',
                'kind',
                'seal',
                'validUntil',
                'verificationUrl',
              ].sort(),
            );
            const volante = issued.json;
            expect(volante.csv).toMatch(VOLANTE_CSV);
            expect(volante.kind).toBe('individual');
            expect(volante.issuedAt).toBe(h.now.toISOString());
            expect(volante.document.municipio).toEqual(content.municipio);
            expect(volante.document.domicilio).toEqual(content.domicilio);
            expect(volante.document.personas).toEqual(content.personas);
            expect(volante.document.textos).toEqual(content.textos);
            expect(JSON.parse(volante.canonical)).toEqual(volante.document);
            expect(
              await checkSeal(
                new Uint8Array(Buffer.from(volante.seal, 'base64')),
                new TextEncoder().encode(volante.canonical),
              ),
            ).toEqual({ valid: true, signerFingerprint: certificateFingerprint(h.seal.certificateDer) });
            const grant = await h.db.query<{ used_at: Date; csv: string; action: string }>(
              `SELECT g.used_at, v.csv, l.action FROM citizen_grants g JOIN volantes v ON v.id = g.volante_id
               JOIN access_log l ON l.volante_id = v.id WHERE g.id = $1`,
              [shown.json.grantId],
            );
            expect(grant.rows).toEqual([{ used_at: h.now, csv: volante.csv, action: 'volante_issued' }]);

            // Single use.
            const spent = await counts();
            const again = await issue(kiosk, shown.json.grantId);
            expect(again.status).toBe(409);
            expect(again.json.error.code).toBe('central.grant_used');
            expect(again.json.error.message).toMatch(/ya se usó/);
            expect(await counts()).toEqual(spent);
          } finally {
            h.now = NOW;
          }
        });

        it('previews and issues a colectivo with everyone inscribed in the domicilio', async () => {
          const kiosk = h.client('KIOSCO-A');
          const shown = await preview(kiosk, 'colectivo');
          expect(shown.status).toBe(200);
          expect(shown.json.kind).toBe('colectivo');
          const names = shown.json.preview.personas.map((p: { nombre: string }) => p.nombre);
          expect(names).toEqual(['JUAN', 'MARÍA', 'LUCÍA']);
          const issued = await issue(kiosk, shown.json.grantId);
          expect(issued.status).toBe(200);
          expect(issued.json.document.clase).toBe('colectivo');
          expect(issued.json.document.personas).toEqual(shown.json.preview.personas);
        });

        it('refuses a colectivo preview to a minor, with no grant and no log row', async () => {
          const before = await counts();
          const refused = await preview(h.client('KIOSCO-A'), 'colectivo', dnie.minor);
          expect(refused.status).toBe(403);
          expect(refused.json.error.code).toBe('central.colectivo_not_allowed');
          expect(await counts()).toEqual(before);
        });

        it("refuses another kiosk's grant without spending it", async () => {
          const shown = await preview(h.client('KIOSCO-A'), 'individual');
          const before = await counts();
          const foreign = await issue(h.client('KIOSCO-B'), shown.json.grantId);
          expect(foreign.status).toBe(403);
          expect(foreign.json.error.code).toBe('central.grant_foreign');
          expect(await counts()).toEqual(before);
          expect((await issue(h.client('KIOSCO-A'), shown.json.grantId)).status).toBe(200);
        });

        it('refuses an expired grant, changing nothing', async () => {
          const kiosk = h.client('KIOSCO-A');
          const shown = await preview(kiosk, 'individual');
          const before = await counts();
          h.now = new Date(NOW.getTime() + 300_000);
          try {
            const late = await issue(kiosk, shown.json.grantId);
            expect(late.status).toBe(409);
            expect(late.json.error.code).toBe('central.grant_expired');
          } finally {
            h.now = NOW;
          }
          expect(await counts()).toEqual(before);
        });

        it('refuses an issue without a preview', async () => {
          const before = await counts();
          const reply = await issue(h.client('KIOSCO-A'), 'ab'.repeat(16));
          expect(reply.status).toBe(404);
          expect(reply.json.error.code).toBe('central.grant_unknown');
          expect(await counts()).toEqual(before);
        });

        it('lets only one of two simultaneous issues spend a grant', async () => {
          const shown = await preview(h.client('KIOSCO-A'), 'individual');
          const before = await counts();
          const replies = await Promise.all([
            issue(h.client('KIOSCO-A'), shown.json.grantId),
            issue(h.client('KIOSCO-A'), shown.json.grantId),
          ]);
          expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
          expect(replies.find((r) => r.status === 409)!.json.error.code).toBe('central.grant_used');
          expect(await counts()).toEqual({
            ...before,
            volantes: before.volantes + 1,
            log: before.log + 1,
            grantsUsed: before.grantsUsed + 1,
          });
        });

        it('refuses to issue when the padrón changed since the preview', async () => {
          const kiosk = h.client('KIOSCO-A');
          const shown = await preview(kiosk, 'colectivo');
          // Someone moves into the domicilio between the preview and the confirmation.
          const moved = await h.db.query<{ id: number }>(
            `INSERT INTO personas (documento_tipo, documento, nombre, apellido1, sexo, fecha_nacimiento,
             nacionalidad) VALUES (NULL, NULL, 'NUEVO', 'VECINO', 'H', '1990-01-01', 'ESP') RETURNING id`,
          );
          await h.db.query(
            `INSERT INTO inscripciones (persona_id, domicilio_id, fecha_alta, motivo_alta)
           SELECT $1, i.domicilio_id, '2026-11-23', 'cambio_residencia' FROM inscripciones i
             JOIN personas p ON p.id = i.persona_id WHERE p.documento = $2`,
            [moved.rows[0]!.id, TEST_DNI],
          );
          const before = await counts();
          const stale = await issue(kiosk, shown.json.grantId);
          expect(stale.status).toBe(409);
          expect(stale.json.error.code).toBe('central.grant_stale');
          expect(await counts()).toEqual(before);
          // A new preview shows the new household, and issues it.
          const fresh = await preview(kiosk, 'colectivo');
          expect(fresh.json.preview.personas).toHaveLength(4);
          expect((await issue(kiosk, fresh.json.grantId)).json.document.personas).toHaveLength(4);
        });

        it("seals the municipality's texts as previewed, and refuses a grant whose texts changed since", async () => {
          const kiosk = h.client('KIOSCO-A');
          const pieVolante = 'Este volante tiene carácter informativo (art. 61 RPDT).';
          const avisoPrivacidad =
            'Responsable: Ayuntamiento de Villademo. Derechos en la Oficina del Padrón.';
          await setTextos(h.db, '47186', { pieVolante, avisoPrivacidad });
          try {
            const shown = await preview(kiosk, 'individual');
            expect(shown.json.preview.textos).toEqual({ avisoPrivacidad, pieVolante });
            const issued = await issue(kiosk, shown.json.grantId);
            expect(issued.status).toBe(200);
            expect(issued.json.document.textos).toEqual({ avisoPrivacidad, pieVolante });
            expect(JSON.parse(issued.json.canonical).textos).toEqual({ avisoPrivacidad, pieVolante });
            const verified = await fetch(`${h.publicUrl}/v1/verify/${issued.json.csv}`);
            expect(await verified.json()).toMatchObject({ seal: 'valid', pieVolante });

            const before = await preview(kiosk, 'individual');
            await setTextos(h.db, '47186', { pieVolante: 'Otra nota legal.' });
            const counted = await counts();
            const stale = await issue(kiosk, before.json.grantId);
            expect(stale.status).toBe(409);
            expect(stale.json.error.code).toBe('central.grant_stale');
            expect(await counts()).toEqual(counted);
          } finally {
            await setTextos(h.db, '47186', { pieVolante: null, avisoPrivacidad: null });
          }
        });

        it.each([
          [
            'a signature over other bytes',
            (body: Record<string, string>) => {
              body.signature = signWith(pki, b64(new Uint8Array(32)));
            },
            'central.citizen_signature_invalid',
          ],
          [
            'a certificate of another CA',
            (body: Record<string, string>) => {
              body.certificate = b64(pki.foreignCitizen.certificate.der);
            },
            'central.citizen_certificate_invalid',
          ],
        ])('refuses a preview with %s: no grant, no log row', async (_what, tamper, code) => {
          const kiosk = h.client('KIOSCO-A');
          const body: Record<string, string> = {
            ...(await proof(kiosk, 'volante.individual')),
            kind: 'individual',
          };
          tamper(body);
          const before = await counts();
          const reply = await kiosk.call('POST', '/v1/citizen/volante/preview', body);
          expect(reply.status).toBe(403);
          expect(reply.json.error.code).toBe(code);
          expect(await counts()).toEqual(before);
        });

        it('refuses a preview with a challenge of the recibos service', async () => {
          const kiosk = h.client('KIOSCO-A');
          const body = { ...(await proof(kiosk, 'recibos.pendientes')), kind: 'individual' };
          const reply = await kiosk.call('POST', '/v1/citizen/volante/preview', body);
          expect(reply.status).toBe(403);
          expect(reply.json.error.code).toBe('central.challenge_foreign');
        });
      });

      describe('pending recibos of the citizen', () => {
        it('lists her own recibos of this municipality, by fecha límite and referencia, paid ones marked', async () => {
          const kiosk = h.client('KIOSCO-A');
          const before = await counts();
          const reply = await kiosk.call(
            'POST',
            '/v1/citizen/recibos-pendientes',
            await proof(kiosk, 'recibos.pendientes'),
          );
          expect(reply.status).toBe(200);
          expect(Object.keys(reply.json)).toEqual(['recibos']);
          const { recibos } = reply.json;
          expect(recibos.map((r: { referencia: string }) => r.referencia)).toEqual([
            '2600000001',
            '2600000002',
            '2600000003',
          ]);
          expect(recibos[0]).toEqual({
            emisora: '471860',
            referencia: '2600000001',
            // Discriminante 1, tributo 300, ejercicio 26, year 6, day 344 (10 December).
            identificacion: '1300266344',
            importeCents: 80_50,
            fechaLimite: '2026-12-10',
            modalidad: 2,
            tributo: '300',
            ejercicio: 2026,
            barcode: expect.stringMatching(/^905214718602600000001[0-9]{2}1300266344000080500$/),
            concepto: 'Tasa de recogida de basuras',
            paid: true,
          });
          expect(recibos[1]).toMatchObject({
            paid: false,
            concepto: 'Impuesto sobre Bienes Inmuebles (IBI)',
          });
          expect(recibos[2]).toMatchObject({ paid: false, concepto: null, tributo: '999' });
          const log = await h.db.query<Record<string, unknown>>(
            `SELECT l.kiosk_id, l.action, l.volante_id, p.documento
             FROM access_log l JOIN personas p ON p.id = l.persona_id ORDER BY l.id DESC LIMIT 1`,
          );
          expect(log.rows[0]).toEqual({
            kiosk_id: 'KIOSCO-A',
            action: 'recibos_consulted',
            volante_id: null,
            documento: TEST_DNI,
          });
          expect(await counts()).toEqual({ ...before, log: before.log + 1 });
          const line = h.captured.lines.find((l) => l.msg === 'pending recibos consulted');
          expect(line).toMatchObject({ kiosk: 'KIOSCO-A', recibos: 3 });
          expect(JSON.stringify(line)).not.toContain(TEST_DNI);
        });

        it("lists at a Madrid kiosk only Madrid's recibos, and no one not inscribed there", async () => {
          const kiosk = h.client('KIOSCO-M');
          const luis = await kiosk.call(
            'POST',
            '/v1/citizen/recibos-pendientes',
            await proof(kiosk, 'recibos.pendientes', dnie.madrid),
          );
          expect(luis.status).toBe(200);
          expect(luis.json.recibos.map((r: { referencia: string }) => r.referencia)).toEqual(['2600000006']);
          const maria = await kiosk.call(
            'POST',
            '/v1/citizen/recibos-pendientes',
            await proof(kiosk, 'recibos.pendientes'),
          );
          expect(maria.status).toBe(404);
          expect(maria.json.error.code).toBe('central.persona_unknown');
        });

        it('answers an empty list to a citizen who owes nothing', async () => {
          const kiosk = h.client('KIOSCO-A');
          const reply = await kiosk.call(
            'POST',
            '/v1/citizen/recibos-pendientes',
            await proof(kiosk, 'recibos.pendientes', dnie.minor),
          );
          expect(reply.status).toBe(200);
          expect(reply.json).toEqual({ recibos: [] });
        });

        it.each([
          [
            'a signature over other bytes',
            (body: Record<string, string>) => {
              body.signature = signWith(pki, b64(new Uint8Array(32)));
            },
            'central.citizen_signature_invalid',
          ],
          [
            'a revoked certificate',
            (body: Record<string, string>) => {
              body.certificate = b64(pki.revoked.certificate.der);
            },
            'central.citizen_certificate_revoked',
          ],
          [
            'a challenge of another kiosk',
            async (body: Record<string, string>) => {
              body.challengeId = (await proof(h.client('KIOSCO-B'), 'recibos.pendientes')).challengeId;
            },
            'central.challenge_foreign',
          ],
        ])('refuses %s with 403, logging no access', async (_what, tamper, code) => {
          const kiosk = h.client('KIOSCO-A');
          const body: Record<string, string> = await proof(kiosk, 'recibos.pendientes');
          await tamper(body);
          const before = await counts();
          const reply = await kiosk.call('POST', '/v1/citizen/recibos-pendientes', body);
          expect(reply.status).toBe(403);
          expect(reply.json.error.code).toBe(code);
          expect(await counts()).toEqual(before);
        });

        it('refuses a challenge of a volante service', async () => {
          const kiosk = h.client('KIOSCO-A');
          const reply = await kiosk.call(
            'POST',
            '/v1/citizen/recibos-pendientes',
            await proof(kiosk, 'volante.individual'),
          );
          expect(reply.status).toBe(403);
          expect(reply.json.error.code).toBe('central.challenge_foreign');
        });
      });

      describe('bad input', () => {
        const sqlish = "x'; DROP TABLE citizen_grants; --";

        async function unspent(challengeId: string): Promise<boolean> {
          const { rows } = await h.db.query<{ used_at: Date | null }>(
            'SELECT used_at FROM citizen_challenges WHERE id = $1',
            [challengeId],
          );
          return rows[0]!.used_at === null;
        }

        it.each([
          ['/v1/citizen/volante/preview', 'volante.individual', { kind: 'individual', extra: 'x' }],
          ['/v1/citizen/volante/preview', 'volante.individual', { kind: sqlish }],
          ['/v1/citizen/volante/preview', 'volante.individual', {}],
          ['/v1/citizen/recibos-pendientes', 'recibos.pendientes', { kind: 'individual' }],
          ['/v1/citizen/recibos-pendientes', 'recibos.pendientes', { signature: 'no base64!' }],
          ['/v1/citizen/recibos-pendientes', 'recibos.pendientes', { challengeId: sqlish }],
        ])(
          '%s refuses %s + %j with 400, challenge unspent, nothing changed',
          async (route, service, change) => {
            const kiosk = h.client('KIOSCO-A');
            const good = await proof(kiosk, service);
            const before = await counts();
            const reply = await kiosk.call('POST', route, { ...good, ...change });
            expect(reply.status).toBe(400);
            expect(reply.json.error.code).toBe('central.bad_request');
            expect(await counts()).toEqual(before);
            expect(await unspent(good.challengeId)).toBe(true);
          },
        );

        it.each([
          [{ grantId: sqlish }],
          [{ grantId: 'AB'.repeat(16) }],
          [{ grantId: 12 }],
          [{}],
          [{ grantId: 'ab'.repeat(16), kind: 'colectivo' }],
        ])('the issue route refuses %j with 400', async (body) => {
          const before = await counts();
          const reply = await h.client('KIOSCO-A').call('POST', '/v1/citizen/volante/issue', body);
          expect(reply.status).toBe(400);
          expect(reply.json.error.code).toBe('central.bad_request');
          expect(await counts()).toEqual(before);
        });

        it.each([
          '/v1/citizen/volante/preview',
          '/v1/citizen/volante/issue',
          '/v1/citizen/recibos-pendientes',
        ])('%s refuses malformed JSON and __proto__', async (route) => {
          const kiosk = h.client('KIOSCO-A');
          const before = await counts();
          for (const raw of ['{"grantId": ', '{"__proto__": {"x": 1}}']) {
            const reply = await kiosk.call('POST', route, undefined, { raw });
            expect(reply.status).toBe(400);
            expect(reply.json.error.code).toBe('central.malformed_json');
          }
          expect(await counts()).toEqual(before);
        });
      });
    },
  );
}
