/**
 * Challenge signatures made by the DNIe authentication key (dnie.md §6): the host hashes the
 * challenge, builds the DER DigestInfo, and the card applies PKCS#1 v1.5 type-1 padding and its raw
 * RSA operation. The result is an ordinary RSASSA-PKCS1-v1_5 SHA-256 signature (RFC 8017 §8.2).
 */
import { constants, createHash, type KeyObject, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CitizenCertificate } from './certificate.ts';
import { DigestLengthError } from './errors.ts';
import { OID } from './oids.ts';

const SHA256_LENGTH = 32;

/**
 * DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
 * (RFC 8017 §9.2 step 2), with the NULL parameters RFC 8017 App. B.1 shows for SHA-256.
 */
export function digestInfoSha256(hash: Uint8Array): Uint8Array {
  if (hash.length !== SHA256_LENGTH) throw new DigestLengthError(`SHA-256 hash of ${hash.length} bytes`);
  const digestInfo = new asn1js.Sequence({
    value: [
      new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }).toSchema(),
      new asn1js.OctetString({ valueHex: hash.slice() }),
    ],
  });
  return new Uint8Array(digestInfo.toBER());
}

/** The DigestInfo the card must sign for `challenge`: SHA-256 on the host, then DigestInfo. */
export function challengeDigestInfo(challenge: Uint8Array): Uint8Array {
  return digestInfoSha256(new Uint8Array(createHash('sha256').update(challenge).digest()));
}

/**
 * True when `signature` is a PKCS#1 v1.5 SHA-256 signature of `challenge` by the key of
 * `certificate` (or the given public key). Never throws for a wrong or malformed signature.
 */
export function verifyChallengeSignature(
  key: CitizenCertificate | KeyObject,
  challenge: Uint8Array,
  signature: Uint8Array,
): boolean {
  const publicKey = 'publicKey' in key ? key.publicKey : key;
  if (publicKey.asymmetricKeyType !== 'rsa') return false;
  try {
    return verify('sha256', challenge, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}
