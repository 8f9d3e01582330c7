/**
 * Card-verifiable certificates as the virtual DNIe checks them (dnie.md §4.1 step 5):
 * `7F21 L { 5F37 81 80 <RSA-1024 signature, ISO 9796-2 scheme 1 with message recovery, SHA-1>
 * 5F38 <non-recoverable remainder> 42 08 <CAR> }`.
 * The signed message is CPI(1) ‖ CAR(8) ‖ CHR(12) ‖ CHA(7) ‖ OID(7) ‖ n(128) ‖ e(4) (CWA 14890-1 annex;
 * the exact field list of DGP's CVCs is our assumption, only the test chain uses it). The first 106
 * bytes are recovered from the signature `6A ‖ M1 ‖ SHA-1(M) ‖ BC`; the rest travels in 5F38.
 */
import {
  constants,
  createHash,
  createPublicKey,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import { cat, readTlvs, same, tlv } from './bytes.ts';

const CPI = 0x41;
const RECOVERABLE = 106;
/** Placeholder algorithm OID bytes and holder authorisation for test CVCs. */
const OID_BYTES = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01);

export interface CvcContent {
  readonly car: Uint8Array;
  /** 12 bytes: 4 zero bytes ‖ 8-byte reference (CA CHR or SN.IFD). */
  readonly chr: Uint8Array;
  readonly cha: Uint8Array;
  readonly publicKey: KeyObject;
}

function modulusAndExponent(key: KeyObject): { n: Uint8Array; e: Uint8Array } {
  const jwk = key.export({ format: 'jwk' });
  return {
    n: new Uint8Array(Buffer.from(String(jwk.n), 'base64url')),
    e: new Uint8Array(Buffer.from(String(jwk.e), 'base64url')),
  };
}

export function buildCvc(content: CvcContent, signer: KeyObject): Uint8Array {
  const { n, e } = modulusAndExponent(content.publicKey);
  const exponent = new Uint8Array(4);
  exponent.set(e, 4 - e.length);
  const message = cat(Uint8Array.of(CPI), content.car, content.chr, content.cha, OID_BYTES, n, exponent);
  const hash = new Uint8Array(createHash('sha1').update(message).digest());
  const input = cat(Uint8Array.of(0x6a), message.slice(0, RECOVERABLE), hash, Uint8Array.of(0xbc));
  const signature = new Uint8Array(privateDecrypt({ key: signer, padding: constants.RSA_NO_PADDING }, input));
  return tlv(
    0x7f21,
    cat(tlv(0x5f37, signature), tlv(0x5f38, message.slice(RECOVERABLE)), tlv(0x42, content.car)),
  );
}

/** Verifies a CVC with `issuerKey`; undefined when anything is wrong (the card answers 6A80/6688). */
export function verifyCvc(
  cvc: Uint8Array,
  issuerKey: KeyObject,
): { car: Uint8Array; chr: Uint8Array; publicKey: KeyObject } | undefined {
  const outer = readTlvs(cvc);
  if (outer?.length !== 1 || outer[0]!.tag !== 0x7f21) return undefined;
  const inner = readTlvs(outer[0]!.value);
  const signature = inner?.find((o) => o.tag === 0x5f37)?.value;
  const remainder = inner?.find((o) => o.tag === 0x5f38)?.value;
  const car = inner?.find((o) => o.tag === 0x42)?.value;
  if (signature?.length !== 128 || remainder === undefined || car?.length !== 8) return undefined;
  let recovered: Uint8Array;
  try {
    recovered = new Uint8Array(
      publicEncrypt({ key: issuerKey, padding: constants.RSA_NO_PADDING }, signature),
    );
  } catch {
    return undefined;
  }
  if (recovered[0] !== 0x6a || recovered[127] !== 0xbc) return undefined;
  const message = cat(recovered.slice(1, 1 + RECOVERABLE), remainder);
  const hash = new Uint8Array(createHash('sha1').update(message).digest());
  if (!same(hash, recovered.slice(1 + RECOVERABLE, 127))) return undefined;
  if (message.length !== 167 || message[0] !== CPI || !same(message.slice(1, 9), car)) return undefined;
  const n = message.slice(35, 163);
  const e = message.slice(163, 167);
  let start = 0;
  while (start < e.length - 1 && e[start] === 0) start++;
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { kty: 'RSA', n: b64(n), e: b64(e.slice(start)) }, format: 'jwk' });
  } catch {
    return undefined;
  }
  return { car, chr: message.slice(9, 21), publicKey };
}
