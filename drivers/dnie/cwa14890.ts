/**
 * The host's arithmetic of CWA 14890-1 device authentication with RSA-1024 (dnie.md §4.1, steps 7–10).
 * Pure functions: keys, nonces and the card's answers in; key material and messages out. Randomness
 * (RND.IFD, PRND2, Kifd) comes in as parameters.
 *
 * Both directions carry `E_PK.other(SIGMIN)`, SIGMIN = min(SIG, N − SIG) and SIG the raw RSA private-key
 * operation on the ISO 9796-2 message `6A ‖ PRND(74) ‖ K(32) ‖ SHA-1(PRND ‖ K ‖ RND ‖ SN) ‖ BC`.
 */
import { constants, createHash, type KeyObject, privateDecrypt, publicEncrypt } from 'node:crypto';
import { DnieError } from './errors.ts';

export const RSA_BYTES = 128;
const PRND_BYTES = 74;
const KEY_BYTES = 32;

export function toBig(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function fromBig(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

export function modulusOf(key: KeyObject): bigint {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string') throw new DnieError('card_not_genuine', 'key without an RSA modulus');
  return toBig(new Uint8Array(Buffer.from(jwk.n, 'base64url')));
}

/** x^d mod n: the raw private-key operation (no padding). */
export function rsaPrivate(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

/** x^e mod n: the raw public-key operation (no padding). */
export function rsaPublic(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

function sha1(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** Splits a recovered `6A ‖ PRND ‖ K ‖ hash ‖ BC` and checks its hash; undefined when it is not one. */
function openMessage(message: Uint8Array, rnd: Uint8Array, sn: Uint8Array): Uint8Array | undefined {
  if (message.length !== RSA_BYTES || message[0] !== 0x6a || message[RSA_BYTES - 1] !== 0xbc)
    return undefined;
  const prnd = message.subarray(1, 1 + PRND_BYTES);
  const key = message.subarray(1 + PRND_BYTES, 1 + PRND_BYTES + KEY_BYTES);
  const hash = message.subarray(1 + PRND_BYTES + KEY_BYTES, RSA_BYTES - 1);
  const expected = sha1(prnd, key, rnd, sn);
  if (!expected.every((b, i) => b === hash[i])) return undefined;
  return key.slice();
}

export interface IccAuthenticationInput {
  /** The 128 bytes INTERNAL AUTHENTICATE returned. */
  readonly response: Uint8Array;
  readonly ifdPrivateKey: KeyObject;
  readonly iccPublicKey: KeyObject;
  readonly rndIfd: Uint8Array;
  readonly snIfd: Uint8Array;
}

/** Step 7: checks the card's answer and returns Kicc (32 bytes). Throws DnieError card_not_genuine. */
export function checkIccAuthentication(input: IccAuthenticationInput): Uint8Array {
  if (input.response.length !== RSA_BYTES) {
    throw new DnieError('card_not_genuine', `INTERNAL AUTHENTICATE answered ${input.response.length} bytes`);
  }
  let sigmin: Uint8Array;
  try {
    sigmin = rsaPrivate(input.ifdPrivateKey, input.response);
  } catch (error) {
    throw new DnieError('card_not_genuine', 'INTERNAL AUTHENTICATE answer is not below N.IFD', undefined, {
      cause: error,
    });
  }
  const n = modulusOf(input.iccPublicKey);
  const candidates = [sigmin, fromBig(n - toBig(sigmin), RSA_BYTES)];
  for (const candidate of candidates) {
    if (toBig(candidate) >= n) continue;
    const key = openMessage(rsaPublic(input.iccPublicKey, candidate), input.rndIfd, input.snIfd);
    if (key !== undefined) return key;
  }
  throw new DnieError('card_not_genuine', 'INTERNAL AUTHENTICATE signature does not verify with PK.ICC');
}

export interface IfdAuthenticationInput {
  readonly ifdPrivateKey: KeyObject;
  readonly iccPublicKey: KeyObject;
  readonly rndIcc: Uint8Array;
  readonly snIcc: Uint8Array;
  /** 74 random bytes. */
  readonly prnd2: Uint8Array;
  /** 32 random bytes: the host's half of the key seed. */
  readonly kifd: Uint8Array;
}

/** Step 9: the EXTERNAL AUTHENTICATE data, E_PK.ICC(SIGMIN). */
export function buildIfdAuthentication(input: IfdAuthenticationInput): Uint8Array {
  const message = new Uint8Array(RSA_BYTES);
  message[0] = 0x6a;
  message.set(input.prnd2, 1);
  message.set(input.kifd, 1 + PRND_BYTES);
  message.set(sha1(input.prnd2, input.kifd, input.rndIcc, input.snIcc), 1 + PRND_BYTES + KEY_BYTES);
  message[RSA_BYTES - 1] = 0xbc;
  const signature = toBig(rsaPrivate(input.ifdPrivateKey, message));
  const nIfd = modulusOf(input.ifdPrivateKey);
  const sigmin = signature < nIfd - signature ? signature : nIfd - signature;
  const nIcc = modulusOf(input.iccPublicKey);
  if (sigmin >= nIcc) throw new DnieError('channel_refused', 'SIGMIN is not below N.ICC');
  message.fill(0);
  return rsaPublic(input.iccPublicKey, fromBig(sigmin, RSA_BYTES));
}

export interface SessionKeyMaterial {
  readonly kenc: Uint8Array;
  readonly kmac: Uint8Array;
  readonly ssc: Uint8Array;
}

/** Step 10: Kenc/Kmac = first 16 bytes of SHA-1(Kifd⊕Kicc ‖ 00000001/00000002); SSC = RND.ICC[4..8] ‖ RND.IFD[4..8]. */
export function deriveSessionKeys(
  kicc: Uint8Array,
  kifd: Uint8Array,
  rndIcc: Uint8Array,
  rndIfd: Uint8Array,
): SessionKeyMaterial {
  const seed = kicc.map((b, i) => b ^ kifd[i]!);
  const kenc = sha1(seed, Uint8Array.of(0, 0, 0, 1)).slice(0, 16);
  const kmac = sha1(seed, Uint8Array.of(0, 0, 0, 2)).slice(0, 16);
  seed.fill(0);
  const ssc = new Uint8Array(8);
  ssc.set(rndIcc.subarray(4, 8), 0);
  ssc.set(rndIfd.subarray(4, 8), 4);
  return { kenc, kmac, ssc };
}
