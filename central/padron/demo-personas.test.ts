/**
 * The demo's virtual DNIe people in central: the simulator's personas file becomes fixed personas of the
 * padrón (one household with other adults and minors, pending recibos of their own), and central's
 * citizen access accepts the simulator's cards as it would a DNIe (path to the written anchors, policy,
 * key usage, validity, signature, OCSP from the simulator's responder) and refuses the revoked and the
 * expired one. Central's tests may use the simulators (test/layering).
 */
import { constants, KeyObject, sign, type webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReciboBarcode } from '../../core/recibos/index.ts';
import {
  createDnieCa,
  createPersona,
  type DnieCa,
  MINOR_IDENTITY,
  ADULT_IDENTITY,
  type PersonaName,
  startPersonasOcsp,
  writeAnchors,
  writePersonas,
} from '../../simulators/dnie/index.ts';
import type { OcspResponder } from '../../simulators/ocsp/index.ts';
import type { Database } from '../db/index.ts';
import { migrate } from '../db/migrations.ts';
import { openPglite } from '../db/pglite-database.ts';
import { createDemoSeal, enrolKiosk, initCa, PKI_FILES, readCa } from '../service/admin.ts';
import { parseCentralConfig } from '../service/config.ts';
import { startCentral } from '../service/run.ts';
import { capturingLogger, kioskClient } from '../service/test-support.ts';
import { fixedPersonasFromFile, padronCase } from './demo-personas.ts';
import { generatePadron } from './generator.ts';
import { PadronGeneratorError } from './generator-error.ts';
import { ensureMunicipality, loadPadron } from './loader.ts';
import { seededRandom } from './prng.ts';

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const dir = mkdtempSync(path.join(tmpdir(), 'central-demo-personas-'));
let ca: DnieCa;
let personasText: string;

beforeAll(async () => {
  ca = await createDnieCa(NOW);
  personasText = readFileSync(await writePersonas(path.join(dir, 'personas.json'), NOW), 'utf8');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the personas file in the padrón', { timeout: 60_000 }, () => {
  it('reads the simulator’s people: María (every card but one) and her daughter Lucía', () => {
    const fixed = fixedPersonasFromFile(personasText, TODAY);
    expect(fixed.map((p) => [p.documento, p.nombre, p.apellido1, p.apellido2, p.recibosPendientes])).toEqual([
      [ADULT_IDENTITY.dni, 'María', 'Español', 'Especimen', 3],
      [MINOR_IDENTITY.dni, 'Lucía', 'García', 'Español', 2],
    ]);
    expect(new Set(fixed.map((p) => p.hogar)).size).toBe(1);
    expect(padronCase('DE LA FUENTE')).toBe('De la Fuente');
  });

  it('places them in one household with other adults and minors, each owing recibos', () => {
    const fixed = fixedPersonasFromFile(personasText, TODAY);
    const [household] = generatePadron(seededRandom(3), {
      municipality: { ineCode: '47186', name: 'Villademo' },
      people: 50,
      referenceDate: TODAY,
      fixedPersonas: fixed,
    });
    const members = household!.members;
    const age = (birth: string) => Number(TODAY.slice(0, 4)) - Number(birth.slice(0, 4));
    expect(members[0]!.documento).toBe(ADULT_IDENTITY.dni);
    expect(members.filter((m) => age(m.fechaNacimiento) >= 18).length).toBeGreaterThanOrEqual(3);
    expect(members.filter((m) => age(m.fechaNacimiento) < 18).length).toBeGreaterThanOrEqual(2);
    const lucia = members.findIndex((m) => m.documento === MINOR_IDENTITY.dni);
    expect(lucia).toBeGreaterThan(0);
    // Her father (a drawn member) has her first surname; a drawn sibling has both of hers.
    expect(members.some((m, i) => i !== lucia && m.sexo === 'H' && m.apellido1 === 'García')).toBe(true);
    const owed = (index: number) => household!.recibos.filter((r) => r.memberIndex === index);
    expect(owed(0)).toHaveLength(3);
    expect(owed(lucia)).toHaveLength(2);
    expect(owed(0).filter((r) => r.fechaLimite < TODAY)).toHaveLength(1);
    expect(owed(lucia).every((r) => r.fechaLimite >= TODAY)).toBe(true);
    for (const recibo of [...owed(0), ...owed(lucia)]) {
      const parsed = parseReciboBarcode(recibo.barcode);
      expect(parsed).toMatchObject({ emisora: '471860', referencia: recibo.referencia });
    }
  });

  it('refuses a personas file that is not what the simulator writes, with a typed error', () => {
    const good = JSON.parse(personasText) as Record<string, unknown>[];
    for (const bad of [
      'not json',
      '[]',
      JSON.stringify([{ ...good[0], dni: "99999002Q'; DROP TABLE personas; --" }]),
      JSON.stringify([{ ...good[0], birthDate: '1980-02-30' }]),
      JSON.stringify([{ ...good[0], extra: 1 }]),
    ])
      expect(() => fixedPersonasFromFile(bad, TODAY)).toThrow(PadronGeneratorError);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          fixedPersonasFromFile(JSON.stringify(value), TODAY);
        } catch (error) {
          expect(error).toBeInstanceOf(PadronGeneratorError);
        }
      }),
    );
  });
});

