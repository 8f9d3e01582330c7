/**
 * Revocation of a citizen certificate by OCSP (RFC 6960 over HTTP POST, Appendix A.1): build the
 * request with a fresh nonce, POST it with a timeout, check the signed answer with drivers/pki. The
 * responder URL is central's configuration, not the certificate's AIA: central decides whom it asks.
 * Never throws: a responder that cannot be reached, answers late or answers something that does not
 * check is `unavailable`, and the caller's policy decides.
 */
import {
  buildOcspRequest,
  type CitizenCertificate,
  checkOcspResponse,
  OcspResponseError,
  type RevocationStatus,
} from '../../drivers/pki/index.ts';

export type OcspOutcome = RevocationStatus | { readonly status: 'unavailable'; readonly detail: string };

export interface OcspQuery {
  readonly url: string;
  readonly certificate: CitizenCertificate;
  readonly issuer: CitizenCertificate;
  readonly at: Date;
  readonly timeoutMs: number;
  readonly nonce: Uint8Array;
}

export async function queryOcsp(query: OcspQuery): Promise<OcspOutcome> {
  const body = buildOcspRequest({ certificate: query.certificate, issuer: query.issuer, nonce: query.nonce });
  let der: Uint8Array;
  try {
    const response = await fetch(query.url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body,
      signal: AbortSignal.timeout(query.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: 'unavailable', detail: `responder answered HTTP ${response.status}` };
    }
    der = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 'unavailable', detail: `responder not reached (${name}${cause})`.slice(0, 200) };
  }
  try {
    return checkOcspResponse({
      response: der,
      certificate: query.certificate,
      issuer: query.issuer,
      at: query.at,
      nonce: query.nonce,
      requireNonce: true,
    }).revocation;
  } catch (error) {
    const detail =
      error instanceof OcspResponseError ? `${error.code}: ${error.detail ?? ''}` : String(error);
    return { status: 'unavailable', detail: `response refused (${detail})`.slice(0, 200) };
  }
}
