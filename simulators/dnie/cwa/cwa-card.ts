/**
 * The card side of the CWA-14890 channel, PIN and signature (dnie.md §4.1, §4.2, §5, §6, §9), installed
 * on a DnieCard as handlers plus the secure-messaging interceptor. The simulator's own implementation.
 *
 * Status words: as dnie.md §2/§9 where documented. Assumed (not confirmed): 6A80 for a CVC that does
 * not verify, 6300 for a failed EXTERNAL AUTHENTICATE, 6985 for a handshake step out of order, 6A88 for
 * an unknown key reference, 6987 for an SM command when no channel is open.
 */
import {
  constants,
  createHash,
  type KeyObject,
  privateDecrypt,
  privateEncrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { type CardCommand, type CardResponse, respond } from '../card/command.ts';
import type { DnieCard } from '../card/dnie-card.ts';
import type { ComponentPki } from '../pki/component-pki.ts';
import { bigOf, bytesOf, cat, hexOf, readTlvs, same } from './bytes.ts';
import { type CardSmSession, openCommand, protectResponse } from './card-sm.ts';
import { verifyCvc } from './cvc.ts';

export interface CwaCardOptions {
  readonly pki: ComponentPki;
  /** 4 on DNIe 1.x/2.0, 8 on 3.0/4.0. */
  readonly macLength: 4 | 8;
  /** DNIe 3.0: one VERIFY per signature (dnie.md §5). */
  readonly pinPerSignature: boolean;
  readonly pin: string;
  /** Tries left at start; 0 = blocked. */
  readonly pinTries: number;
  /** Private keys by reference: 1 authentication, 2 signing (dnie.md §3). */
  readonly signingKeys: ReadonlyMap<number, KeyObject>;
}

export interface CwaFaults {
  /** Corrupts the MAC of protected responses to this inner INS (e.g. 0x20 VERIFY); 'all' for every one. */
  wrongMacOnIns?: number | 'all';
  /** Cuts the last `bytes` off the protected response to this inner INS (a truncated answer). */
  truncateOnIns?: { readonly ins: number; readonly bytes: number };
}

export interface CwaCardState {
  sm: CardSmSession | undefined;
  pinTries: number;
  readonly faults: CwaFaults;
  /** Signatures made since the card was created (for tests; survives resets). */
  signatures: number;
}

const PIN_TRIES = 3;
const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY: 0x6982,
  PIN_BLOCKED: 0x6983,
  CONDITIONS: 0x6985,
  SM_MISSING: 0x6987,
  WRONG_DATA: 0x6a80,
  WRONG_P1P2: 0x6a86,
  REF_NOT_FOUND: 0x6a88,
  AUTH_FAILED: 0x6300,
} as const;

interface Handshake {
  verifier: { key: KeyObject; chr: Uint8Array } | undefined;
  /** Keys of verified CVCs, by the hex of their 12-byte CHR. */
  readonly verified: Map<string, KeyObject>;
  ifd: { key: KeyObject; serial: Uint8Array } | undefined;
  kicc: Uint8Array | undefined;
  rndIfd: Uint8Array | undefined;
  rndIcc: Uint8Array | undefined;
  signingKey: number | undefined;
}