describe('central accepts the simulator’s cards as DNIe (citizen access)', { timeout: 60_000 }, () => {
  let db: Database;
  let responder: OcspResponder;
  let central: Awaited<ReturnType<typeof startCentral>>;
  let kiosk: ReturnType<typeof kioskClient>;
  const { logger } = capturingLogger('warn');

  beforeAll(async () => {
    const anchorsDir = path.join(dir, 'anchors');
    await writeAnchors(anchorsDir, ca);
    responder = await startPersonasOcsp(ca);
    db = await openPglite();
    await migrate(db);
    await ensureMunicipality(db, {
      ineCode: '47186',
      name: 'Ayuntamiento de Villademo',
      verificationUrl: 'http://127.0.0.1:8090/verificar',
    });
    const households = generatePadron(seededRandom(1), {
      municipality: { ineCode: '47186', name: 'Villademo' },
      people: 200,
      referenceDate: TODAY,
      fixedPersonas: fixedPersonasFromFile(personasText, TODAY),
    });
    await loadPadron(db, '47186', households);
    const pkiDir = path.join(dir, 'pki');
    await initCa(pkiDir, ['127.0.0.1'], NOW);
    await createDemoSeal(db, pkiDir, '47186', NOW);
    const credential = await enrolKiosk(db, await readCa(pkiDir), {
      kioskId: 'DEMO-001',
      municipality: '47186',
      now: NOW,
    });
    const config = parseCentralConfig({
      pkiDir,
      kioskListener: { host: '127.0.0.1', port: 0 },
      publicListener: { host: '127.0.0.1', port: 0 },
      citizenAccess: { anchorsDir, ocspUrl: responder.url, ocspFailurePolicy: 'fail-closed' },
    });
    central = await startCentral(config, logger, db);
    kiosk = kioskClient(
      central.kioskUrl,
      readFileSync(path.join(pkiDir, PKI_FILES.caCertificate), 'utf8'),
      credential,
    );
  }, 120_000);

  afterAll(async () => {
    kiosk?.close();
    await central?.close();
    await db?.close();
    await responder?.close();
  });

  async function volante(name: PersonaName, kind: 'individual' | 'colectivo') {
    const persona = await createPersona(name, { ca, now: NOW });
    const challenge = (await kiosk.call('POST', '/v1/citizen/challenge', { service: `volante.${kind}` }))
      .json;
    const key = KeyObject.from(persona.pki!.authentication.privateKey as webcrypto.CryptoKey);
    return kiosk.call('POST', '/v1/citizen/volante', {
      challengeId: challenge.challengeId,
      certificate: Buffer.from(persona.pki!.authentication.der).toString('base64'),
      signature: sign('sha256', Buffer.from(challenge.challenge, 'base64'), {
        key,
        padding: constants.RSA_PKCS1_PADDING,
      }).toString('base64'),
      kind,
    });
  }

  it('issues María’s volante colectivo: her household, minors included', async () => {
    const answered = responder.answered;
    const reply = await volante('adult', 'colectivo');
    expect(reply.status).toBe(200);
    const people = reply.json.document.personas as { nombre: string; documento: string | null }[];
    expect(people.length).toBeGreaterThanOrEqual(4);
    expect(people.map((p) => p.nombre)).toEqual(expect.arrayContaining(['María', 'Lucía']));
    expect(responder.answered).toBe(answered + 1);
  });

  it('her DNIe 2.0 card is the same person', async () => {
    expect((await volante('adult-dnie2', 'individual')).status).toBe(200);
  });

  it('Lucía gets an individual volante, not a colectivo', async () => {
    expect((await volante('minor', 'individual')).status).toBe(200);
    const refused = await volante('minor', 'colectivo');
    expect(refused.json.error.code).toBe('central.colectivo_not_allowed');
  });

  it('refuses the revoked card (OCSP) and the expired one (path)', async () => {
    expect((await volante('revoked', 'individual')).json.error.code).toBe(
      'central.citizen_certificate_revoked',
    );
    expect((await volante('expired', 'individual')).json.error.code).toBe(
      'central.citizen_certificate_invalid',
    );
  });

  it('the two of them owe their pending recibos in the database', async () => {
    const rows = await db.query<{ documento: string; total: number; vencidos: number }>(
      `SELECT p.documento, count(*)::int AS total, count(*) FILTER (WHERE r.fecha_limite < $1::date)::int AS vencidos
         FROM recibos_pendientes r JOIN personas p ON p.id = r.persona_id
        WHERE p.documento = ANY($2) GROUP BY p.documento ORDER BY p.documento`,
      [TODAY, [ADULT_IDENTITY.dni, MINOR_IDENTITY.dni]],
    );
    expect(rows.rows).toEqual([
      { documento: ADULT_IDENTITY.dni, total: 3, vencidos: 1 },
      { documento: MINOR_IDENTITY.dni, total: 2, vencidos: 0 },
    ]);
  });
});
