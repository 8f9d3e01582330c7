/**
 * OCSP (RFC 6960) request building and response checking for DNIe certificates. The HTTP call is
 * the caller's job (central); this module only turns bytes into verdicts. dnie.md §7: the responder
 * is at the AIA URL; whether it signs with the CA key or a delegated certificate is unconfirmed, so
 * both are accepted as RFC 6960 §4.2.2.2 allows.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CitizenCertificate, parseCertificate, sameName } from './certificate.ts';
import { bytesEqual, decodeExact, hex, toArrayBuffer } from './der.ts';
import { OcspRequestError, OcspResponseError, UnsupportedAlgorithmError } from './errors.ts';
import { HASH_OIDS, type HashName, hashNameOfOid, OID } from './oids.ts';
import { verifySignedData } from './signed-data.ts';

/** CRLReason (RFC 5280 §5.3.1); value 7 is unused. */
export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export type CrlReason = Exclude<(typeof CRL_REASONS)[number], undefined>;

export type RevocationStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revokedAt: Date; readonly reason: CrlReason | undefined }
  | { readonly status: 'unknown' };

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
export const OCSP_RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

/** CertID (RFC 6960 §4.1.1) as plain values. */
export interface CertIdParts {
  readonly hash: HashName;
  /** Hash of the DER issuer Name of the certificate being checked. */
  readonly issuerNameHash: Uint8Array;
  /** Hash of the issuer's subjectPublicKey BIT STRING value (no tag, length or unused-bits byte). */
  readonly issuerKeyHash: Uint8Array;
  /** Content octets of the serialNumber INTEGER. */
  readonly serialNumber: Uint8Array;
}

function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(hash).update(data).digest());
}

export function certIdParts(
  certificate: CitizenCertificate,
  issuer: CitizenCertificate,
  hash: HashName = 'sha1',
): CertIdParts {
  return {
    hash,
    issuerNameHash: digest(hash, new Uint8Array(certificate.asn1.issuer.toSchema().toBER())),
    issuerKeyHash: digest(hash, issuer.asn1.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    serialNumber: new Uint8Array(certificate.asn1.serialNumber.valueBlock.valueHexView),
  };
}

export function certIdToAsn1(parts: CertIdParts): pkijs.CertID {
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: HASH_OIDS[parts.hash],
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: toArrayBuffer(parts.issuerNameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: toArrayBuffer(parts.issuerKeyHash) }),
    serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(parts.serialNumber) }),
  });
}

/** Undefined when the CertID uses a hash we do not know. */
export function certIdFromAsn1(certId: pkijs.CertID): CertIdParts | undefined {
  const hash = hashNameOfOid(certId.hashAlgorithm.algorithmId);
  if (hash === undefined) return undefined;
  return {
    hash,
    issuerNameHash: new Uint8Array(certId.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: new Uint8Array(certId.issuerKeyHash.valueBlock.valueHexView),
    serialNumber: new Uint8Array(certId.serialNumber.valueBlock.valueHexView),
  };
}

export function sameCertId(a: CertIdParts, b: CertIdParts): boolean {
  return (
    a.hash === b.hash &&
    bytesEqual(a.issuerNameHash, b.issuerNameHash) &&
    bytesEqual(a.issuerKeyHash, b.issuerKeyHash) &&
    bytesEqual(a.serialNumber, b.serialNumber)
  );
}

/** id-pkix-ocsp-nonce extension (RFC 8954 §2.1: the value is an OCTET STRING holding the nonce). */
export function nonceExtension(nonce: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.ocspNonce,
    critical: false,
    extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(),
  });
}

/** The nonce inside an extension value; some responders omit the inner OCTET STRING, so accept both. */
function nonceOf(extensions: readonly pkijs.Extension[] | undefined): Uint8Array | undefined {
  const extension = extensions?.find((e) => e.extnID === OID.ocspNonce);
  if (extension === undefined) return undefined;
  const raw = new Uint8Array(extension.extnValue.valueBlock.valueHexView);
  try {
    const inner = decodeExact(raw, 'nonce');
    if (inner instanceof asn1js.OctetString) return new Uint8Array(inner.valueBlock.valueHexView);
  } catch {
    // Raw nonce bytes.
  }
  return raw;
}

