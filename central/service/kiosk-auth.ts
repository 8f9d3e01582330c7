/**
 * Who is calling on the kiosk listener: the TLS client certificate, already checked by Node against
 * the kiosk CA (`requestCert`), names the kiosk (subject CN); the enrolled kiosk row must hold that
 * certificate's SHA-256 fingerprint and be `enrolled`. The municipality comes from the enrolled row.
 * Checked on every request, so a revocation takes effect at once even on a kept-alive connection.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Queryable } from '../db/index.ts';
import type { KioskIdentity } from './ingest.ts';
import { CentralServiceError } from './service-error.ts';

/** What the TLS layer says of the caller: the kiosk its certificate names, and that certificate's hash. */
export interface PeerFacts {
  readonly kioskId: string;
  readonly fingerprint: string;
}

/** The certificate does not change during a TLS connection: read and hash it once per socket. */
const peerBySocket = new WeakMap<TLSSocket, PeerFacts>();

/** Throws when the connection has no certificate of the kiosk CA; reads no database. */
export function peerFacts(socket: TLSSocket): PeerFacts {
  const known = peerBySocket.get(socket);
  if (known !== undefined) return known;
  if (typeof socket.getPeerCertificate !== 'function') {
    throw new CentralServiceError('central.kiosk_certificate_missing', 'not a TLS connection');
  }
  const peer = socket.getPeerCertificate();
  if (peer === null || peer.raw === undefined) {
    throw new CentralServiceError('central.kiosk_certificate_missing', 'no client certificate');
  }
  if (!socket.authorized) {
    throw new CentralServiceError(
      'central.kiosk_certificate_missing',
      `certificate refused: ${String(socket.authorizationError)}`,
    );
  }
  const cn = peer.subject?.CN;
  const kioskId = Array.isArray(cn) ? undefined : cn;
  if (kioskId === undefined) {
    throw new CentralServiceError('central.kiosk_unknown', 'certificate without one subject CN');
  }
  const facts = { kioskId, fingerprint: createHash('sha256').update(peer.raw).digest('hex') };
  peerBySocket.set(socket, facts);
  return facts;
}

/** The caller's row in `kiosks`, as read in the same statement as the work it authorises. */
export interface KioskRow {
  readonly municipality_code: string;
  readonly certificate_fingerprint: string;
  readonly status: string;
}

/** The identity of an enrolled kiosk presenting its enrolled certificate, or the refusal. */
export function admitKiosk(peer: PeerFacts, row: KioskRow | undefined): KioskIdentity {
  const { kioskId } = peer;
  if (row === undefined)
    throw new CentralServiceError('central.kiosk_unknown', `kiosk ${kioskId} not enrolled`);
  if (row.certificate_fingerprint !== peer.fingerprint) {
    throw new CentralServiceError(
      'central.kiosk_unknown',
      `kiosk ${kioskId}: certificate is not the enrolled one`,
    );
  }
  if (row.status !== 'enrolled')
    throw new CentralServiceError('central.kiosk_revoked', `kiosk ${kioskId} revoked`);
  return { kioskId, municipality: row.municipality_code };
}

export async function authenticateKiosk(q: Queryable, peer: PeerFacts): Promise<KioskIdentity> {
  const { rows } = await q.query<KioskRow>(
    'SELECT municipality_code, certificate_fingerprint, status FROM kiosks WHERE id = $1',
    [peer.kioskId],
  );
  return admitKiosk(peer, rows[0]);
}
