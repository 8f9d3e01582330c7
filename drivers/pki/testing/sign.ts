/** Test-side signing: node:crypto signs, pkijs describes the algorithm (RFC 8017 App. A.2, RFC 4055 §3.1). */
import { constants, type KeyObject, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../oids.ts';

export type TestSignatureAlgorithm =
  | 'sha1-rsa'
  | 'sha256-rsa'
  | 'sha384-rsa'
  | 'sha512-rsa'
  | 'pss-sha256'
  | 'pss-sha384'
  | 'pss-sha512';

const PKCS1 = {
  'sha1-rsa': ['sha1', OID.sha1WithRsa],
  'sha256-rsa': ['sha256', OID.sha256WithRsa],
  'sha384-rsa': ['sha384', OID.sha384WithRsa],
  'sha512-rsa': ['sha512', OID.sha512WithRsa],
} as const;

const PSS = {
  'pss-sha256': ['sha256', OID.sha256, 32],
  'pss-sha384': ['sha384', OID.sha384, 48],
  'pss-sha512': ['sha512', OID.sha512, 64],
} as const;

export function algorithmIdentifier(algorithm: TestSignatureAlgorithm): pkijs.AlgorithmIdentifier {
  if (algorithm in PKCS1) {
    const [, oid] = PKCS1[algorithm as keyof typeof PKCS1];
    return new pkijs.AlgorithmIdentifier({ algorithmId: oid, algorithmParams: new asn1js.Null() });
  }
  const [, hashOid, saltLength] = PSS[algorithm as keyof typeof PSS];
  const hash = new pkijs.AlgorithmIdentifier({ algorithmId: hashOid, algorithmParams: new asn1js.Null() });
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: hash,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.mgf1,
      algorithmParams: hash.toSchema(),
    }),
    saltLength,
  });
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
}

export function signBytes(
  algorithm: TestSignatureAlgorithm,
  privateKey: KeyObject,
  data: Uint8Array,
): Uint8Array {
  if (algorithm in PKCS1) {
    const [hash] = PKCS1[algorithm as keyof typeof PKCS1];
    return new Uint8Array(sign(hash, data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }));
  }
  const [hash, , saltLength] = PSS[algorithm as keyof typeof PSS];
  return new Uint8Array(
    sign(hash, data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }),
  );
}
