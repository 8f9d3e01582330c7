import { constants, createHash, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildIfdAuthentication,
  checkIccAuthentication,
  deriveSessionKeys,
  fromBig,
  modulusOf,
  toBig,
} from './cwa14890.ts';

const ifd = generateKeyPairSync('rsa', { modulusLength: 1024 });
const icc = generateKeyPairSync('rsa', { modulusLength: 1024 });
const raw = {
  priv: (key: typeof ifd.privateKey, data: Uint8Array) =>
    new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, data)),
  pub: (key: typeof ifd.publicKey, data: Uint8Array) =>
    new Uint8Array(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, data)),
};
const sha1 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

/**
 * The card's INTERNAL AUTHENTICATE answer, computed independently: E_PK.IFD(min(SIG, N − SIG)).
 * `complement` tells whether SIGMIN was N − SIG (the host's second candidate).
 */
function cardAnswer(
  rndIfd: Uint8Array,
  snIfd: Uint8Array,
  kicc: Uint8Array,
): { answer: Uint8Array; complement: boolean } {
  const prnd = new Uint8Array(74).fill(0x55);
  const message = Uint8Array.from([0x6a, ...prnd, ...kicc, ...sha1(prnd, kicc, rndIfd, snIfd), 0xbc]);
  const signature = toBig(raw.priv(icc.privateKey, message));
  const n = modulusOf(icc.publicKey);
  const complement = n - signature < signature;
  return { answer: raw.pub(ifd.publicKey, fromBig(complement ? n - signature : signature, 128)), complement };
}

describe('CWA-14890 host arithmetic', () => {
  const rndIfd = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  const snIfd = Uint8Array.of(0xd0, 2, 0xe0, 0xff, 0, 0, 0, 4);
  const kicc = new Uint8Array(32).fill(0xa5);

  it('recovers Kicc from INTERNAL AUTHENTICATE, whether SIGMIN was SIG or N − SIG', () => {
    const seen = new Set<boolean>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const key = new Uint8Array(32).fill(i);
      const { answer, complement } = cardAnswer(rndIfd, snIfd, key);
      seen.add(complement);
      expect(
        checkIccAuthentication({
          response: answer,
          ifdPrivateKey: ifd.privateKey,
          iccPublicKey: icc.publicKey,
          rndIfd,
          snIfd,
        }),
      ).toEqual(key);
    }
    expect(seen).toEqual(new Set([true, false]));
  });

  it('refuses an answer for another RND.IFD, another key, or of the wrong size', () => {
    const { answer } = cardAnswer(rndIfd, snIfd, kicc);
    const other = Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9);
    expect(() =>
      checkIccAuthentication({
        response: answer,
        ifdPrivateKey: ifd.privateKey,
        iccPublicKey: icc.publicKey,
        rndIfd: other,
        snIfd,
      }),
    ).toThrow(expect.objectContaining({ code: 'dnie.card_not_genuine' }));
    const stranger = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      checkIccAuthentication({
        response: answer,
        ifdPrivateKey: ifd.privateKey,
        iccPublicKey: stranger.publicKey,
        rndIfd,
        snIfd,
      }),
    ).toThrow(expect.objectContaining({ code: 'dnie.card_not_genuine' }));
    expect(() =>
      checkIccAuthentication({
        response: answer.subarray(1),
        ifdPrivateKey: ifd.privateKey,
        iccPublicKey: icc.publicKey,
        rndIfd,
        snIfd,
      }),
    ).toThrow(expect.objectContaining({ code: 'dnie.card_not_genuine' }));
  });

  it('builds EXTERNAL AUTHENTICATE that the card opens to 6A ‖ PRND2 ‖ Kifd ‖ SHA-1 ‖ BC', () => {
    const rndIcc = Uint8Array.of(8, 7, 6, 5, 4, 3, 2, 1);
    const snIcc = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const prnd2 = new Uint8Array(74).fill(0x33);
    const kifd = new Uint8Array(32).fill(0x5a);
    const data = buildIfdAuthentication({
      ifdPrivateKey: ifd.privateKey,
      iccPublicKey: icc.publicKey,
      rndIcc,
      snIcc,
      prnd2,
      kifd,
    });
    const sigmin = toBig(raw.priv(icc.privateKey, data));
    const n = modulusOf(ifd.publicKey);
    const opened = [sigmin, n - sigmin]
      .map((x) => raw.pub(ifd.publicKey, fromBig(x, 128)))
      .find((m) => m[0] === 0x6a && m[127] === 0xbc);
    expect(opened).toBeDefined();
    expect(opened!.subarray(75, 107)).toEqual(kifd);
    expect(opened!.subarray(107, 127)).toEqual(sha1(prnd2, kifd, rndIcc, snIcc));
  });

  it('derives Kenc, Kmac and the SSC as dnie.md §4.1 step 10 says', () => {
    const kifd = new Uint8Array(32).fill(0x0f);
    const keys = deriveSessionKeys(
      kicc,
      kifd,
      Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
      Uint8Array.of(9, 10, 11, 12, 13, 14, 15, 16),
    );
    const seed = new Uint8Array(32).fill(0xa5 ^ 0x0f);
    expect(keys.kenc).toEqual(sha1(seed, Uint8Array.of(0, 0, 0, 1)).slice(0, 16));
    expect(keys.kmac).toEqual(sha1(seed, Uint8Array.of(0, 0, 0, 2)).slice(0, 16));
    expect(keys.ssc).toEqual(Uint8Array.of(5, 6, 7, 8, 13, 14, 15, 16));
  });
});
