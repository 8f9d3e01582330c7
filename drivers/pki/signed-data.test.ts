import { generateKeyPairSync, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { UnsupportedAlgorithmError } from './errors.ts';
import { OID } from './oids.ts';
import { signatureScheme, verifySignedData } from './signed-data.ts';
import { algorithmIdentifier, signBytes } from './testing/sign.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const data = new TextEncoder().encode('tbs');

function alg(oid: string, params?: asn1js.AsnType): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier(
    params === undefined ? { algorithmId: oid } : { algorithmId: oid, algorithmParams: params },
  );
}

describe('verifySignedData', () => {
  it('verifies PKCS#1 v1.5 and PSS, and refuses a signature over other data', () => {
    for (const a of ['sha256-rsa', 'sha384-rsa', 'sha512-rsa', 'pss-sha256', 'pss-sha384'] as const) {
      const signature = signBytes(a, rsa.privateKey, data);
      expect(verifySignedData(algorithmIdentifier(a), rsa.publicKey, data, signature)).toBe(true);
      expect(verifySignedData(algorithmIdentifier(a), rsa.publicKey, new Uint8Array([1]), signature)).toBe(
        false,
      );
    }
  });

  it('verifies ECDSA and returns false when the key type does not fit the algorithm', () => {
    const signature = new Uint8Array(sign('sha256', data, ec.privateKey));
    expect(verifySignedData(alg(OID.ecdsaWithSha256), ec.publicKey, data, signature)).toBe(true);
    expect(verifySignedData(alg(OID.sha256WithRsa, new asn1js.Null()), ec.publicKey, data, signature)).toBe(
      false,
    );
    expect(verifySignedData(alg(OID.ecdsaWithSha256), rsa.publicKey, data, signature)).toBe(false);
  });

  it('refuses SHA-1 unless allowed', () => {
    const signature = signBytes('sha1-rsa', rsa.privateKey, data);
    const sha1 = algorithmIdentifier('sha1-rsa');
    expect(() => verifySignedData(sha1, rsa.publicKey, data, signature)).toThrow(UnsupportedAlgorithmError);
    expect(verifySignedData(sha1, rsa.publicKey, data, signature, { allowSha1: true })).toBe(true);
  });

  it('throws UnsupportedAlgorithmError for unknown algorithms and PSS with a different MGF1 hash', () => {
    expect(() => signatureScheme(alg('1.2.840.10040.4.3'))).toThrow(UnsupportedAlgorithmError);
    const sha256 = alg(OID.sha256, new asn1js.Null());
    const mixed = new pkijs.RSASSAPSSParams({
      hashAlgorithm: sha256,
      maskGenAlgorithm: alg(OID.mgf1, alg(OID.sha1, new asn1js.Null()).toSchema()),
      saltLength: 32,
    });
    expect(() => signatureScheme(alg(OID.rsassaPss, mixed.toSchema()))).toThrow(UnsupportedAlgorithmError);
  });

  it('reads PSS parameters: hash and salt length', () => {
    expect(signatureScheme(algorithmIdentifier('pss-sha512'))).toEqual({
      kind: 'pss',
      hash: 'sha512',
      saltLength: 64,
    });
    // Absent parameters are the RFC 4055 defaults (SHA-1), refused unless SHA-1 is allowed.
    expect(signatureScheme(alg(OID.rsassaPss), { allowSha1: true })).toEqual({
      kind: 'pss',
      hash: 'sha1',
      saltLength: 20,
    });
  });
});
