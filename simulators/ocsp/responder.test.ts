/**
 * The local OCSP responder, checked by the kiosk's own OCSP code (drivers/pki): a simulator test may use
 * the driver as the independent checker of what the simulator answers (test/layering).
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOcspRequest,
  checkOcspResponse,
  OcspResponseError,
  parseCertificate,
} from '../../drivers/pki/index.ts';
import { createTestPki } from '../../drivers/pki/testing/index.ts';
import { answerOcspRequest, type OcspResponder, startOcspResponder } from './responder.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const pki = createTestPki(NOW);

async function post(url: string, body: Uint8Array): Promise<{ status: number; der: Uint8Array }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/ocsp-request' },
    body,
  });
  return { status: response.status, der: new Uint8Array(await response.arrayBuffer()) };
}

/** certStatus of each SingleResponse, read with pkijs: 0 good, 1 revoked, 2 unknown. */
function statusTags(der: Uint8Array): number[] {
  const response = new pkijs.OCSPResponse({ schema: asn1js.fromBER(der.slice().buffer).result });
  const bytes = response.responseBytes!.response.valueBlock.valueHexView.slice().buffer;
  const basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(bytes).result });
  return basic.tbsResponseData.responses.map((r) => (r.certStatus as asn1js.BaseBlock).idBlock.tagNumber);
}

