/**
 * For `*.test.ts` only: central's kiosk and public listeners on a fresh database with the small test
 * padrón, kiosks enrolled over a test kiosk CA, a local OCSP responder, the municipalities' seals, and
 * the test DNIe's signature. What a citizen-access test file needs before its first request.
 */
import { constants, randomBytes, sign } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { IssuedCertificate, TestPki } from '../../drivers/pki/testing/index.ts';
import { createTestPki, issueCitizen } from '../../drivers/pki/testing/index.ts';
import type { Database } from '../db/index.ts';
import { migrate } from '../db/migrations.ts';
import type { TestBackend } from '../db/test-backends.ts';
import { type OcspResponder, startOcspResponder } from '../../simulators/ocsp/index.ts';
import { enrolKiosk } from '../service/admin.ts';
import { createSealCredential, type IssuedCredential } from '../service/kiosk-ca.ts';
import { buildKioskApp, buildPublicApp } from '../service/server.ts';
import {
  capturingLogger,
  type KioskClient,
  type TestPki as KioskPki,
  kioskClient,
  makeTestPki,
  testValidity,
} from '../service/test-support.ts';
import {
  type CitizenAccess,
  certificateFingerprint,
  createCitizenAccess,
  loadSealKey,
  type OcspFailurePolicy,
  type SealKey,
  trustFromCertificates,
} from './index.ts';
import { MADRID, MADRID_DNI, MINOR_DNI, STRANGER_DNI, seedPadron, VILLADEMO } from './test-fixtures.ts';

export const HARNESS_NOW = new Date('2026-11-23T10:00:00.000Z');

/** The test DNIe PKI, made once per test file: RSA-2048 keys take a while. */
export interface DniePki {
  readonly pki: TestPki;
  readonly minor: IssuedCertificate;
  readonly madrid: IssuedCertificate;
  readonly stranger: IssuedCertificate;
}

