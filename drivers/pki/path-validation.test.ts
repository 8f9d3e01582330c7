import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CitizenCertificate } from './certificate.ts';
import { DNIE_POLICY, OID } from './oids.ts';
import { type PathVerdict, type TrustConfig, validateCertificatePath } from './path-validation.ts';
import type { TestSignatureAlgorithm } from './testing/sign.ts';
import {
  createTestPki,
  extension,
  INTERMEDIATE_NAME,
  issueCertificate,
  issueCitizen,
  rsaKeyPair,
  type TestPki,
} from './testing/test-pki.ts';

const DAY = 86_400_000;
let pki: TestPki;
let trust: TrustConfig;

beforeAll(() => {
  pki = createTestPki(new Date('2026-06-01T10:00:00Z'));
  trust = {
    anchors: [pki.root.certificate],
    intermediates: [pki.intermediate.certificate],
    requiredPolicies: [DNIE_POLICY.authentication],
  };
});

function check(cert: CitizenCertificate, config: TrustConfig = trust, at: Date = pki.now): PathVerdict {
  return validateCertificatePath(cert, config, { at });
}

function failure(verdict: PathVerdict): { failure: string; reason: string; detail: string } {
  if (verdict.ok) throw new Error('expected a failed verdict');
  return verdict;
}

/** Details are for technicians and logs: never the holder's name or DNI number. */
function expectNoPersonalData(detail: string): void {
  expect(detail).not.toMatch(/MARÍA|ESPAÑOLA|99999002Q/);
}

describe('validateCertificatePath: accepted', () => {
  it('accepts a DNIe-shaped authentication certificate chaining to the root', () => {
    const verdict = check(pki.citizen.certificate);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.chain.map((c) => c.serialNumber)).toEqual(['03E8', '02', '01']);
    expect(verdict.revocation).toBe('not_checked');
  });

  it('records an OCSP "good" status', () => {
    const verdict = validateCertificatePath(pki.citizen.certificate, trust, {
      at: pki.now,
      revocation: { status: 'good' },
    });
    expect(verdict).toMatchObject({ ok: true, revocation: 'good' });
  });

  it.each<TestSignatureAlgorithm>([
    'sha256-rsa',
    'sha384-rsa',
    'sha512-rsa',
    'pss-sha256',
    'pss-sha384',
    'pss-sha512',
  ])('verifies a certificate signed with %s', (algorithm) => {
    const cert = issueCitizen({ pki, serial: 2000, signatureAlgorithm: algorithm }).certificate;
    expect(check(cert).ok).toBe(true);
  });

  it('accepts the wrong-policy certificate when no policy is required', () => {
    expect(check(pki.wrongPolicy.certificate, { ...trust, requiredPolicies: [] }).ok).toBe(true);
  });

  it('accepts the signing-certificate policy when that is the one required', () => {
    expect(
      check(pki.wrongPolicy.certificate, { ...trust, requiredPolicies: [DNIE_POLICY.signature] }).ok,
    ).toBe(true);
  });

  it('checks the validity boundaries inclusively', () => {
    const cert = pki.citizen.certificate;
    expect(check(cert, trust, cert.notBefore).ok).toBe(true);
    expect(check(cert, trust, cert.notAfter).ok).toBe(true);
  });
});

