import { createPrivateKey, X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CentralConfigError } from './config-error.ts';
import {
  fingerprintOf,
  fromPem,
  type IssuedCredential,
  issueKioskCertificate,
  serialInteger,
  toPem,
} from './kiosk-ca.ts';
import { makeTestPki, type TestPki, testValidity } from './test-support.ts';

describe('kiosk CA', () => {
  let pki: TestPki;
  let kiosk: IssuedCredential;
  let ca: X509Certificate;

  beforeAll(async () => {
    pki = await makeTestPki('Villademo kiosk CA');
    kiosk = await pki.kiosk('KIOSCO-01', '47186');
    ca = new X509Certificate(pki.ca.certificatePem);
  });

  it('makes a self-signed CA certificate', () => {
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=Villademo kiosk CA');
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
  });

  it('issues a kiosk client certificate naming the kiosk and its municipality, signed by the CA', () => {
    const certificate = new X509Certificate(kiosk.certificatePem);
    expect(certificate.subject.split('\n')).toEqual(['CN=KIOSCO-01', 'O=47186']);
    expect(certificate.ca).toBe(false);
    expect(certificate.checkIssued(ca)).toBe(true);
    expect(certificate.verify(ca.publicKey)).toBe(true);
    // Node reports the extended key usage here: TLS client authentication only.
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(certificate.checkPrivateKey(pkcs8Key(kiosk.keyPem))).toBe(true);
  });

  it('records the SHA-256 of the DER as the fingerprint', () => {
    const certificate = new X509Certificate(kiosk.certificatePem);
    expect(kiosk.fingerprint).toBe(certificate.fingerprint256.replaceAll(':', '').toLowerCase());
    expect(fingerprintOf(fromPem('CERTIFICATE', kiosk.certificatePem))).toBe(kiosk.fingerprint);
  });

  it('issues a server certificate for its host names and addresses', () => {
    const server = new X509Certificate(pki.server.certificatePem);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('central.other.example')).toBeUndefined();
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.verify(ca.publicKey)).toBe(true);
  });

  it('gives every certificate its own serial number', async () => {
    const again = new X509Certificate((await pki.kiosk('KIOSCO-01', '47186')).certificatePem);
    expect(again.serialNumber).not.toBe(new X509Certificate(kiosk.certificatePem).serialNumber);
  });

  it('writes serial numbers as minimal positive DER integers of at most 20 octets', async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (serial) => {
        const out = serialInteger(serial);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(20);
        expect(out[0]! & 0x80).toBe(0);
        if (out.length > 1 && out[0] === 0) expect(out[1]! & 0x80).not.toBe(0);
        expect(out.some((byte) => byte !== 0)).toBe(true);
      }),
    );
    // A random serial starting with 0x00 once made OpenSSL refuse the certificate (illegal padding).
    for (const serial of [[0x00, 0x01, 0x02], [0x00, 0x00, 0x9f], [0xff, 0xee], []]) {
      const issued = await issueKioskCertificate(
        pki.material,
        { kioskId: 'KIOSCO-S', municipality: '47186' },
        {
          ...testValidity(),
          serial: new Uint8Array(serial),
        },
      );
      expect(new X509Certificate(issued.certificatePem).verify(ca.publicKey)).toBe(true);
    }
  });

  it('round-trips PEM, and refuses anything else with its typed error only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        expect([...fromPem('PRIVATE KEY', toPem('PRIVATE KEY', bytes))]).toEqual([...bytes]);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          fromPem('CERTIFICATE', text);
        } catch (error) {
          expect(error).toBeInstanceOf(CentralConfigError);
        }
      }),
    );
  });
});

function pkcs8Key(pem: string) {
  const key = createPrivateKey(pem);
  expect(key.asymmetricKeyType).toBe('ec');
  expect(pem.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true); // PKCS#8
  return key;
}