export function makeDniePki(now: Date = HARNESS_NOW): DniePki {
  const pki = createTestPki(now);
  return {
    pki,
    minor: issueCitizen({ pki, serial: 2001, dni: MINOR_DNI }),
    madrid: issueCitizen({ pki, serial: 2002, dni: MADRID_DNI }),
    stranger: issueCitizen({ pki, serial: 2003, dni: STRANGER_DNI }),
  };
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** What the test DNIe's authentication key signs: the challenge bytes (base64 in, base64 out). */
export function signWith(pki: TestPki, challenge: string): string {
  return sign('sha256', Buffer.from(challenge, 'base64'), {
    key: pki.citizenKey.privateKey,
    padding: constants.RSA_PKCS1_PADDING,
  }).toString('base64');
}

export interface CitizenHarness {
  readonly db: Database;
  readonly kioskUrl: string;
  readonly publicUrl: string;
  readonly kioskPki: KioskPki;
  readonly responder: OcspResponder;
  readonly seal: SealKey;
  readonly otherSeal: SealKey;
  readonly captured: ReturnType<typeof capturingLogger>;
  /** Central's clock for the listeners; tests move it. */
  now: Date;
  /** A new keep-alive client presenting kiosk `kioskId`'s certificate; closed by `close()`. */
  client(kioskId: string): KioskClient;
  /** Any client (for one without a certificate); closed by `close()`. */
  track(client: KioskClient): KioskClient;
  accessWith(policy: OcspFailurePolicy, ocspUrl: string): CitizenAccess;
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

/** Villademo kiosks A and B, a Madrid kiosk M. */
export const HARNESS_KIOSKS = [
  ['KIOSCO-A', VILLADEMO.ineCode],
  ['KIOSCO-B', VILLADEMO.ineCode],
  ['KIOSCO-M', MADRID.ineCode],
] as const;

export async function startCitizenHarness(
  backend: TestBackend,
  purpose: string,
  dnie: DniePki,
): Promise<CitizenHarness> {
  const opened = await backend.open(purpose);
  const { db } = opened;
  const clients: KioskClient[] = [];
  const credentials: Record<string, IssuedCredential> = {};
  const captured = capturingLogger();
  let kioskApp: FastifyInstance<HttpsServer> | undefined;
  let publicApp: FastifyInstance | undefined;
  let responder: OcspResponder | undefined;
  const close = async () => {
    for (const c of clients) c.close();
    await kioskApp?.close();
    await publicApp?.close();
    await responder?.close();
    await opened.close();
  };
  try {
    await migrate(db);
    await seedPadron(db);
    const kioskPki = await makeTestPki();
    for (const [kioskId, municipality] of HARNESS_KIOSKS)
      credentials[kioskId] = await enrolKiosk(db, kioskPki.material, {
        kioskId,
        municipality,
        now: HARNESS_NOW,
      });
    const harness = { now: HARNESS_NOW } as { now: Date };
    const running = await startOcspResponder({
      issuer: dnie.pki.intermediate.certificate,
      signer: { certificate: dnie.pki.ocspResponder.certificate, privateKey: dnie.pki.keys.ocsp.privateKey },
      clock: () => harness.now,
    });
    responder = running;
    running.revoke(
      dnie.pki.revoked.certificate,
      new Date(HARNESS_NOW.getTime() - 86_400_000),
      'keyCompromise',
    );
    const villademo = await createSealCredential(VILLADEMO, testValidity(HARNESS_NOW));
    const seal = await loadSealKey(villademo.certificatePem, villademo.keyPem);
    const madrid = await createSealCredential(MADRID, testValidity(HARNESS_NOW));
    const otherSeal = await loadSealKey(madrid.certificatePem, madrid.keyPem);
    const accessWith = (policy: OcspFailurePolicy, ocspUrl: string): CitizenAccess =>
      createCitizenAccess({
        db,
        logger: captured.logger,
        trust: trustFromCertificates([dnie.pki.root.certificate, dnie.pki.intermediate.certificate]),
        ocspUrl,
        ocspTimeoutMs: 2_000,
        ocspFailurePolicy: policy,
        challengeTtlMs: 120_000,
        grantTtlMs: 300_000,
        volanteValidityMonths: 3,
        sealOf: (ine) => (ine === VILLADEMO.ineCode ? seal : ine === MADRID.ineCode ? otherSeal : undefined),
        random: (n) => new Uint8Array(randomBytes(n)),
      });
    const options = {
      db,
      logger: captured.logger,
      clock: () => harness.now,
      citizen: accessWith('fail-closed', running.url),
      sealFingerprintOf: (ine: string) =>
        ine === VILLADEMO.ineCode ? certificateFingerprint(seal.certificateDer) : undefined,
    };
    kioskApp = buildKioskApp(options, {
      certificatePem: kioskPki.server.certificatePem,
      keyPem: kioskPki.server.keyPem,
      kioskCaPem: kioskPki.ca.certificatePem,
    });
    publicApp = buildPublicApp(options);
    await kioskApp.listen({ host: '127.0.0.1', port: 0 });
    await publicApp.listen({ host: '127.0.0.1', port: 0 });
    const kioskUrl = `https://127.0.0.1:${(kioskApp.server.address() as AddressInfo).port}`;
    const track = (client: KioskClient) => {
      clients.push(client);
      return client;
    };
    return Object.assign(harness, {
      db,
      kioskUrl,
      publicUrl: `http://127.0.0.1:${(publicApp.server.address() as AddressInfo).port}`,
      kioskPki,
      responder: running,
      seal,
      otherSeal,
      captured,
      client: (kioskId: string) =>
        track(kioskClient(kioskUrl, kioskPki.ca.certificatePem, credentials[kioskId])),
      track,
      accessWith,
      async count(sql: string) {
        const { rows } = await db.query<{ n: number }>(sql);
        return Number(rows[0]!.n);
      },
      close,
    });
  } catch (error) {
    await close();
    throw error;
  }
}
