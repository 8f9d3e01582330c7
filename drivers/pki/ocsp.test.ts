import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CitizenCertificate } from './certificate.ts';
import { OcspRequestError, OcspResponseError } from './errors.ts';
import {
  buildOcspRequest,
  certIdParts,
  checkOcspResponse,
  type OcspCheckOptions,
  type OcspResult,
  parseOcspRequest,
  type RevocationStatus,
} from './ocsp.ts';
import { DNIE_POLICY, OID } from './oids.ts';
import { validateCertificatePath } from './path-validation.ts';
import { type BuildOcspResponseOptions, buildOcspResponse } from './testing/ocsp-response.ts';
import { createTestPki, issueCertificate, rsaKeyPair, type TestPki } from './testing/test-pki.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const NONCE = new Uint8Array(16).map((_, i) => i * 7);
let pki: TestPki;

beforeAll(() => {
  pki = createTestPki(new Date('2026-06-01T10:00:00Z'));
});

function at(offsetMs: number): Date {
  return new Date(pki.now.getTime() + offsetMs);
}

/** A response about `certificate` by the delegated responder, fresh at pki.now; `overrides` change any part. */
function response(
  status: RevocationStatus = { status: 'good' },
  overrides: Partial<BuildOcspResponseOptions> = {},
  certificate: CitizenCertificate = pki.citizen.certificate,
): Uint8Array {
  return buildOcspResponse({
    signer: { certificate: pki.ocspResponder.certificate, privateKey: pki.keys.ocsp.privateKey },
    certificates: [pki.ocspResponder.certificate],
    producedAt: pki.now,
    responses: [
      {
        certId: certIdParts(certificate, pki.intermediate.certificate),
        status,
        thisUpdate: at(-MIN),
        nextUpdate: at(60 * MIN),
      },
    ],
    nonce: NONCE,
    ...overrides,
  });
}

function check(bytes: Uint8Array, options: Partial<OcspCheckOptions> = {}): OcspResult {
  return checkOcspResponse({
    response: bytes,
    certificate: pki.citizen.certificate,
    issuer: pki.intermediate.certificate,
    at: pki.now,
    nonce: NONCE,
    ...options,
  });
}

function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OcspResponseError);
    return (error as OcspResponseError).failure;
  }
  throw new Error('expected OcspResponseError');
}

