import type { CitizenCertificate } from '../../drivers/pki/index.ts';
import { TEST_DNI } from '../../drivers/pki/testing/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../db/test-backends.ts';
import { startOcspResponder } from '../../simulators/ocsp/index.ts';
import { kioskClient } from '../service/test-support.ts';
import { defaultAvisoPrivacidad } from '../service/textos.ts';
import { certificateFingerprint, checkSeal, type OcspFailurePolicy, VOLANTE_CSV } from './index.ts';
import {
  b64,
  type CitizenHarness,
  HARNESS_NOW,
  makeDniePki,
  signWith,
  startCitizenHarness,
} from './test-harness.ts';
import { VILLADEMO } from './test-fixtures.ts';

const NOW = HARNESS_NOW;

// One PKI for both backends: two RSA-2048 keys take a while.
const dnie = makeDniePki(NOW);
const dniePki = dnie.pki;
const minorCert = dnie.minor;
const madridCert = dnie.madrid;
const strangerCert = dnie.stranger;

const signChallenge = (challenge: string): string => signWith(dniePki, challenge);

for (const backend of await testBackends('central citizen access tests')) {
  describe.skipIf(!backend.available)(`citizen access and volantes on ${backend.name}`, () => {
    let h: CitizenHarness;
    const client = (name: string) => h.client(name);
    const count = (sql: string) => h.count(sql);

    const dataCounts = async () => ({
      volantes: await count('SELECT count(*) AS n FROM volantes'),
      log: await count('SELECT count(*) AS n FROM access_log'),
    });

    /** Challenge, DNIe signature, volante request: the kiosk's whole exchange. */
    async function request(
      kiosk: ReturnType<typeof client>,
      kind: 'individual' | 'colectivo',
      certificate: CitizenCertificate = dniePki.citizen.certificate,
      tamper?: (body: Record<string, string>) => void,
    ) {
      const challenge = await kiosk.call('POST', '/v1/citizen/challenge', { service: `volante.${kind}` });
      expect(challenge.status).toBe(200);
      const body: Record<string, string> = {
        challengeId: challenge.json.challengeId,
        certificate: b64(certificate.der),
        signature: signChallenge(challenge.json.challenge),
        kind,
      };
      tamper?.(body);
      return kiosk.call('POST', '/v1/citizen/volante', body);
    }

    beforeAll(async () => {
      h = await startCitizenHarness(backend, 'citizen', dnie);
    });

    afterAll(async () => {
      await h?.close();
    });

    describe('issuance', () => {
      it('issues an individual volante, sealed, stored and logged with ids only', async () => {
        const reply = await request(client('KIOSCO-A'), 'individual');
        expect(reply.status).toBe(200);
        const volante = reply.json;
        expect(volante.csv).toMatch(VOLANTE_CSV);
        expect(volante.kind).toBe('individual');
        expect(volante.issuedAt).toBe(NOW.toISOString());
        expect(volante.validUntil).toBe('2027-02-23T10:00:00.000Z');
        expect(volante.verificationUrl).toBe(`${VILLADEMO.verificationUrl}?csv=${volante.csv}`);
        expect(volante.document.personas).toHaveLength(1);
        expect(volante.document.personas[0]).toMatchObject({ nombre: 'MARÍA', documento: TEST_DNI });
        expect(volante.document.domicilio).toEqual({
          hoja: 1,
          direccion: 'calle Mayor 3, planta 2, puerta B',
          codigoPostal: '47100',
        });
        // Sealed with the rest: Villademo has set no texts, so central's notice naming it and no note.
        expect(volante.document.textos).toEqual({
          avisoPrivacidad: defaultAvisoPrivacidad(VILLADEMO.name),
          pieVolante: null,
        });
        const content = new TextEncoder().encode(volante.canonical);
        expect(JSON.parse(volante.canonical)).toEqual(volante.document);
        expect(await checkSeal(new Uint8Array(Buffer.from(volante.seal, 'base64')), content)).toEqual({
          valid: true,
          signerFingerprint: certificateFingerprint(h.seal.certificateDer),
        });

        const stored = await h.db.query<Record<string, unknown>>(
          `SELECT v.kind, v.kiosk_id, v.data_hash, v.document, p.documento
             FROM volantes v JOIN personas p ON p.id = v.persona_id WHERE v.csv = $1`,
          [volante.csv],
        );
        expect(stored.rows[0]).toEqual({
          kind: 'individual',
          kiosk_id: 'KIOSCO-A',
          data_hash: volante.dataHash,
          document: volante.canonical,
          documento: TEST_DNI,
        });
        const log = await h.db.query<Record<string, unknown>>(
          `SELECT l.actor, l.kiosk_id, l.action, l.purpose, l.actor_account, l.occurred_at, p.documento
             FROM access_log l JOIN personas p ON p.id = l.persona_id
             JOIN volantes v ON v.id = l.volante_id WHERE v.csv = $1`,
          [volante.csv],
        );
        expect(log.rows).toEqual([
          {
            actor: 'citizen',
            kiosk_id: 'KIOSCO-A',
            action: 'volante_issued',
            purpose: null,
            actor_account: null,
            occurred_at: NOW,
            documento: TEST_DNI,
          },
        ]);
        const line = h.captured.lines.find((l) => l.msg === 'volante issued' && l.kiosk === 'KIOSCO-A');
        expect(JSON.stringify(line)).not.toContain(TEST_DNI);
      });

      it('issues a colectivo with everyone inscribed in the domicilio, minors included, and no one else', async () => {
        const reply = await request(client('KIOSCO-A'), 'colectivo');
        expect(reply.status).toBe(200);
        const names = reply.json.document.personas.map((p: { nombre: string }) => p.nombre);
        expect(names).toEqual(['JUAN', 'MARÍA', 'LUCÍA']);
        expect(reply.json.document.clase).toBe('colectivo');
      });

      it('refuses a colectivo to a minor, and gives him an individual one', async () => {
        const before = await dataCounts();
        const refused = await request(client('KIOSCO-A'), 'colectivo', minorCert.certificate);
        expect(refused.status).toBe(403);
        expect(refused.json.error.code).toBe('central.colectivo_not_allowed');
        expect(await dataCounts()).toEqual(before);
        const individual = await request(client('KIOSCO-A'), 'individual', minorCert.certificate);
        expect(individual.status).toBe(200);
        expect(individual.json.document.personas).toHaveLength(1);
      });

      it('shows the volante on the verification JSON with its seal valid and the document masked', async () => {
        const issued = (await request(client('KIOSCO-B'), 'individual')).json;
        const response = await fetch(`${h.publicUrl}/v1/verify/${issued.csv}`);
        // biome-ignore lint/suspicious/noExplicitAny: the test asserts on whatever shape the answer has.
        const json: any = await response.json();
        expect(json).toMatchObject({
          found: true,
          kind: 'volante',
          seal: 'valid',
          dataHash: issued.dataHash,
        });
        expect(json.titular.documento).not.toBe(TEST_DNI);
        const page = await (await fetch(`${h.publicUrl}/verificar?csv=${issued.csv}`)).text();
        expect(page).toContain('Auténtico y vigente');
        expect(page).toContain('Sello electrónico del ayuntamiento');
      });

      it('reports a tampered stored document and a seal by another key as not valid', async () => {
        const first = (await request(client('KIOSCO-A'), 'individual')).json;
        const tampered = first.canonical.replace('"MARÍA"', '"MARTA"');
        expect(
          (
            await checkSeal(
              new Uint8Array(Buffer.from(first.seal, 'base64')),
              new TextEncoder().encode(tampered),
            )
          ).valid,
        ).toBe(false);
        // The database is the attacker here: the log trigger does not cover volantes.
        await h.db.query('UPDATE volantes SET document = $1 WHERE csv = $2', [tampered, first.csv]);
        // biome-ignore lint/suspicious/noExplicitAny: the test asserts on whatever shape the answer has.
        const json: any = await (await fetch(`${h.publicUrl}/v1/verify/${first.csv}`)).json();
        expect(json.seal).toBe('invalid');
        const page = await (await fetch(`${h.publicUrl}/verificar?csv=${first.csv}`)).text();
        expect(page).toContain('no acepte este documento');
        expect(page).not.toContain('Auténtico y vigente');

        // A volante sealed with Madrid's key presented as Villademo's.
        const second = (await request(client('KIOSCO-A'), 'individual')).json;
        const { sealContent } = await import('./seal.ts');
        const forged = await sealContent(h.otherSeal, new TextEncoder().encode(second.canonical), NOW);
        await h.db.query('UPDATE volantes SET seal = $1 WHERE csv = $2', [b64(forged), second.csv]);
        const forgedJson = (await (await fetch(`${h.publicUrl}/v1/verify/${second.csv}`)).json()) as {
          seal: string;
        };
        expect(forgedJson.seal).toBe('invalid');
      });
    });

    describe('challenges', () => {
      it('refuses a replayed challenge', async () => {
        const kiosk = client('KIOSCO-A');
        const challenge = (
          await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' })
        ).json;
        const body = {
          challengeId: challenge.challengeId,
          certificate: b64(dniePki.citizen.certificate.der),
          signature: signChallenge(challenge.challenge),
          kind: 'individual',
        };
        expect((await kiosk.call('POST', '/v1/citizen/volante', body)).status).toBe(200);
        const before = await dataCounts();
        const again = await kiosk.call('POST', '/v1/citizen/volante', body);
        expect(again.status).toBe(409);
        expect(again.json.error.code).toBe('central.challenge_used');
        expect(again.json.error.message).toMatch(/ya se usó/);
        expect(await dataCounts()).toEqual(before);
      });

      it('lets only one of two simultaneous requests use a challenge', async () => {
        const kiosk = client('KIOSCO-A');
        const challenge = (
          await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' })
        ).json;
        const body = {
          challengeId: challenge.challengeId,
          certificate: b64(dniePki.citizen.certificate.der),
          signature: signChallenge(challenge.challenge),
          kind: 'individual',
        };
        const replies = await Promise.all([
          client('KIOSCO-A').call('POST', '/v1/citizen/volante', body),
          client('KIOSCO-A').call('POST', '/v1/citizen/volante', body),
        ]);
        expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      });

      it('refuses an expired challenge', async () => {
        const kiosk = client('KIOSCO-A');
        const before = await dataCounts();
        try {
          const reply = await request(kiosk, 'individual', undefined, () => {
            h.now = new Date(NOW.getTime() + 121_000);
          });
          expect(reply.status).toBe(409);
          expect(reply.json.error.code).toBe('central.challenge_expired');
        } finally {
          h.now = NOW;
        }
        expect(await dataCounts()).toEqual(before);
      });

      it("refuses another kiosk's challenge without spending it, and one for another service", async () => {
        const owner = client('KIOSCO-B');
        const challenge = (
          await owner.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' })
        ).json;
        const body = {
          challengeId: challenge.challengeId,
          certificate: b64(dniePki.citizen.certificate.der),
          signature: signChallenge(challenge.challenge),
          kind: 'individual',
        };
        const foreign = await client('KIOSCO-A').call('POST', '/v1/citizen/volante', body);
        expect(foreign.status).toBe(403);
        expect(foreign.json.error.code).toBe('central.challenge_foreign');
        const otherService = await owner.call('POST', '/v1/citizen/volante', { ...body, kind: 'colectivo' });
        expect(otherService.json.error.code).toBe('central.challenge_foreign');
        expect((await owner.call('POST', '/v1/citizen/volante', body)).status).toBe(200);

        const recibos = (await owner.call('POST', '/v1/citizen/challenge', { service: 'recibos.pendientes' }))
          .json;
        const wrongService = await owner.call('POST', '/v1/citizen/volante', {
          ...body,
          challengeId: recibos.challengeId,
          signature: signChallenge(recibos.challenge),
        });
        expect(wrongService.json.error.code).toBe('central.challenge_foreign');
      });

      it('refuses an unknown challenge', async () => {
        const reply = await request(client('KIOSCO-A'), 'individual', undefined, (body) => {
          body.challengeId = '0'.repeat(32);
        });
        expect(reply.status).toBe(404);
        expect(reply.json.error.code).toBe('central.challenge_unknown');
      });

      it('answers a challenge bound to the service, fresh each time and expiring after the TTL', async () => {
        const kiosk = client('KIOSCO-A');
        const a = (await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.colectivo' })).json;
        const b = (await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.colectivo' })).json;
        expect(a.service).toBe('volante.colectivo');
        expect(a.challengeId).not.toBe(b.challengeId);
        expect(Buffer.from(a.challenge, 'base64')).toHaveLength(32);
        expect(a.challenge).not.toBe(b.challenge);
        expect(a.expiresAt).toBe(new Date(NOW.getTime() + 120_000).toISOString());
      });
    });

    describe('certificates and signatures', () => {
      it.each([
        [
          'not chaining to the DNIe anchors',
          () => dniePki.foreignCitizen.certificate,
          'central.citizen_certificate_invalid',
          403,
        ],
        ['expired', () => dniePki.expired.certificate, 'central.citizen_certificate_invalid', 403],
        [
          'of the signing (not authentication) policy',
          () => dniePki.wrongPolicy.certificate,
          'central.citizen_certificate_invalid',
          403,
        ],
        ['revoked (OCSP)', () => dniePki.revoked.certificate, 'central.citizen_certificate_revoked', 403],
        ['of a DNI not in the padrón', () => strangerCert.certificate, 'central.persona_unknown', 404],
        [
          'of a persona of another municipality',
          () => madridCert.certificate,
          'central.persona_unknown',
          404,
        ],
      ])('refuses a certificate %s, changing nothing', async (_what, certificate, code, status) => {
        const before = await dataCounts();
        const reply = await request(client('KIOSCO-A'), 'individual', certificate());
        expect(reply.status).toBe(status);
        expect(reply.json.error.code).toBe(code);
        expect(reply.json.error.message).toMatch(/DNI|padrón/);
        expect(await dataCounts()).toEqual(before);
        expect(h.captured.lines.some((l) => l.code === code && l.msg === 'request refused')).toBe(true);
      });

      it('refuses a signature over other bytes', async () => {
        const before = await dataCounts();
        const reply = await request(client('KIOSCO-A'), 'individual', undefined, (body) => {
          body.signature = signChallenge(b64(new Uint8Array(32)));
        });
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe('central.citizen_signature_invalid');
        expect(await dataCounts()).toEqual(before);
      });

      it('refuses when the responder is down (fail-closed) and issues with a warning (allow-with-log)', async () => {
        const down = await startOcspResponder({
          issuer: dniePki.intermediate.certificate,
          signer: {
            certificate: dniePki.ocspResponder.certificate,
            privateKey: dniePki.keys.ocsp.privateKey,
          },
        });
        const deadUrl = down.url;
        await down.close();
        const kiosk = { kioskId: 'KIOSCO-A', municipality: '47186' };
        const attempt = async (policy: OcspFailurePolicy) => {
          const citizen = h.accessWith(policy, deadUrl);
          const challenge = await citizen.challenge(kiosk, 'volante.individual', NOW);
          return citizen.volante(
            kiosk,
            {
              challengeId: challenge.challengeId,
              certificate: b64(dniePki.citizen.certificate.der),
              signature: signChallenge(challenge.challenge),
              kind: 'individual',
            },
            NOW,
          );
        };
        const before = await dataCounts();
        await expect(attempt('fail-closed')).rejects.toMatchObject({
          code: 'central.revocation_unavailable',
          status: 503,
        });
        expect(await dataCounts()).toEqual(before);
        const issued = await attempt('allow-with-log');
        expect(issued.csv).toMatch(VOLANTE_CSV);
        expect(
          h.captured.lines.some(
            (l) =>
              l.code === 'central.revocation_unavailable' && l.policy === 'allow-with-log' && l.level === 40,
          ),
        ).toBe(true);
      });
    });

    describe('bad input', () => {
      const sqlish = "x'; DROP TABLE volantes; --";
      it.each([
        ['SQL in the challenge id', { challengeId: sqlish }],
        ['SQL in the kind', { kind: sqlish }],
        ['a certificate that is not base64', { certificate: `${sqlish}==` }],
        ['a signature that is not base64', { signature: 'no base64!' }],
        ['an unknown field', { extra: 'x' }],
        ['a number for the certificate', { certificate: 12 }],
        ['an oversized certificate', { certificate: 'A'.repeat(8_196) }],
      ])('refuses %s with 400 and changes nothing', async (_what, change) => {
        const before = await dataCounts();
        const kiosk = client('KIOSCO-A');
        const challenge = (
          await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' })
        ).json;
        const body = {
          challengeId: challenge.challengeId,
          certificate: b64(dniePki.citizen.certificate.der),
          signature: signChallenge(challenge.challenge),
          kind: 'individual',
          ...change,
        };
        const reply = await kiosk.call('POST', '/v1/citizen/volante', body);
        expect(reply.status).toBe(400);
        expect(reply.json.error.code).toBe('central.bad_request');
        expect(await dataCounts()).toEqual(before);
        // A malformed request does not spend the challenge.
        const used = await h.db.query<{ used_at: Date | null }>(
          'SELECT used_at FROM citizen_challenges WHERE id = $1',
          [challenge.challengeId],
        );
        expect(used.rows[0]!.used_at).toBeNull();
      });

      it('refuses base64 that is not a certificate as an invalid certificate', async () => {
        const reply = await request(client('KIOSCO-A'), 'individual', undefined, (body) => {
          body.certificate = b64(new TextEncoder().encode(sqlish));
        });
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe('central.citizen_certificate_invalid');
      });

      it.each([
        [{ service: sqlish }],
        [{ service: 'volante.todos' }],
        [{}],
        [{ service: 'volante.individual', kiosk: 'KIOSCO-B' }],
      ])('refuses the challenge request %j', async (body) => {
        const before = await count('SELECT count(*) AS n FROM citizen_challenges');
        const reply = await client('KIOSCO-A').call('POST', '/v1/citizen/challenge', body);
        expect(reply.status).toBe(400);
        expect(await count('SELECT count(*) AS n FROM citizen_challenges')).toBe(before);
      });

      it('refuses a kiosk without a certificate before anything else', async () => {
        const anonymous = h.track(kioskClient(h.kioskUrl, h.kioskPki.ca.certificatePem));
        const reply = await anonymous.call('POST', '/v1/citizen/challenge', {
          service: 'volante.individual',
        });
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe('central.kiosk_certificate_missing');
      });
    });
  });
}
