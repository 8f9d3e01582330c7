/**
 * Verification of a signature described by an X.509 AlgorithmIdentifier (certificates, OCSP
 * responses). RSA PKCS#1 v1.5 and RSASSA-PSS (RFC 8017 §8, RFC 4055 §3.1) and ECDSA; node:crypto
 * does the arithmetic, synchronously.
 */
import { constants, type KeyObject, verify } from 'node:crypto';
import * as pkijs from 'pkijs';
import { UnsupportedAlgorithmError } from './errors.ts';
import { type HashName, hashNameOfOid, OID } from './oids.ts';

export interface SignatureOptions {
  /** SHA-1 signatures are refused unless this is set (old DNIe CAs signed with SHA-1). */
  readonly allowSha1?: boolean;
}

type Scheme =
  | { readonly kind: 'pkcs1'; readonly hash: HashName }
  | { readonly kind: 'pss'; readonly hash: HashName; readonly saltLength: number }
  | { readonly kind: 'ecdsa'; readonly hash: HashName };

const PKCS1: Readonly<Record<string, HashName>> = {
  [OID.sha1WithRsa]: 'sha1',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};

const ECDSA: Readonly<Record<string, HashName>> = {
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

/** Which scheme an AlgorithmIdentifier names; throws UnsupportedAlgorithmError otherwise. */
export function signatureScheme(
  algorithm: pkijs.AlgorithmIdentifier,
  options: SignatureOptions = {},
): Scheme {
  const oid = algorithm.algorithmId;
  let scheme: Scheme | undefined;
  const pkcs1 = PKCS1[oid];
  const ecdsa = ECDSA[oid];
  if (pkcs1 !== undefined) scheme = { kind: 'pkcs1', hash: pkcs1 };
  else if (ecdsa !== undefined) scheme = { kind: 'ecdsa', hash: ecdsa };
  else if (oid === OID.rsassaPss) scheme = pssScheme(algorithm);
  if (scheme === undefined) throw new UnsupportedAlgorithmError(`signature algorithm ${oid}`);
  if (scheme.hash === 'sha1' && options.allowSha1 !== true)
    throw new UnsupportedAlgorithmError(`SHA-1 signature (${oid}) not allowed`);
  return scheme;
}

function pssScheme(algorithm: pkijs.AlgorithmIdentifier): Scheme {
  let params: pkijs.RSASSAPSSParams;
  try {
    // Absent parameters mean all defaults (RFC 4055 §3.1): SHA-1, MGF1-SHA-1, salt 20.
    params =
      algorithm.algorithmParams === undefined
        ? new pkijs.RSASSAPSSParams()
        : new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
  } catch (cause) {
    throw new UnsupportedAlgorithmError(`RSASSA-PSS parameters unreadable: ${String(cause)}`);
  }
  const hash = hashNameOfOid(params.hashAlgorithm.algorithmId);
  if (hash === undefined) throw new UnsupportedAlgorithmError(`PSS hash ${params.hashAlgorithm.algorithmId}`);
  if (params.maskGenAlgorithm.algorithmId !== OID.mgf1)
    throw new UnsupportedAlgorithmError(`PSS mask generation ${params.maskGenAlgorithm.algorithmId}`);
  // node:crypto uses MGF1 with the message hash; a different MGF1 hash cannot be verified here.
  let mgfHash: HashName | undefined;
  try {
    mgfHash = hashNameOfOid(
      new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId,
    );
  } catch {
    mgfHash = undefined;
  }
  if (mgfHash !== hash) throw new UnsupportedAlgorithmError(`PSS MGF1 hash differs from ${hash}`);
  if (params.trailerField !== 1)
    throw new UnsupportedAlgorithmError(`PSS trailer field ${params.trailerField}`);
  return { kind: 'pss', hash, saltLength: params.saltLength };
}

/**
 * True when `signature` over `data` verifies with `publicKey` under `algorithm`. A signature that
 * simply does not match returns false; an algorithm we do not handle throws.
 */
export function verifySignedData(
  algorithm: pkijs.AlgorithmIdentifier,
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
  options: SignatureOptions = {},
): boolean {
  const scheme = signatureScheme(algorithm, options);
  try {
    switch (scheme.kind) {
      case 'pkcs1':
        if (publicKey.asymmetricKeyType !== 'rsa') return false;
        return verify(scheme.hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
      case 'pss':
        if (publicKey.asymmetricKeyType !== 'rsa' && publicKey.asymmetricKeyType !== 'rsa-pss') return false;
        return verify(
          scheme.hash,
          data,
          { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength },
          signature,
        );
      case 'ecdsa':
        if (publicKey.asymmetricKeyType !== 'ec') return false;
        return verify(scheme.hash, data, { key: publicKey, dsaEncoding: 'der' }, signature);
    }
  } catch {
    // node:crypto throws on some malformed signatures (wrong length, bad DER): that is "does not verify".
    return false;
  }
}