describe('validateCertificatePath: each reason', () => {
  it('certificado caducado', () => {
    const verdict = failure(check(pki.expired.certificate));
    expect(verdict).toMatchObject({ failure: 'expired', reason: 'certificado caducado' });
    expect(verdict.detail).toContain('end-entity certificate serial 03EA');
    expectNoPersonalData(verdict.detail);
    expect(
      failure(check(pki.citizen.certificate, trust, new Date(pki.citizen.certificate.notAfter.getTime() + 1)))
        .failure,
    ).toBe('expired');
  });

  it('certificado caducado when the issuing CA has expired', () => {
    const staleCa = issueCertificate({
      subject: INTERMEDIATE_NAME,
      key: pki.keys.intermediate,
      issuer: pki.root,
      serial: 20,
      notBefore: new Date(pki.now.getTime() - 900 * DAY),
      notAfter: new Date(pki.now.getTime() - DAY),
      ca: { pathLength: 0 },
      keyUsage: ['keyCertSign', 'cRLSign'],
    });
    const verdict = failure(
      check(pki.citizen.certificate, { ...trust, intermediates: [staleCa.certificate] }),
    );
    expect(verdict.failure).toBe('expired');
    expect(verdict.detail).toContain(
      'CA "C=ES, O=DIRECCION GENERAL DE LA POLICIA, OU=DNIE, CN=AC DNIE 904 PRUEBAS"',
    );
  });

  it('certificado todavía no válido', () => {
    const verdict = failure(check(pki.notYetValid.certificate));
    expect(verdict).toMatchObject({ failure: 'not_yet_valid', reason: 'certificado todavía no válido' });
    expectNoPersonalData(verdict.detail);
  });

  it('emisor no reconocido: a foreign CA', () => {
    const verdict = failure(check(pki.foreignCitizen.certificate));
    expect(verdict).toMatchObject({ failure: 'unknown_issuer', reason: 'emisor no reconocido' });
    expect(verdict.detail).toContain('AC AJENA PRUEBAS');
    expectNoPersonalData(verdict.detail);
  });

  it('emisor no reconocido: the intermediate is not configured', () => {
    expect(failure(check(pki.citizen.certificate, { ...trust, intermediates: [] })).failure).toBe(
      'unknown_issuer',
    );
  });

  it('emisor no reconocido: the issuing CA is not a CA', () => {
    const notCa = issueCertificate({
      subject: INTERMEDIATE_NAME,
      key: pki.keys.intermediate,
      issuer: pki.root,
      serial: 21,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      endEntityBasicConstraints: true,
    });
    const verdict = failure(check(pki.citizen.certificate, { ...trust, intermediates: [notCa.certificate] }));
    expect(verdict).toMatchObject({ failure: 'issuer_not_ca', reason: 'emisor no reconocido' });
  });

  it('emisor no reconocido: the path is longer than the intermediate allows', () => {
    const subCa = issueCertificate({
      subject: [
        [OID.country, 'ES'],
        [OID.commonName, 'SUBCA PRUEBAS'],
      ],
      key: rsaKeyPair(),
      issuer: pki.intermediate,
      serial: 22,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      ca: {},
      keyUsage: ['keyCertSign'],
    });
    const cert = issueCitizen({ pki, serial: 2001, issuer: subCa }).certificate;
    const config = { ...trust, intermediates: [pki.intermediate.certificate, subCa.certificate] };
    const verdict = failure(check(cert, config));
    expect(verdict).toMatchObject({ failure: 'path_too_long', reason: 'emisor no reconocido' });
    expect(verdict.detail).toContain('pathLenConstraint 0');
  });

  it('firma del certificado no válida: a changed signature', () => {
    const verdict = failure(check(pki.badSignature.certificate));
    expect(verdict).toMatchObject({ failure: 'bad_signature', reason: 'firma del certificado no válida' });
  });

  it('firma del certificado no válida: an impostor CA with the right name and another key', () => {
    const impostor = issueCertificate({
      subject: INTERMEDIATE_NAME,
      key: rsaKeyPair(),
      issuer: pki.root,
      serial: 23,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      ca: { pathLength: 0 },
    });
    expect(
      failure(check(pki.citizen.certificate, { ...trust, intermediates: [impostor.certificate] })).failure,
    ).toBe('bad_signature');
    // With both configured, the genuine one is found.
    expect(
      check(pki.citizen.certificate, {
        ...trust,
        intermediates: [impostor.certificate, pki.intermediate.certificate],
      }).ok,
    ).toBe(true);
  });

  it('firma del certificado no válida: SHA-1 unless allowed', () => {
    const cert = issueCitizen({ pki, serial: 2002, signatureAlgorithm: 'sha1-rsa' }).certificate;
    expect(failure(check(cert))).toMatchObject({
      failure: 'unsupported_algorithm',
      reason: 'firma del certificado no válida',
    });
    expect(check(cert, { ...trust, allowSha1: true }).ok).toBe(true);
  });

  it('uso de clave no permitido: an end entity without digitalSignature', () => {
    const verdict = failure(check(pki.wrongKeyUsage.certificate));
    expect(verdict).toMatchObject({ failure: 'key_usage', reason: 'uso de clave no permitido' });
    expect(verdict.detail).toContain('lacks digitalSignature');
  });

  it('uso de clave no permitido: a CA whose key usage lacks keyCertSign', () => {
    const ca = issueCertificate({
      subject: INTERMEDIATE_NAME,
      key: pki.keys.intermediate,
      issuer: pki.root,
      serial: 24,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      ca: {},
      keyUsage: ['digitalSignature'],
    });
    expect(
      failure(check(pki.citizen.certificate, { ...trust, intermediates: [ca.certificate] })).failure,
    ).toBe('key_usage');
  });

  it('certificado no admitido: an unknown critical extension', () => {
    const cert = issueCertificate({
      subject: [[OID.commonName, 'X']],
      key: pki.citizenKey,
      issuer: pki.intermediate,
      serial: 2003,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      keyUsage: ['digitalSignature'],
      policies: [DNIE_POLICY.authentication],
      extraExtensions: [extension('1.3.6.1.4.1.99999.1', true, new asn1js.Null())],
    }).certificate;
    expect(failure(check(cert)).failure).toBe('unsupported_critical_extension');
  });

  it('política no admitida', () => {
    const verdict = failure(check(pki.wrongPolicy.certificate));
    expect(verdict).toMatchObject({ failure: 'policy', reason: 'política no admitida' });
    expect(verdict.detail).toContain(DNIE_POLICY.signature);
  });

  it('política no admitida: a policy that only shares a textual prefix', () => {
    const cert = issueCitizen({
      pki,
      serial: 2004,
      policies: [`${DNIE_POLICY.authentication}0`],
    }).certificate;
    expect(failure(check(cert)).failure).toBe('policy');
  });

  it('política no admitida: the CA lists other policies', () => {
    const ca = issueCertificate({
      subject: INTERMEDIATE_NAME,
      key: pki.keys.intermediate,
      issuer: pki.root,
      serial: 25,
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      ca: {},
      policies: ['1.2.3.4'],
    });
    expect(
      failure(check(pki.citizen.certificate, { ...trust, intermediates: [ca.certificate] })).failure,
    ).toBe('policy');
  });

  it('certificado revocado', () => {
    const verdict = failure(
      validateCertificatePath(pki.revoked.certificate, trust, {
        at: pki.now,
        revocation: {
          status: 'revoked',
          revokedAt: new Date('2026-05-01T00:00:00Z'),
          reason: 'keyCompromise',
        },
      }),
    );
    expect(verdict).toMatchObject({ failure: 'revoked', reason: 'certificado revocado' });
    expect(verdict.detail).toContain('2026-05-01T00:00:00.000Z (keyCompromise)');
  });

  it('estado de revocación desconocido when a check is required', () => {
    const required = { ...trust, requireRevocationCheck: true };
    expect(failure(check(pki.citizen.certificate, required)).failure).toBe('revocation_unknown');
    expect(
      failure(
        validateCertificatePath(pki.citizen.certificate, required, {
          at: pki.now,
          revocation: { status: 'unknown' },
        }),
      ).failure,
    ).toBe('revocation_unknown');
    expect(
      validateCertificatePath(pki.citizen.certificate, required, {
        at: pki.now,
        revocation: { status: 'good' },
      }).ok,
    ).toBe(true);
  });
});