export interface OcspRequestOptions {
  readonly certificate: CitizenCertificate;
  readonly issuer: CitizenCertificate;
  /** CertID hash; SHA-1 is what RFC 5019 §2.1.1 profiles and most responders expect. */
  readonly hash?: HashName;
  /** Random bytes from the caller (1–32 bytes, RFC 8954 §2.1); omitted when absent. */
  readonly nonce?: Uint8Array;
}

/** DER OCSPRequest for one certificate, unsigned (RFC 6960 §4.1.1). */
export function buildOcspRequest(options: OcspRequestOptions): Uint8Array {
  if (options.nonce !== undefined && (options.nonce.length < 1 || options.nonce.length > 32))
    throw new OcspRequestError(`nonce of ${options.nonce.length} bytes (RFC 8954 allows 1 to 32)`);
  const parts = certIdParts(options.certificate, options.issuer, options.hash ?? 'sha1');
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certIdToAsn1(parts) })],
      ...(options.nonce === undefined ? {} : { requestExtensions: [nonceExtension(options.nonce)] }),
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER());
}

export interface ParsedOcspRequest {
  readonly certIds: readonly CertIdParts[];
  readonly nonce: Uint8Array | undefined;
}

/** For responders (tests, simulator): the CertIDs and nonce of a DER OCSPRequest. Throws OcspRequestError. */
export function parseOcspRequest(der: Uint8Array): ParsedOcspRequest {
  try {
    const request = new pkijs.OCSPRequest({ schema: decodeExact(der, 'OCSPRequest') });
    const certIds: CertIdParts[] = [];
    for (const r of request.tbsRequest.requestList) {
      const parts = certIdFromAsn1(r.reqCert);
      if (parts === undefined)
        throw new OcspRequestError(`CertID hash ${r.reqCert.hashAlgorithm.algorithmId}`);
      certIds.push(parts);
    }
    return { certIds, nonce: nonceOf(request.tbsRequest.requestExtensions) };
  } catch (error) {
    if (error instanceof OcspRequestError) throw error;
    throw new OcspRequestError(errorText(error), { cause: error });
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}

export interface OcspCheckOptions {
  readonly response: Uint8Array;
  readonly certificate: CitizenCertificate;
  /** The CA that issued `certificate`. */
  readonly issuer: CitizenCertificate;
  /** The instant the answer must be fresh at. */
  readonly at: Date;
  /** Allowed clock difference with the responder; default 5 minutes. */
  readonly toleranceMs?: number;
  /** Maximum age of thisUpdate when the response has no nextUpdate; default 1 hour. */
  readonly maxAgeWithoutNextUpdateMs?: number;
  /** The nonce sent in the request; a response carrying a different one is refused. */
  readonly nonce?: Uint8Array;
  /** Refuse a response that does not echo `nonce`; default false (many responders pre-sign, RFC 5019 §2.2). */
  readonly requireNonce?: boolean;
  readonly allowSha1?: boolean;
}

export interface OcspResult {
  readonly revocation: RevocationStatus;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly producedAt: Date;
  /** Who signed: the issuing CA itself or a delegated responder certificate it issued. */
  readonly signedBy: 'issuer' | 'delegated';
  /** The delegated responder's subject, when there is one. */
  readonly responder: string | undefined;
}

const DEFAULT_TOLERANCE_MS = 5 * 60_000;
const DEFAULT_MAX_AGE_MS = 60 * 60_000;

/**
 * Decodes and checks an OCSP response for `certificate` (RFC 6960 §3.2). Returns the status, or
 * throws OcspResponseError (never anything else) when the response cannot be trusted.
 */
export function checkOcspResponse(options: OcspCheckOptions): OcspResult {
  try {
    return checkUnchecked(options);
  } catch (error) {
    if (error instanceof OcspResponseError) throw error;
    throw new OcspResponseError('malformed', errorText(error), { cause: error });
  }
}

function decodeBasic(der: Uint8Array): pkijs.BasicOCSPResponse {
  let outer: pkijs.OCSPResponse;
  try {
    outer = new pkijs.OCSPResponse({ schema: decodeExact(der, 'OCSPResponse') });
  } catch (cause) {
    throw new OcspResponseError('malformed', errorText(cause), { cause });
  }
  const status = outer.responseStatus.valueBlock.valueDec;
  if (status !== OCSP_RESPONSE_STATUS.successful)
    throw new OcspResponseError('unsuccessful', `responseStatus ${status}`);
  const bytes = outer.responseBytes;
  if (bytes === undefined)
    throw new OcspResponseError('malformed', 'successful response without responseBytes');
  if (bytes.responseType !== OID.ocspBasic)
    throw new OcspResponseError('malformed', `responseType ${bytes.responseType}`);
  try {
    return new pkijs.BasicOCSPResponse({
      schema: decodeExact(bytes.response.valueBlock.valueHexView, 'BasicOCSPResponse'),
    });
  } catch (cause) {
    throw new OcspResponseError('malformed', errorText(cause), { cause });
  }
}

function signs(basic: pkijs.BasicOCSPResponse, signer: CitizenCertificate, allowSha1: boolean): boolean {
  try {
    return verifySignedData(
      basic.signatureAlgorithm,
      signer.publicKey,
      basic.tbsResponseData.tbsView,
      basic.signature.valueBlock.valueHexView,
      { allowSha1 },
    );
  } catch (error) {
    if (error instanceof UnsupportedAlgorithmError)
      throw new OcspResponseError('bad_signature', error.detail ?? 'unsupported algorithm');
    throw error;
  }
}

/** ResponderID (RFC 6960 §4.2.1): byName, or byKey = SHA-1 of the signer's subjectPublicKey value. */
function responderIdMatches(responderId: unknown, signer: CitizenCertificate): boolean {
  if (responderId instanceof pkijs.RelativeDistinguishedNames) {
    const signerName = signer.asn1.subject;
    return (
      hex(responderId.toSchema().toBER()) === hex(signerName.toSchema().toBER()) ||
      responderId.isEqual(signerName)
    );
  }
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = digest('sha1', signer.asn1.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    return bytesEqual(new Uint8Array(responderId.valueBlock.valueHexView), keyHash);
  }
  return false;
}

interface SignerCheck {
  readonly signedBy: 'issuer' | 'delegated';
  readonly responder: string | undefined;
}

function checkSigner(basic: pkijs.BasicOCSPResponse, options: OcspCheckOptions): SignerCheck {
  const allowSha1 = options.allowSha1 === true;
  const responderId = basic.tbsResponseData.responderID;
  if (signs(basic, options.issuer, allowSha1)) {
    if (!responderIdMatches(responderId, options.issuer))
      throw new OcspResponseError(
        'unauthorized_responder',
        'signed by the issuing CA but responderID names another',
      );
    return { signedBy: 'issuer', responder: undefined };
  }
  const problems: string[] = [];
  let anySigned = false;
  for (const [i, included] of (basic.certs ?? []).entries()) {
    let candidate: CitizenCertificate;
    try {
      candidate = parseCertificate(new Uint8Array(included.toSchema().toBER()));
    } catch {
      problems.push(`certs[${i}] unreadable`);
      continue;
    }
    if (!signs(basic, candidate, allowSha1)) continue;
    anySigned = true;
    const why = delegationProblem(candidate, options);
    if (why !== undefined) {
      problems.push(`certs[${i}] "${candidate.subject.text}": ${why}`);
      continue;
    }
    if (!responderIdMatches(responderId, candidate)) {
      problems.push(`certs[${i}] "${candidate.subject.text}": responderID names another`);
      continue;
    }
    return { signedBy: 'delegated', responder: candidate.subject.text };
  }
  if (!anySigned)
    throw new OcspResponseError(
      'bad_signature',
      `signature verifies neither with the issuing CA nor with ${basic.certs?.length ?? 0} included certificate(s)`,
    );
  throw new OcspResponseError('unauthorized_responder', problems.join('; '));
}

/** RFC 6960 §4.2.2.2: a delegated responder is issued directly by the CA and carries id-kp-OCSPSigning. */
function delegationProblem(responder: CitizenCertificate, options: OcspCheckOptions): string | undefined {
  if (!sameName(responder.issuer, options.issuer.subject)) return 'not issued by the certificate issuer';
  let issuedByCa: boolean;
  try {
    issuedByCa = verifySignedData(
      responder.asn1.signatureAlgorithm,
      options.issuer.publicKey,
      responder.asn1.tbsView,
      responder.asn1.signatureValue.valueBlock.valueHexView,
      { allowSha1: options.allowSha1 === true },
    );
  } catch {
    issuedByCa = false;
  }
  if (!issuedByCa) return 'certificate signature does not verify with the issuing CA';
  if (!(responder.extendedKeyUsage ?? []).includes(OID.kpOcspSigning)) return 'no id-kp-OCSPSigning';
  const at = options.at.getTime();
  if (at < responder.notBefore.getTime() || at > responder.notAfter.getTime())
    return `outside validity ${responder.notBefore.toISOString()}..${responder.notAfter.toISOString()}`;
  return undefined;
}

function statusOf(single: pkijs.SingleResponse): RevocationStatus {
  const block = single.certStatus as asn1js.BaseBlock;
  const tag = block.idBlock.tagNumber;
  if (block.idBlock.tagClass !== 3)
    throw new OcspResponseError('malformed', 'certStatus is not context-tagged');
  if (tag === 0) return { status: 'good' };
  if (tag === 2) return { status: 'unknown' };
  if (tag !== 1 || !(block instanceof asn1js.Constructed))
    throw new OcspResponseError('malformed', `certStatus tag ${tag}`);
  const [time, reasonBox] = block.valueBlock.value;
  if (!(time instanceof asn1js.GeneralizedTime))
    throw new OcspResponseError('malformed', 'revocationTime missing');
  let reason: CrlReason | undefined;
  if (reasonBox instanceof asn1js.Constructed) {
    const enumerated = reasonBox.valueBlock.value[0];
    if (!(enumerated instanceof asn1js.Enumerated))
      throw new OcspResponseError('malformed', 'revocationReason not ENUMERATED');
    reason = CRL_REASONS[enumerated.valueBlock.valueDec] ?? undefined;
    if (reason === undefined)
      throw new OcspResponseError('malformed', `revocationReason ${enumerated.valueBlock.valueDec}`);
  }
  return { status: 'revoked', revokedAt: time.toDate(), reason };
}

function checkUnchecked(options: OcspCheckOptions): OcspResult {
  const basic = decodeBasic(options.response);
  const signer = checkSigner(basic, options);
  const data = basic.tbsResponseData;

  // RFC 6960 §3.2 (1): the response is about the certificate we asked for.
  const wanted = new Map<HashName, CertIdParts>();
  const single = data.responses.find((r) => {
    const parts = certIdFromAsn1(r.certID);
    if (parts === undefined) return false;
    let expected = wanted.get(parts.hash);
    if (expected === undefined) {
      expected = certIdParts(options.certificate, options.issuer, parts.hash);
      wanted.set(parts.hash, expected);
    }
    return sameCertId(parts, expected);
  });
  if (single === undefined)
    throw new OcspResponseError(
      'cert_id_mismatch',
      `none of ${data.responses.length} SingleResponse(s) is for serial ${options.certificate.serialNumber}`,
    );

  // RFC 6960 §3.2 (4), (5) and §4.2.2.1: thisUpdate not in the future, nextUpdate not in the past.
  const at = options.at.getTime();
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const thisUpdate = single.thisUpdate;
  const nextUpdate = single.nextUpdate;
  if (thisUpdate.getTime() > at + tolerance)
    throw new OcspResponseError(
      'not_yet_valid',
      `thisUpdate ${thisUpdate.toISOString()} after ${options.at.toISOString()}`,
    );
  if (nextUpdate !== undefined && at > nextUpdate.getTime() + tolerance)
    throw new OcspResponseError(
      'stale',
      `nextUpdate ${nextUpdate.toISOString()} before ${options.at.toISOString()}`,
    );
  const maxAge = options.maxAgeWithoutNextUpdateMs ?? DEFAULT_MAX_AGE_MS;
  if (nextUpdate === undefined && at - thisUpdate.getTime() > maxAge + tolerance)
    throw new OcspResponseError(
      'stale',
      `thisUpdate ${thisUpdate.toISOString()} older than ${maxAge} ms, no nextUpdate`,
    );

  // RFC 8954 §2.1: the nonce, when sent, must come back unchanged.
  if (options.nonce !== undefined) {
    const echoed = nonceOf(data.responseExtensions);
    if (echoed === undefined && options.requireNonce === true)
      throw new OcspResponseError('nonce_mismatch', 'response carries no nonce');
    if (echoed !== undefined && !bytesEqual(echoed, options.nonce))
      throw new OcspResponseError('nonce_mismatch', `nonce ${hex(echoed)} differs from the request's`);
  }

  return {
    revocation: statusOf(single),
    thisUpdate,
    nextUpdate,
    producedAt: data.producedAt,
    signedBy: signer.signedBy,
    responder: signer.responder,
  };
}
