/**
 * The bytes an audit entry's hash is taken over. Defined here once, because central (or anyone holding
 * a copy of the chain) must be able to recompute it byte for byte:
 *
 *   hash = lowercase hex SHA-256 of the UTF-8 bytes of
 *          canonicalJson(["cajero-audit/1", seq, at, kind, data, prevHash])
 *
 * canonicalJson (drivers/common/canonical-json.ts) is a strict subset of RFC 8785 (JCS). The stored
 * `data` column holds canonicalJson(data), so a stored value that is not in canonical form is itself
 * a sign of an edit.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../drivers/common/canonical-json.ts';

export const AUDIT_HASH_VERSION = 'cajero-audit/1';

// One definition for the audit chain and central's sealed documents (drivers/common).
export {
  type CanonicalValue,
  canonicalJson,
  NotCanonicalError,
} from '../../drivers/common/canonical-json.ts';

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
