/**
 * Secure-messaging wrap/unwrap of APDUs for the DNIe's CWA-14890 channel (dnie.md §4.2; CWA 14890-1 §8;
 * ISO 7816-4 §10). Pure: keys, SSC and APDU in, protected APDU and the next SSC out.
 *
 * Command: CLA|0C; data padded and 3DES-encrypted into `87 L 01‖cryptogram`; otherwise, when Le is
 * present, `97 01 Le` (never both: DNIe 3.0 answers 6988 to a VERIFY carrying 87 and 97); the SSC is
 * incremented, then `8E` carries the retail MAC over SSC ‖ pad(CLA' INS P1 P2) ‖ DOs, truncated to 4
 * bytes (DNIe 1.x/2.0) or 8 (3.0/4.0); sent as case 4 with Le 00.
 * Response: `87`/`81`, `99 02 SW`, `8E` MAC over SSC+1 ‖ DO87/81 ‖ DO99; the SW inside 99 is the real one.
 */
import type { CommandApdu, ResponseApdu } from '../pcsc/index.ts';
import { SmFormatError, SmMacError } from './errors.ts';
import { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from './sm-crypto.ts';
import { decodeTlvs, encodeTlv, type Tlv } from './tlv.ts';

export interface SmKeys {
  /** 16-byte 2-key 3DES encryption key. */
  readonly kenc: Uint8Array;
  /** 16-byte retail-MAC key. */
  readonly kmac: Uint8Array;
  /** 4 on DNIe 1.x/2.0, 8 on 3.0/4.0 (dnie.md §4.2). */
  readonly macLength: 4 | 8;
}

/** The send sequence counter: 8 bytes, big-endian. */
export type Ssc = Uint8Array;

export function incrementSsc(ssc: Ssc): Ssc {
  const out = ssc.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = (out[i]! + 1) & 0xff;
    if (out[i] !== 0) break;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function mac(keys: SmKeys, ssc: Ssc, data: Uint8Array): Uint8Array {
  return retailMac(keys.kmac, concat(ssc, data)).slice(0, keys.macLength);
}

/** Protects one command. The padded plaintext is wiped before returning (it may hold a PIN). */
export function wrapCommand(
  keys: SmKeys,
  ssc: Ssc,
  command: CommandApdu,
): { command: CommandApdu; ssc: Ssc } {
  if ((command.cla & 0x0c) !== 0)
    throw new SmFormatError(`CLA ${command.cla.toString(16)} already protected`);
  const cla = command.cla | 0x0c;
  let objects: Uint8Array = new Uint8Array(0);
  const data = command.data ?? new Uint8Array(0);
  if (data.length > 0) {
    const padded = pad(data);
    const cryptogram = tdesEncrypt(keys.kenc, padded);
    padded.fill(0);
    objects = encodeTlv(0x87, concat(Uint8Array.of(0x01), cryptogram));
  } else if (command.le !== undefined) {
    objects = encodeTlv(0x97, Uint8Array.of(command.le & 0xff));
  }
  const next = incrementSsc(ssc);
  const header = pad(Uint8Array.of(cla, command.ins, command.p1, command.p2));
  const checksum = mac(keys, next, concat(header, objects));
  return {
    command: {
      cla,
      ins: command.ins,
      p1: command.p1,
      p2: command.p2,
      data: concat(objects, encodeTlv(0x8e, checksum)),
      le: 256,
    },
    ssc: next,
  };
}

/**
 * Checks and opens one protected response. Throws SmFormatError for missing or malformed objects and
 * SmMacError for a MAC that does not verify (never anything else).
 */
export function unwrapResponse(
  keys: SmKeys,
  ssc: Ssc,
  response: ResponseApdu,
): { response: ResponseApdu; ssc: Ssc } {
  let objects: Tlv[];
  try {
    objects = decodeTlvs(response.data);
  } catch (error) {
    throw new SmFormatError(`response objects: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: Tlv | undefined;
  let status: Tlv | undefined;
  let checksum: Tlv | undefined;
  for (const [index, object] of objects.entries()) {
    if (
      (object.tag === 0x87 || object.tag === 0x81) &&
      body === undefined &&
      status === undefined &&
      index === 0
    )
      body = object;
    else if (object.tag === 0x99 && status === undefined && checksum === undefined) status = object;
    else if (object.tag === 0x8e && checksum === undefined && index === objects.length - 1) checksum = object;
    else throw new SmFormatError(`unexpected object ${object.tag.toString(16)} at position ${index}`);
  }
  if (status === undefined || status.value.length !== 2)
    throw new SmFormatError('response without a 99 02 status word');
  if (checksum === undefined) throw new SmFormatError('response without a MAC (8E)');
  if (checksum.value.length !== keys.macLength) {
    throw new SmFormatError(`MAC of ${checksum.value.length} bytes, expected ${keys.macLength}`);
  }
  const next = incrementSsc(ssc);
  const covered = concat(
    body === undefined ? new Uint8Array(0) : encodeTlvBytes(body),
    encodeTlvBytes(status),
  );
  if (!equal(mac(keys, next, covered), checksum.value)) throw new SmMacError('response MAC does not verify');
  const sw = (status.value[0]! << 8) | status.value[1]!;
  let data: Uint8Array = new Uint8Array(0);
  if (body?.tag === 0x81) data = body.value;
  else if (body?.tag === 0x87) {
    if (body.value[0] !== 0x01) throw new SmFormatError('cryptogram without padding indicator 01');
    data = unpad(tdesDecrypt(keys.kenc, body.value.subarray(1)));
  }
  return { response: { data, sw }, ssc: next };
}

function encodeTlvBytes(object: Tlv): Uint8Array {
  return encodeTlv(object.tag, object.value);
}
