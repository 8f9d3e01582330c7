/** Byte helpers shared by the parsers: PEM armour, exact-length BER decoding, hex. */
import * as asn1js from 'asn1js';

/** Thrown internally; each parser turns it into its own typed error. */
export class DerInputError extends Error {}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * PEM (RFC 7468 §2) or DER. A string is PEM; bytes starting with "-----BEGIN" are PEM text; other
 * bytes are DER as given.
 */
export function pemOrDer(input: Uint8Array | string, label: string): Uint8Array {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (input.length >= 10 && Buffer.from(input.subarray(0, 10)).toString('latin1') === '-----BEGIN')
    text = Buffer.from(input).toString('latin1');
  if (text === undefined) return input as Uint8Array;
  const match = PEM_RE.exec(text);
  if (match === null) throw new DerInputError('no PEM block found');
  if (match[1] !== label) throw new DerInputError(`PEM label is "${match[1]}", expected "${label}"`);
  const body = (match[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0)
    throw new DerInputError('PEM body is not base64');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** BER-decode exactly one value covering all of `bytes` (trailing bytes are refused). */
export function decodeExact(bytes: Uint8Array, what: string): asn1js.AsnType {
  if (bytes.length === 0) throw new DerInputError(`${what}: empty input`);
  const decoded = asn1js.fromBER(bytes);
  if (decoded.offset === -1) throw new DerInputError(`${what}: ${decoded.result.error || 'bad BER'}`);
  if (decoded.offset !== bytes.length)
    throw new DerInputError(`${what}: ${bytes.length - decoded.offset} trailing bytes`);
  return decoded.result;
}

export function hex(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)
    .toString('hex')
    .toUpperCase();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** A copy as a standalone ArrayBuffer, as asn1js/pkijs constructors want. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
