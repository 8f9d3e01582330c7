import { constants, createHash, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestLengthError } from './errors.ts';
import { challengeDigestInfo, digestInfoSha256, verifyChallengeSignature } from './signature.ts';

// dnie.md §6: the SHA-256 DigestInfo prefix the DNIe expects in front of the 32-byte hash.
const SHA256_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 1024 });

/** What the card does (dnie.md §6): PKCS#1 v1.5 type-1 padding of the DigestInfo, then the raw private operation. */
function cardSign(digestInfo: Uint8Array): Uint8Array {
  return new Uint8Array(
    privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  );
}

describe('digestInfoSha256', () => {
  it('is the DNIe prefix followed by the hash', () => {
    const hash = createHash('sha256').update('reto').digest();
    expect(Buffer.from(digestInfoSha256(hash))).toEqual(Buffer.concat([SHA256_PREFIX, hash]));
  });

  it('signed raw by the card gives exactly node:crypto sign(sha256) output', () => {
    const challenge = new TextEncoder().encode('desafío 0001');
    const card = cardSign(challengeDigestInfo(challenge));
    expect(card.length).toBe(256);
    expect(Buffer.from(card)).toEqual(sign('sha256', challenge, privateKey));
  });

  it('refuses a hash that is not 32 bytes', () => {
    expect(() => digestInfoSha256(new Uint8Array(20))).toThrow(DigestLengthError);
    expect(() => digestInfoSha256(new Uint8Array(33))).toThrow(DigestLengthError);
  });

  it('property: any 32-byte hash decodes back from the DigestInfo', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (hash) => {
        const der = digestInfoSha256(hash);
        expect(der.length).toBe(51);
        const decoded = asn1js.fromBER(der);
        expect(decoded.offset).toBe(51);
        const seq = decoded.result as asn1js.Sequence;
        const octets = seq.valueBlock.value[1] as asn1js.OctetString;
        expect(new Uint8Array(octets.valueBlock.valueHexView)).toEqual(hash);
      }),
    );
  });
});

describe('verifyChallengeSignature', () => {
  const challenge = new Uint8Array(32).fill(0xa5);
  const signature = cardSign(challengeDigestInfo(challenge));

  it('accepts the card signature of the challenge', () => {
    expect(verifyChallengeSignature(publicKey, challenge, signature)).toBe(true);
  });

  it('refuses another challenge, a changed signature and another key', () => {
    expect(
      verifyChallengeSignature(
        publicKey,
        challenge.map((b, i) => (i === 0 ? b ^ 1 : b)),
        signature,
      ),
    ).toBe(false);
    const changed = signature.slice();
    changed[100] = (changed[100] ?? 0) ^ 0x10;
    expect(verifyChallengeSignature(publicKey, challenge, changed)).toBe(false);
    expect(verifyChallengeSignature(other.publicKey, challenge, signature)).toBe(false);
  });

  it('property: arbitrary signature bytes return false, never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(verifyChallengeSignature(publicKey, challenge, bytes)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