function rawPrivate(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

function rawPublic(key: KeyObject, input: Uint8Array): Uint8Array {
  return new Uint8Array(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

function modulus(key: KeyObject): bigint {
  return bigOf(new Uint8Array(Buffer.from(String(key.export({ format: 'jwk' }).n), 'base64url')));
}

function sha1(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function installCwa(card: DnieCard, options: CwaCardOptions): CwaCardState {
  const state: CwaCardState = { sm: undefined, pinTries: options.pinTries, faults: {}, signatures: 0 };
  const fresh = (): Handshake => ({
    verifier: undefined,
    verified: new Map(),
    ifd: undefined,
    kicc: undefined,
    rndIfd: undefined,
    rndIcc: undefined,
    signingKey: undefined,
  });
  let hs = fresh();
  const snIcc = cat(Uint8Array.of(0), card.serial);
  const rootKeyRef = Uint8Array.of(0x02, 0x0f);
  const iccKeyRef = Uint8Array.of(0x02, 0x1f);
  card.onReset(() => {
    state.sm = undefined;
    hs = fresh();
  });

  card.intercept((command, _card, dispatch) => {
    const sm = state.sm;
    const secured = (command.cla & 0x0c) === 0x0c;
    if (sm === undefined) return secured ? respond(SW.SM_MISSING) : dispatch(command);
    // Any plain APDU ends the session (dnie.md §4.2).
    if (!secured) {
      state.sm = undefined;
      return respond(SW.SM_MISSING);
    }
    const header = Uint8Array.of(command.cla, command.ins, command.p1, command.p2);
    const opened = openCommand(sm, header, command.data);
    if (!opened.ok) {
      state.sm = undefined;
      return respond(opened.sw);
    }
    const inner: CardCommand = {
      cla: opened.cla,
      ins: opened.ins,
      p1: opened.p1,
      p2: opened.p2,
      data: opened.data,
      le: opened.le,
    };
    const answer = dispatch(inner);
    const wrong = state.faults.wrongMacOnIns;
    const corrupt = wrong === 'all' || wrong === inner.ins;
    const protectedAnswer = protectResponse(sm, answer.data, answer.sw, corrupt);
    const cut = state.faults.truncateOnIns;
    if (cut !== undefined && cut.ins === inner.ins) {
      return respond(SW.OK, protectedAnswer.slice(0, Math.max(1, protectedAnswer.length - cut.bytes)));
    }
    return respond(SW.OK, protectedAnswer);
  });

  const mse: (command: CardCommand) => CardResponse = (command) => {
    const objects = readTlvs(command.data);
    if (objects === undefined) return respond(SW.WRONG_DATA);
    const find = (tag: number): Uint8Array | undefined => objects.find((o) => o.tag === tag)?.value;
    const p1p2 = (command.p1 << 8) | command.p2;
    if (p1p2 === 0x81b6) {
      // MSE SET DST for PSO VERIFY CERTIFICATE: the root (02 0F) or a CA verified before (its 8-byte CHR).
      const reference = find(0x83);
      if (reference === undefined) return respond(SW.WRONG_DATA);
      if (same(reference, rootKeyRef)) {
        if (state.sm !== undefined) return respond(SW.CONDITIONS);
        hs = fresh();
        hs.verifier = { key: options.pki.terminalRoot.publicKey, chr: options.pki.terminalRoot.chr };
        return respond(SW.OK);
      }
      const key = hs.verified.get(hexOf(cat(new Uint8Array(4), reference)));
      if (key === undefined || reference.length !== 8) return respond(SW.REF_NOT_FOUND);
      hs.verifier = { key, chr: reference };
      return respond(SW.OK);
    }
    if (p1p2 === 0xc1a4) {
      // MSE SET AT: the IFD's verified public key (83, 00000000 ‖ SN.IFD) and the ICC key 02 1F (84).
      const ifd = find(0x83);
      const icc = find(0x84);
      if (ifd?.length !== 12 || icc === undefined) return respond(SW.WRONG_DATA);
      const key = hs.verified.get(hexOf(ifd));
      if (key === undefined || !same(icc, iccKeyRef)) return respond(SW.REF_NOT_FOUND);
      hs.ifd = { key, serial: ifd.slice(4) };
      return respond(SW.OK);
    }
    if (p1p2 === 0x41b6) {
      // MSE SET DST for computation: 84 02 01 <key ref> (dnie.md §6). Only inside the channel.
      if (state.sm === undefined) return respond(SW.SECURITY);
      const reference = find(0x84);
      if (reference?.length !== 2 || reference[0] !== 0x01) return respond(SW.WRONG_DATA);
      if (!options.signingKeys.has(reference[1]!)) return respond(SW.REF_NOT_FOUND);
      hs.signingKey = reference[1]!;
      return respond(SW.OK);
    }
    return respond(SW.WRONG_P1P2);
  };
  card.handle(0x22, (command) => (command.cla !== 0 ? respond(0x6e00) : mse(command)));

  card.handle(0x2a, (command) => {
    const p1p2 = (command.p1 << 8) | command.p2;
    if (p1p2 === 0x00ae) {
      if (state.sm !== undefined) return respond(SW.CONDITIONS);
      const verifier = hs.verifier;
      if (verifier === undefined) return respond(SW.CONDITIONS);
      const checked = verifyCvc(command.data, verifier.key);
      if (checked === undefined || !same(checked.car, verifier.chr)) return respond(SW.WRONG_DATA);
      hs.verified.set(hexOf(checked.chr), checked.publicKey);
      return respond(SW.OK);
    }
    if (p1p2 === 0x9e9a) {
      // PSO COMPUTE DIGITAL SIGNATURE: the host's DigestInfo, PKCS#1 v1.5 type 1 here (dnie.md §6).
      if (state.sm === undefined || !card.pinVerified) return respond(SW.SECURITY);
      const reference = hs.signingKey;
      const key = reference === undefined ? undefined : options.signingKeys.get(reference);
      if (key === undefined) return respond(SW.CONDITIONS);
      if (command.data.length === 0 || command.data.length > 245) return respond(SW.WRONG_LENGTH);
      const signature = new Uint8Array(
        privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, command.data),
      );
      state.signatures++;
      if (options.pinPerSignature) card.pinVerified = false;
      return respond(SW.OK, signature);
    }
    return respond(SW.WRONG_P1P2);
  });

  card.handle(0x88, (command) => {
    // INTERNAL AUTHENTICATE (dnie.md §4.1 step 7).
    const ifd = hs.ifd;
    if (ifd === undefined || state.sm !== undefined) return respond(SW.CONDITIONS);
    if (command.data.length !== 16) return respond(SW.WRONG_LENGTH);
    const rndIfd = command.data.slice(0, 8);
    if (!same(command.data.slice(8), ifd.serial)) return respond(SW.WRONG_DATA);
    const prnd1 = new Uint8Array(randomBytes(74));
    const kicc = new Uint8Array(randomBytes(32));
    const message = cat(
      Uint8Array.of(0x6a),
      prnd1,
      kicc,
      sha1(prnd1, kicc, rndIfd, ifd.serial),
      Uint8Array.of(0xbc),
    );
    const signature = bigOf(rawPrivate(options.pki.iccPrivateKey, message));
    const n = modulus(options.pki.iccPrivateKey);
    const sigmin = signature < n - signature ? signature : n - signature;
    hs.kicc = kicc;
    hs.rndIfd = rndIfd;
    return respond(SW.OK, rawPublic(ifd.key, bytesOf(sigmin, 128)));
  });

  card.handle(0x84, (command) => {
    // GET CHALLENGE (step 8).
    if (command.le !== 8) return respond(SW.WRONG_LENGTH);
    hs.rndIcc = new Uint8Array(randomBytes(8));
    return respond(SW.OK, hs.rndIcc);
  });

  card.handle(0x82, (command) => {
    // EXTERNAL AUTHENTICATE (step 9), then the session keys (step 10).
    const { ifd, kicc, rndIfd, rndIcc } = hs;
    if (ifd === undefined || kicc === undefined || rndIfd === undefined || rndIcc === undefined)
      return respond(SW.CONDITIONS);
    if (command.data.length !== 128) return respond(SW.WRONG_LENGTH);
    hs.rndIcc = undefined;
    let sigmin: Uint8Array;
    try {
      sigmin = rawPrivate(options.pki.iccPrivateKey, command.data);
    } catch {
      return respond(SW.AUTH_FAILED);
    }
    const n = modulus(ifd.key);
    let kifd: Uint8Array | undefined;
    for (const candidate of [bigOf(sigmin), n - bigOf(sigmin)]) {
      if (candidate <= 0n || candidate >= n) continue;
      const m = rawPublic(ifd.key, bytesOf(candidate, 128));
      if (m[0] !== 0x6a || m[127] !== 0xbc) continue;
      const prnd2 = m.slice(1, 75);
      const k = m.slice(75, 107);
      if (same(sha1(prnd2, k, rndIcc, snIcc), m.slice(107, 127))) kifd = k;
    }
    if (kifd === undefined) return respond(SW.AUTH_FAILED);
    const seed = kifd.map((b, i) => b ^ kicc[i]!);
    state.sm = {
      kenc: sha1(seed, Uint8Array.of(0, 0, 0, 1)).slice(0, 16),
      kmac: sha1(seed, Uint8Array.of(0, 0, 0, 2)).slice(0, 16),
      ssc: bigOf(cat(rndIcc.slice(4), rndIfd.slice(4))),
      macLength: options.macLength,
    };
    return respond(SW.OK);
  });

  card.handle(0x20, (command) => {
    // VERIFY, only inside SM (dnie.md §5): 63Cx tries left, 6983 blocked, no PUK.
    if (state.sm === undefined) return respond(SW.SECURITY);
    if (command.p1 !== 0 || command.p2 !== 0) return respond(SW.WRONG_P1P2);
    if (state.pinTries === 0) return respond(SW.PIN_BLOCKED);
    if (command.data.length === 0) return respond(0x63c0 | state.pinTries);
    const expected = new TextEncoder().encode(options.pin);
    if (same(command.data, expected)) {
      state.pinTries = PIN_TRIES;
      card.pinVerified = true;
      return respond(SW.OK);
    }
    state.pinTries--;
    card.pinVerified = false;
    return respond(state.pinTries === 0 ? SW.PIN_BLOCKED : 0x63c0 | state.pinTries);
  });

  return state;
}
