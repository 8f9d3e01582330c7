import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dniFromSerialNumber, parseCertificate } from './certificate.ts';
import { toPem } from './der.ts';
import { CertificateFormatError } from './errors.ts';
import { DNIE_POLICY, OID } from './oids.ts';
import { createTestPki, issueCertificate, type TestPki } from './testing/test-pki.ts';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki(new Date('2026-06-01T10:00:00Z'));
});

function expectFormatError(input: Uint8Array | string): CertificateFormatError {
  try {
    parseCertificate(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateFormatError);
    return error as CertificateFormatError;
  }
  throw new Error('expected CertificateFormatError');
}

describe('parseCertificate', () => {
  it('reads the DNIe subject fields of an authentication certificate', () => {
    const cert = parseCertificate(pki.citizen.der);
    expect(cert.citizen).toEqual({
      dniNumber: '99999002Q',
      subjectSerialNumber: '99999002Q',
      givenName: 'MARÍA',
      surnames: 'ESPAÑOLA ESPAÑOLA',
      commonName: 'ESPAÑOLA ESPAÑOLA, MARÍA (AUTENTICACIÓN)',
      country: 'ES',
    });
    expect(cert.issuer.text).toBe('C=ES, O=DIRECCION GENERAL DE LA POLICIA, OU=DNIE, CN=AC DNIE 904 PRUEBAS');
    expect(cert.serialNumber).toBe('03E8');
  });

  it('reads validity, key usage, policies, AIA, key identifiers and the public key', () => {
    const cert = parseCertificate(pki.citizen.der);
    expect(cert.notBefore.toISOString()).toBe('2025-06-01T10:00:00.000Z');
    expect(cert.notAfter.getTime()).toBeGreaterThan(pki.now.getTime());
    expect([...(cert.keyUsage ?? [])]).toEqual(['digitalSignature']);
    expect(cert.extendedKeyUsage).toBeUndefined();
    expect(cert.policies).toEqual([`${DNIE_POLICY.authentication}.1.1`]);
    expect(cert.ocspUrls).toEqual(['http://ocsp.dnie.test']);
    expect(cert.caIssuersUrls).toEqual(['http://www.dnie.test/certs/ACRaiz.crt']);
    expect(cert.basicConstraints).toBeUndefined();
    expect(cert.authorityKeyIdentifier).toBe(pki.intermediate.certificate.subjectKeyIdentifier);
    expect(cert.criticalExtensions).toEqual([OID.keyUsage]);
    expect(cert.signatureAlgorithm).toBe(OID.sha256WithRsa);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      pki.citizenKey.publicKey.export({ type: 'spki', format: 'der' }),
    );
  });

  it('reads CA basic constraints and the OCSP responder EKU', () => {
    expect(pki.intermediate.certificate.basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(pki.root.certificate.basicConstraints).toEqual({ ca: true, pathLength: undefined });
    expect([...(pki.root.certificate.keyUsage ?? [])].sort()).toEqual(['cRLSign', 'keyCertSign']);
    expect(pki.ocspResponder.certificate.extendedKeyUsage).toEqual([OID.kpOcspSigning]);
  });

  it('accepts PEM as a string and as bytes, and gives the same view as DER', () => {
    const pem = toPem(pki.citizen.der, 'CERTIFICATE');
    const fromString = parseCertificate(`junk before\n${pem}junk after`);
    const fromBytes = parseCertificate(new TextEncoder().encode(pem));
    expect(fromString.der).toEqual(pki.citizen.der);
    expect(fromBytes.serialNumber).toBe('03E8');
  });

  it('takes the DNI number from a serialNumber with the ETSI IDCES- prefix', () => {
    const issued = issueCertificate({
      subject: [
        [OID.country, 'ES'],
        [OID.serialNumber, 'IDCES-12345678Z'],
        [OID.commonName, 'X'],
      ],
      key: pki.citizenKey,
      issuer: pki.intermediate,
      serial: 77,
      notBefore: pki.now,
      notAfter: new Date(pki.now.getTime() + 1000),
    });
    expect(issued.certificate.citizen.dniNumber).toBe('12345678Z');
    expect(issued.certificate.citizen.subjectSerialNumber).toBe('IDCES-12345678Z');
  });

  it('dniFromSerialNumber keeps only DNI-shaped values', () => {
    expect(dniFromSerialNumber('99999002Q')).toBe('99999002Q');
    expect(dniFromSerialNumber('idces-99999002q')).toBe('99999002Q');
    expect(dniFromSerialNumber('IDCES-X1234567L')).toBeUndefined();
    expect(dniFromSerialNumber('PASES-99999002Q')).toBeUndefined();
    expect(dniFromSerialNumber('9999900Q')).toBeUndefined();
  });

  it('refuses malformed input with the typed error', () => {
    expect(expectFormatError(new Uint8Array()).code).toBe('pki.certificate_malformed');
    expectFormatError(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    expectFormatError(new Uint8Array([...pki.citizen.der, 0x00]));
    expectFormatError(pki.citizen.der.subarray(0, pki.citizen.der.length - 1));
    expectFormatError(toPem(pki.citizen.der, 'PUBLIC KEY'));
    expectFormatError('-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----');
    expectFormatError('not a certificate');
  });

  it('property: arbitrary bytes never throw anything but CertificateFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          parseCertificate(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateFormatError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('property: a real certificate with bytes changed parses or throws CertificateFormatError', () => {
    const der = pki.citizen.der;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: der.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat({ max: der.length }),
        (edits, cut) => {
          const bytes = der.slice(0, Math.max(cut, 1));
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          try {
            const cert = parseCertificate(bytes);
            expect(cert.der.length).toBe(bytes.length);
          } catch (error) {
            expect(error).toBeInstanceOf(CertificateFormatError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: arbitrary strings never throw anything but CertificateFormatError', () => {
    fc.assert(
      fc.property(fc.string(), fc.base64String(), (prefix, body) => {
        try {
          parseCertificate(`${prefix}-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateFormatError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
