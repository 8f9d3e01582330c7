/**
 * A local OCSP responder (RFC 6960, HTTP POST per Appendix A.1) answering from a revocation list held
 * in memory. TEST AND DEMO INFRASTRUCTURE ONLY: it stands in for the DNIe's validation authority so
 * that central's revocation check runs end to end in tests, the benchmark and the demo. It signs
 * with whatever key it is given (drivers/pki/testing's builder) and keeps no audit trail; a
 * production central points `ocspUrl` at the real responder.
 *
 * Answers: `good` for a certificate of the configured issuer not on the list, `revoked` (with time and
 * reason) for one on it, `unknown` for another issuer's; the request's nonce is echoed. A request
 * that does not decode gets `malformedRequest` (RFC 6960 §4.2.1).
 */
import { createHash, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CitizenCertificate,
  type CrlReason,
  OCSP_RESPONSE_STATUS,
  OcspRequestError,
  parseOcspRequest,
  type RevocationStatus,
} from '../../drivers/pki/index.ts';
import { buildOcspResponse } from '../../drivers/pki/testing/index.ts';

export interface OcspResponderOptions {
  /** The CA whose certificates this responder answers for. */
  readonly issuer: CitizenCertificate;
  /** Who signs: the issuer itself or a delegated responder (id-kp-OCSPSigning) it issued. */
  readonly signer: { readonly certificate: CitizenCertificate; readonly privateKey: KeyObject };
  /** How long an answer is valid (nextUpdate − thisUpdate); default 10 minutes. */
  readonly validityMs?: number;
  readonly clock?: () => Date;
}

export interface OcspResponder {
  /** `http://127.0.0.1:PORT/` once listening. */
  readonly url: string;
  revoke(certificate: CitizenCertificate, revokedAt: Date, reason?: CrlReason): void;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16_384;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The answer bytes for one DER request; pure apart from the clock. */
export function answerOcspRequest(
  options: OcspResponderOptions,
  revoked: ReadonlyMap<string, { readonly revokedAt: Date; readonly reason: CrlReason | undefined }>,
  request: Uint8Array,
): Uint8Array {
  let parsed: ReturnType<typeof parseOcspRequest>;
  try {
    parsed = parseOcspRequest(request);
  } catch (error) {
    if (error instanceof OcspRequestError)
      return buildOcspResponse({ responseStatus: OCSP_RESPONSE_STATUS.malformedRequest });
    throw error;
  }
  const now = options.clock?.() ?? new Date();
  const issuerKey = options.issuer.asn1.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const issuerName = new Uint8Array(options.issuer.asn1.subject.toSchema().toBER());
  const responses = parsed.certIds.map((certId) => {
    const ours =
      hex(certId.issuerKeyHash) === createHash(certId.hash).update(issuerKey).digest('hex') &&
      hex(certId.issuerNameHash) === createHash(certId.hash).update(issuerName).digest('hex');
    const entry = revoked.get(hex(certId.serialNumber));
    const status: RevocationStatus = !ours
      ? { status: 'unknown' }
      : entry === undefined
        ? { status: 'good' }
        : { status: 'revoked', revokedAt: entry.revokedAt, reason: entry.reason };
    return {
      certId,
      status,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + (options.validityMs ?? 600_000)),
    };
  });
  return buildOcspResponse({
    signer: options.signer,
    certificates: options.signer.certificate === options.issuer ? [] : [options.signer.certificate],
    producedAt: now,
    responses,
    ...(parsed.nonce === undefined ? {} : { nonce: parsed.nonce }),
  });
}

/** Starts the responder on 127.0.0.1 and a free port (port 0 unless given). */
export async function startOcspResponder(options: OcspResponderOptions, port = 0): Promise<OcspResponder> {
  const revoked = new Map<string, { revokedAt: Date; reason: CrlReason | undefined }>();
  let answered = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const body = answerOcspRequest(options, revoked, new Uint8Array(Buffer.concat(chunks)));
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    revoke(certificate, revokedAt, reason) {
      revoked.set(certificate.serialNumber.toLowerCase(), { revokedAt, reason });
    },
    get answered() {
      return answered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