// Generous timeouts: the machine's two cores are shared, and each answer is an RSA signature.
describe('local OCSP responder (test infrastructure)', { timeout: 60_000 }, () => {
  let responder: OcspResponder;

  beforeAll(async () => {
    responder = await startOcspResponder({
      issuer: pki.intermediate.certificate,
      signer: { certificate: pki.ocspResponder.certificate, privateKey: pki.keys.ocsp.privateKey },
      clock: () => NOW,
    });
    responder.revoke(pki.revoked.certificate, new Date(NOW.getTime() - 3_600_000), 'keyCompromise');
  });
  afterAll(() => responder?.close());

  it.each([
    ['good', () => pki.citizen.certificate],
    ['revoked', () => pki.revoked.certificate],
  ])('answers %s with a signed response echoing the nonce', async (status, certificate) => {
    const nonce = new Uint8Array(randomBytes(16));
    const request = buildOcspRequest({
      certificate: certificate(),
      issuer: pki.intermediate.certificate,
      nonce,
    });
    const { der } = await post(responder.url, request);
    const result = checkOcspResponse({
      response: der,
      certificate: certificate(),
      issuer: pki.intermediate.certificate,
      at: NOW,
      nonce,
      requireNonce: true,
    });
    expect(result.revocation.status).toBe(status);
    expect(result.signedBy).toBe('delegated');
    if (result.revocation.status === 'revoked') {
      expect(result.revocation.revokedAt).toEqual(new Date(NOW.getTime() - 3_600_000));
      expect(result.revocation.reason).toBe('keyCompromise');
    }
  });

  it('answers with SHA-256 CertIDs too, and counts what it answered', async () => {
    const before = responder.answered;
    const request = buildOcspRequest({
      certificate: pki.revoked.certificate,
      issuer: pki.intermediate.certificate,
      hash: 'sha256',
    });
    const { der } = await post(responder.url, request);
    const result = checkOcspResponse({
      response: der,
      certificate: pki.revoked.certificate,
      issuer: pki.intermediate.certificate,
      at: NOW,
    });
    expect(result.revocation.status).toBe('revoked');
    expect(responder.answered).toBe(before + 1);
  });

  it('says unknown for a certificate of another issuer, which a client then refuses', async () => {
    const request = buildOcspRequest({
      certificate: pki.foreignCitizen.certificate,
      issuer: pki.foreignRoot.certificate,
    });
    const { der } = await post(responder.url, request);
    expect(statusTags(der)).toEqual([2]);
    // Signed by our responder, which is not authorised for the foreign CA: the client refuses it.
    expect(() =>
      checkOcspResponse({
        response: der,
        certificate: pki.foreignCitizen.certificate,
        issuer: pki.foreignRoot.certificate,
        at: NOW,
      }),
    ).toThrow(OcspResponseError);
  });

  it('answers malformedRequest to bytes that are not a request, and 405 to GET', async () => {
    const { status, der } = await post(responder.url, new TextEncoder().encode("'; DROP TABLE x; --"));
    expect(status).toBe(200);
    expect(() =>
      checkOcspResponse({
        response: der,
        certificate: pki.citizen.certificate,
        issuer: pki.intermediate.certificate,
        at: NOW,
      }),
    ).toThrow(expect.objectContaining({ code: 'pki.ocsp_unsuccessful' }));
    expect((await fetch(responder.url)).status).toBe(405);
  });

  it('never throws on arbitrary bytes: a request or malformedRequest (property)', () => {
    const options = {
      issuer: pki.intermediate.certificate,
      signer: { certificate: pki.ocspResponder.certificate, privateKey: pki.keys.ocsp.privateKey },
      clock: () => NOW,
    };
    const valid = buildOcspRequest({
      certificate: pki.citizen.certificate,
      issuer: pki.intermediate.certificate,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          // Corrupt a real request: flip a byte, or cut it short.
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const copy = valid.slice();
            copy[at] = copy[at]! ^ x;
            return copy;
          }),
          fc.nat(valid.length - 1).map((end) => valid.slice(0, end)),
        ),
        (bytes) => {
          const der = answerOcspRequest(options, new Map(), bytes);
          const response = new pkijs.OCSPResponse({ schema: asn1js.fromBER(der.slice().buffer).result });
          expect([0, 1]).toContain(response.responseStatus.valueBlock.valueDec);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('signed by the issuing CA itself', { timeout: 60_000 }, () => {
  it('RSA: the CA key signs, no certificate included, revocation by serial', async () => {
    const responder = await startOcspResponder({
      issuer: pki.intermediate.certificate,
      signer: { certificate: pki.intermediate.certificate, privateKey: pki.keys.intermediate.privateKey },
      clock: () => NOW,
    });
    try {
      responder.revokeSerial(`00${pki.citizen.certificate.serialNumber}`, NOW, undefined);
      const request = buildOcspRequest({
        certificate: pki.citizen.certificate,
        issuer: pki.intermediate.certificate,
      });
      const result = checkOcspResponse({
        response: (await post(responder.url, request)).der,
        certificate: pki.citizen.certificate,
        issuer: pki.intermediate.certificate,
        at: NOW,
      });
      expect(result.signedBy).toBe('issuer');
      expect(result.revocation).toEqual({ status: 'revoked', revokedAt: NOW, reason: undefined });
    } finally {
      await responder.close();
    }
  });

  it('EC: an ECDSA P-256 CA signs ecdsa-with-SHA256', async () => {
    const caKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ca = ecCertificate('AC PRUEBAS EC', 'AC PRUEBAS EC', caKeys.publicKey, caKeys.privateKey, 1, true);
    const leaf = ecCertificate(
      'CIUDADANO EC',
      'AC PRUEBAS EC',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
      caKeys.privateKey,
      7,
      false,
    );
    const issuer = parseCertificate(ca);
    const certificate = parseCertificate(leaf);
    const responder = await startOcspResponder({
      issuer,
      signer: { certificate: issuer, privateKey: caKeys.privateKey },
      clock: () => NOW,
    });
    try {
      const nonce = new Uint8Array(randomBytes(8));
      const request = buildOcspRequest({ certificate, issuer, nonce });
      const result = checkOcspResponse({
        response: (await post(responder.url, request)).der,
        certificate,
        issuer,
        at: NOW,
        nonce,
        requireNonce: true,
      });
      expect(result).toMatchObject({ signedBy: 'issuer', revocation: { status: 'good' } });
    } finally {
      await responder.close();
    }
  });
});

function ecCertificate(
  subject: string,
  issuer: string,
  publicKey: KeyObject,
  signer: KeyObject,
  serial: number,
  ca: boolean,
): Uint8Array {
  const cn = (value: string) =>
    new pkijs.RelativeDistinguishedNames({
      typesAndValues: [
        new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value }) }),
      ],
    });
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: serial });
  certificate.subject = cn(subject);
  certificate.issuer = cn(issuer);
  certificate.notBefore.value = new Date(NOW.getTime() - 86_400_000);
  certificate.notAfter.value = new Date(NOW.getTime() + 86_400_000);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  certificate.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({
    schema: asn1js.fromBER(new Uint8Array(spki).buffer).result,
  });
  if (ca)
    certificate.extensions = [
      new pkijs.Extension({
        extnID: '2.5.29.19',
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
      }),
    ];
  const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' });
  certificate.signature = algorithm;
  certificate.signatureAlgorithm = algorithm;
  const tbs = new Uint8Array(certificate.encodeTBS().toBER(false));
  certificate.tbsView = tbs;
  const value = sign('sha256', tbs, { key: signer, dsaEncoding: 'der' });
  certificate.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(value).buffer });
  return new Uint8Array(certificate.toSchema(false).toBER(false));
}