describe('buildOcspRequest / parseOcspRequest', () => {
  it('builds a CertID with SHA-1 hashes of the issuer name and key, and the nonce', () => {
    const der = buildOcspRequest({
      certificate: pki.citizen.certificate,
      issuer: pki.intermediate.certificate,
      nonce: NONCE,
    });
    const parsed = parseOcspRequest(der);
    expect(parsed.nonce).toEqual(NONCE);
    expect(parsed.certIds).toHaveLength(1);
    const id = parsed.certIds[0];
    expect(id?.hash).toBe('sha1');
    const issuerName = pki.intermediate.certificate.asn1.subject.toSchema().toBER();
    expect(id?.issuerNameHash).toEqual(
      new Uint8Array(createHash('sha1').update(new Uint8Array(issuerName)).digest()),
    );
    // RFC 6960 §4.1.1: the key hash excludes the BIT STRING tag, length and unused-bits byte, i.e. it is the SKI of method (1).
    expect(
      Buffer.from(id?.issuerKeyHash ?? [])
        .toString('hex')
        .toUpperCase(),
    ).toBe(pki.intermediate.certificate.subjectKeyIdentifier);
    expect(id?.serialNumber).toEqual(new Uint8Array([0x03, 0xe8]));
  });

  it('builds a SHA-256 CertID and omits the nonce when none is given', () => {
    const parsed = parseOcspRequest(
      buildOcspRequest({
        certificate: pki.citizen.certificate,
        issuer: pki.intermediate.certificate,
        hash: 'sha256',
      }),
    );
    expect(parsed.nonce).toBeUndefined();
    expect(parsed.certIds[0]).toEqual(
      certIdParts(pki.citizen.certificate, pki.intermediate.certificate, 'sha256'),
    );
    expect(parsed.certIds[0]?.issuerNameHash).toHaveLength(32);
  });

  it('refuses a nonce outside 1..32 bytes', () => {
    const base = { certificate: pki.citizen.certificate, issuer: pki.intermediate.certificate };
    expect(() => buildOcspRequest({ ...base, nonce: new Uint8Array(0) })).toThrow(OcspRequestError);
    expect(() => buildOcspRequest({ ...base, nonce: new Uint8Array(33) })).toThrow(OcspRequestError);
  });

  it('property: round-trips any nonce and hash', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.constantFrom('sha1' as const, 'sha256' as const, 'sha384' as const, 'sha512' as const),
        (nonce, hash) => {
          const parsed = parseOcspRequest(
            buildOcspRequest({
              certificate: pki.citizen.certificate,
              issuer: pki.intermediate.certificate,
              hash,
              nonce,
            }),
          );
          expect(parsed.nonce).toEqual(nonce);
          expect(parsed.certIds).toEqual([
            certIdParts(pki.citizen.certificate, pki.intermediate.certificate, hash),
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('property: arbitrary bytes never throw anything but OcspRequestError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseOcspRequest(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(OcspRequestError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkOcspResponse: statuses', () => {
  it('good, signed by a delegated responder', () => {
    const result = check(response());
    expect(result.revocation).toEqual({ status: 'good' });
    expect(result.signedBy).toBe('delegated');
    expect(result.responder).toContain('VA DNIE PRUEBAS');
    expect(result.thisUpdate).toEqual(at(-MIN));
    expect(result.nextUpdate).toEqual(at(60 * MIN));
    expect(result.producedAt).toEqual(pki.now);
  });

  it('good, signed by the issuing CA itself with responderID byKey', () => {
    const bytes = response(
      { status: 'good' },
      {
        signer: { certificate: pki.intermediate.certificate, privateKey: pki.keys.intermediate.privateKey },
        certificates: [],
        responderId: 'key',
      },
    );
    expect(check(bytes).signedBy).toBe('issuer');
  });

  it('good, with a PSS signature and a SHA-256 CertID', () => {
    const bytes = response(
      { status: 'good' },
      {
        signatureAlgorithm: 'pss-sha256',
        responses: [
          {
            certId: certIdParts(pki.citizen.certificate, pki.intermediate.certificate, 'sha256'),
            status: { status: 'good' },
            thisUpdate: at(-MIN),
          },
        ],
      },
    );
    expect(check(bytes).revocation.status).toBe('good');
  });

  it('revoked, with time and reason, and the path verdict becomes "certificado revocado"', () => {
    const revokedAt = new Date('2026-05-20T08:00:00Z');
    const bytes = response(
      { status: 'revoked', revokedAt, reason: 'keyCompromise' },
      {},
      pki.revoked.certificate,
    );
    const result = check(bytes, { certificate: pki.revoked.certificate });
    expect(result.revocation).toEqual({ status: 'revoked', revokedAt, reason: 'keyCompromise' });
    const verdict = validateCertificatePath(
      pki.revoked.certificate,
      {
        anchors: [pki.root.certificate],
        intermediates: [pki.intermediate.certificate],
        requiredPolicies: [DNIE_POLICY.authentication],
      },
      { at: pki.now, revocation: result.revocation },
    );
    expect(verdict).toMatchObject({ ok: false, failure: 'revoked', reason: 'certificado revocado' });
  });

  it('revoked without a reason', () => {
    const revokedAt = new Date('2026-05-20T08:00:00Z');
    expect(check(response({ status: 'revoked', revokedAt, reason: undefined })).revocation).toEqual({
      status: 'revoked',
      revokedAt,
      reason: undefined,
    });
  });

  it('unknown', () => {
    expect(check(response({ status: 'unknown' })).revocation).toEqual({ status: 'unknown' });
  });

  it('picks the SingleResponse for this certificate among several', () => {
    const bytes = response(
      { status: 'good' },
      {
        responses: [
          {
            certId: certIdParts(pki.expired.certificate, pki.intermediate.certificate),
            status: { status: 'unknown' },
            thisUpdate: at(-MIN),
          },
          {
            certId: certIdParts(pki.citizen.certificate, pki.intermediate.certificate),
            status: { status: 'good' },
            thisUpdate: at(-MIN),
          },
        ],
      },
    );
    expect(check(bytes).revocation.status).toBe('good');
  });
});

describe('checkOcspResponse: refused responses', () => {
  it('unsuccessful responseStatus', () => {
    const error = (() => {
      try {
        check(buildOcspResponse({ responseStatus: 3 }));
      } catch (e) {
        return e as OcspResponseError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('pki.ocsp_unsuccessful');
    expect(error?.detail).toBe('responseStatus 3');
  });

  it('malformed: successful without responseBytes, garbage, trailing bytes', () => {
    expect(failureOf(() => check(buildOcspResponse({ responseStatus: 0 })))).toBe('malformed');
    expect(failureOf(() => check(new Uint8Array([1, 2, 3])))).toBe('malformed');
    expect(failureOf(() => check(new Uint8Array([...response(), 0])))).toBe('malformed');
  });

  it('bad_signature: a changed signature', () => {
    expect(failureOf(() => check(response({ status: 'good' }, { corruptSignature: true })))).toBe(
      'bad_signature',
    );
  });

  it('bad_signature: signed by a key nobody vouches for', () => {
    const bytes = response(
      { status: 'good' },
      {
        signer: { certificate: pki.foreignRoot.certificate, privateKey: rsaKeyPair().privateKey },
        certificates: [],
      },
    );
    expect(failureOf(() => check(bytes))).toBe('bad_signature');
  });

  it('unauthorized_responder: a responder certificate without id-kp-OCSPSigning', () => {
    const noEku = issueCertificate({
      subject: [[OID.commonName, 'SIN EKU']],
      key: pki.keys.ocsp,
      issuer: pki.intermediate,
      serial: 30,
      notBefore: at(-DAY),
      notAfter: at(DAY),
      keyUsage: ['digitalSignature'],
    });
    const bytes = response(
      { status: 'good' },
      {
        signer: { certificate: noEku.certificate, privateKey: pki.keys.ocsp.privateKey },
        certificates: [noEku.certificate],
      },
    );
    expect(failureOf(() => check(bytes))).toBe('unauthorized_responder');
  });

  it('unauthorized_responder: a responder certified by another CA', () => {
    const foreign = issueCertificate({
      subject: [[OID.commonName, 'VA AJENA']],
      key: pki.keys.ocsp,
      issuer: pki.foreignRoot,
      serial: 31,
      notBefore: at(-DAY),
      notAfter: at(DAY),
      extendedKeyUsage: [OID.kpOcspSigning],
    });
    const bytes = response(
      { status: 'good' },
      {
        signer: { certificate: foreign.certificate, privateKey: pki.keys.ocsp.privateKey },
        certificates: [foreign.certificate],
      },
    );
    expect(failureOf(() => check(bytes))).toBe('unauthorized_responder');
  });

  it('unauthorized_responder: the responder certificate has expired', () => {
    expect(failureOf(() => check(response(), { at: at(400 * DAY), toleranceMs: 1000 * DAY }))).toBe(
      'unauthorized_responder',
    );
  });

  it('unauthorized_responder: responderID names someone else', () => {
    const bytes = response({ status: 'good' }, { responderIdFor: pki.root.certificate });
    expect(failureOf(() => check(bytes))).toBe('unauthorized_responder');
  });

  it('cert_id_mismatch: the answer is about another certificate', () => {
    expect(failureOf(() => check(response({ status: 'good' }, {}, pki.expired.certificate)))).toBe(
      'cert_id_mismatch',
    );
  });

  it('stale: nextUpdate passed beyond the tolerance', () => {
    expect(check(response(), { at: at(64 * MIN) }).revocation.status).toBe('good');
    expect(failureOf(() => check(response(), { at: at(66 * MIN) }))).toBe('stale');
  });

  it('stale: no nextUpdate and thisUpdate older than the allowed age', () => {
    const bytes = response(
      { status: 'good' },
      {
        responses: [
          {
            certId: certIdParts(pki.citizen.certificate, pki.intermediate.certificate),
            status: { status: 'good' },
            thisUpdate: at(-2 * 60 * MIN),
          },
        ],
      },
    );
    expect(failureOf(() => check(bytes))).toBe('stale');
    expect(check(bytes, { maxAgeWithoutNextUpdateMs: 3 * 60 * MIN }).revocation.status).toBe('good');
  });

  it('not_yet_valid: thisUpdate in the future beyond the tolerance', () => {
    expect(check(response(), { at: at(-5 * MIN) }).revocation.status).toBe('good');
    expect(failureOf(() => check(response(), { at: at(-7 * MIN) }))).toBe('not_yet_valid');
  });

  it('nonce_mismatch: a different nonce, or none when one is required', () => {
    expect(failureOf(() => check(response({ status: 'good' }, { nonce: new Uint8Array([9]) })))).toBe(
      'nonce_mismatch',
    );
    const withoutNonce = buildOcspResponse({
      signer: { certificate: pki.ocspResponder.certificate, privateKey: pki.keys.ocsp.privateKey },
      certificates: [pki.ocspResponder.certificate],
      producedAt: pki.now,
      responses: [
        {
          certId: certIdParts(pki.citizen.certificate, pki.intermediate.certificate),
          status: { status: 'good' },
          thisUpdate: at(-MIN),
        },
      ],
    });
    expect(check(withoutNonce).revocation.status).toBe('good');
    expect(failureOf(() => check(withoutNonce, { requireNonce: true }))).toBe('nonce_mismatch');
  });

  it('property: arbitrary bytes never throw anything but OcspResponseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          check(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(OcspResponseError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a real response with bytes changed is accepted unchanged in meaning or refused with OcspResponseError', () => {
    const good = response();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (edits) => {
          const bytes = good.slice();
          for (const [i, value] of edits) bytes[i] = value;
          try {
            // Anything signed that survives the edits must still say "good" for this certificate.
            expect(check(bytes).revocation.status).toBe('good');
          } catch (error) {
            expect(error).toBeInstanceOf(OcspResponseError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
