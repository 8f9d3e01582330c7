/**
 * The bytes an audit entry's hash is taken over. Defined here once, because central (or anyone holding
 * a copy of the chain) must be able to recompute it byte for byte:
 *
 *   hash = lowercase hex SHA-256 of the UTF-8 bytes of
 *          canonicalJson(["cajero-audit/1", seq, at, kind, data, prevHash])
 *
 * canonicalJson is a strict subset of RFC 8785 (JCS): objects with their keys sorted by UTF-16 code
 * units, no whitespace, strings as `JSON.stringify` writes them, numbers only as safe integers (floats
 * are refused so that no two programs can disagree on their text), booleans and null. The stored
 * `data` column holds canonicalJson(data), so a stored value that is not in canonical form is itself
 * a sign of an edit.
 */
import { createHash } from 'node:crypto';

export const AUDIT_HASH_VERSION = 'cajero-audit/1';

export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

export class NotCanonicalError extends Error {}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new NotCanonicalError(`not a safe integer: ${value}`);
      // -0 and 0 are one number with one text.
      return String(value === 0 ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new NotCanonicalError('not a plain object');
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new NotCanonicalError(`no canonical form for ${typeof value}`);
  }
}

export interface HashedFields {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly data: unknown;
  readonly prevHash: string;
}

/** The exact bytes that are hashed (exported so tests and other implementations can compare). */
export function entryPreimage(e: HashedFields): Buffer {
  return Buffer.from(canonicalJson([AUDIT_HASH_VERSION, e.seq, e.at, e.kind, e.data, e.prevHash]), 'utf8');
}

export function entryHash(e: HashedFields): string {
  return createHash('sha256').update(entryPreimage(e)).digest('hex');
}

/**
 * The first entry's prev_hash: fixed per kiosk, so the chain of another kiosk (copied over this one's
 * file) does not verify here.
 */
export function genesisHash(kioskId: string): string {
  return createHash('sha256').update(`${AUDIT_HASH_VERSION}:genesis:${kioskId}`, 'utf8').digest('hex');
}

export const HASH_PATTERN = /^[0-9a-f]{64}$/u;
