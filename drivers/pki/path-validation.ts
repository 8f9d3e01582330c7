/**
 * Certification path validation from a citizen certificate to configured trust anchors (RFC 5280 §6,
 * reduced to what a DNIe chain needs: root → issuing CA "AC DNIE 00n" → citizen, dnie.md §7).
 * Checks, in this order: chain building with signatures, validity at `at`, CA flags and path length,
 * unknown critical extensions, end-entity key usage, policy OIDs, and the revocation status the caller
 * obtained through OCSP. The first failure is the verdict.
 */
import { type CitizenCertificate, type KeyUsage, sameName } from './certificate.ts';
import { bytesEqual } from './der.ts';
import { UnsupportedAlgorithmError } from './errors.ts';
import type { RevocationStatus } from './ocsp.ts';
import { OID } from './oids.ts';
import { verifySignedData } from './signed-data.ts';

/** Each failure with the sentence a person reads. */
export const PATH_FAILURES = {
  expired: 'certificado caducado',
  not_yet_valid: 'certificado todavía no válido',
  unknown_issuer: 'emisor no reconocido',
  issuer_not_ca: 'emisor no reconocido',
  path_too_long: 'emisor no reconocido',
  bad_signature: 'firma del certificado no válida',
  unsupported_algorithm: 'firma del certificado no válida',
  key_usage: 'uso de clave no permitido',
  unsupported_critical_extension: 'certificado no admitido',
  policy: 'política no admitida',
  revoked: 'certificado revocado',
  revocation_unknown: 'estado de revocación desconocido',
} as const;

export type PathFailure = keyof typeof PATH_FAILURES;

export interface TrustConfig {
  /** Trust anchors (the DNIe roots). Their own signatures and key usage are not checked; their dates are. */
  readonly anchors: readonly CitizenCertificate[];
  /** Issuing CAs (configured, or read from the card's CertCAIntermediaDGP); they must chain to an anchor. */
  readonly intermediates?: readonly CitizenCertificate[];
  /**
   * Policy OIDs one of which the end-entity certificate must carry; each matches itself and any OID
   * below it (DNIe authentication: 2.16.724.1.2.2.2.4, which may carry a version suffix, dnie.md §7).
   * Empty or absent: no policy check.
   */
  readonly requiredPolicies?: readonly string[];
  /** Key usages the end-entity certificate must have; default digitalSignature (authentication). */
  readonly requiredKeyUsage?: readonly KeyUsage[];
  /** Accept SHA-1 signatures in the chain (old DNIe CAs); default false. */
  readonly allowSha1?: boolean;
  /** Fail with `revocation_unknown` unless OCSP said "good"; default false (an offline kiosk cannot ask). */
  readonly requireRevocationCheck?: boolean;
}

export interface ValidationContext {
  /** The instant the certificates must be valid at. */
  readonly at: Date;
  /** The OCSP answer for the end-entity certificate, when the caller has one. */
  readonly revocation?: RevocationStatus;
}

export type RevocationState = 'good' | 'unknown' | 'not_checked';

export type PathVerdict =
  | {
      readonly ok: true;
      /** End entity first, anchor last. */
      readonly chain: readonly CitizenCertificate[];
      /** What is known about revocation; record it in the audit trail (dnie.md §7). */
      readonly revocation: RevocationState;
    }
  | {
      readonly ok: false;
      readonly failure: PathFailure;
      /** Spanish, for the person (PATH_FAILURES). */
      readonly reason: string;
      /** For the technician: which certificate and why; CA names and serial numbers, never holder data. */
      readonly detail: string;
      /** The part of the chain built before the failure, end entity first. */
      readonly chain: readonly CitizenCertificate[];
    };

const MAX_DEPTH = 8;

/** Extensions this validator understands, so that their being critical is acceptable (RFC 5280 §4.2). */
const HANDLED_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.keyUsage,
  OID.basicConstraints,
  OID.certificatePolicies,
  OID.extKeyUsage,
  OID.authorityInfoAccess,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
]);

function fail(failure: PathFailure, detail: string, chain: readonly CitizenCertificate[]): PathVerdict {
  return { ok: false, failure, reason: PATH_FAILURES[failure], detail, chain };
}

/** Names a certificate for the detail without personal data: CAs by subject, end entities by serial. */
function label(chain: readonly CitizenCertificate[], index: number): string {
  const cert = chain[index];
  if (cert === undefined) return `certificate #${index}`;
  return index === 0 ? `end-entity certificate serial ${cert.serialNumber}` : `CA "${cert.subject.text}"`;
}

function isAnchor(cert: CitizenCertificate, trust: TrustConfig): boolean {
  return trust.anchors.some((a) => bytesEqual(a.der, cert.der));
}

function verifiesUnder(child: CitizenCertificate, issuer: CitizenCertificate, trust: TrustConfig): boolean {
  const asn1 = child.asn1;
  return verifySignedData(
    asn1.signatureAlgorithm,
    issuer.publicKey,
    asn1.tbsView,
    asn1.signatureValue.valueBlock.valueHexView,
    { allowSha1: trust.allowSha1 === true },
  );
}

type BuiltPath =
  | { readonly ok: true; readonly chain: CitizenCertificate[] }
  | { readonly ok: false; readonly verdict: PathVerdict };

function buildPath(leaf: CitizenCertificate, trust: TrustConfig): BuiltPath {
  const chain: CitizenCertificate[] = [leaf];
  const pool = [...trust.anchors, ...(trust.intermediates ?? [])];
  for (;;) {
    const current = chain[chain.length - 1] as CitizenCertificate;
    if (chain.length > 1 && isAnchor(current, trust)) return { ok: true, chain };
    if (chain.length > MAX_DEPTH)
      return {
        ok: false,
        verdict: fail('path_too_long', `no anchor within ${MAX_DEPTH} certificates`, chain),
      };
    const candidates = pool.filter(
      (c) => sameName(c.subject, current.issuer) && !chain.some((x) => bytesEqual(x.der, c.der)),
    );
    // Prefer the candidate whose key identifier the child names (RFC 5280 §4.2.1.1), anchors first.
    candidates.sort((a, b) => rank(a, current, trust) - rank(b, current, trust));
    const where = `${label(chain, chain.length - 1)} issued by "${current.issuer.text}"`;
    if (candidates.length === 0)
      return {
        ok: false,
        verdict: fail('unknown_issuer', `${where}: no configured CA has that name`, chain),
      };
    let next: CitizenCertificate | undefined;
    try {
      next = candidates.find((c) => verifiesUnder(current, c, trust));
    } catch (error) {
      if (error instanceof UnsupportedAlgorithmError)
        return {
          ok: false,
          verdict: fail('unsupported_algorithm', `${where}: ${error.detail ?? ''}`, chain),
        };
      throw error;
    }
    if (next === undefined)
      return {
        ok: false,
        verdict: fail(
          'bad_signature',
          `${where}: signature does not verify with ${candidates.length} key(s)`,
          chain,
        ),
      };
    chain.push(next);
  }
}

function rank(candidate: CitizenCertificate, child: CitizenCertificate, trust: TrustConfig): number {
  const keyMatch =
    child.authorityKeyIdentifier !== undefined &&
    candidate.subjectKeyIdentifier === child.authorityKeyIdentifier;
  return (keyMatch ? 0 : 2) + (isAnchor(candidate, trust) ? 0 : 1);
}

function policyMatches(policy: string, required: string): boolean {
  return policy === required || policy.startsWith(`${required}.`);
}

export function validateCertificatePath(
  certificate: CitizenCertificate,
  trust: TrustConfig,
  context: ValidationContext,
): PathVerdict {
  const built = buildPath(certificate, trust);
  if (!built.ok) return built.verdict;
  const chain = built.chain;
  const at = context.at.getTime();

  // RFC 5280 §6.1.3 (a)(2): every certificate, anchor included here, must be within its validity.
  for (const [i, cert] of chain.entries()) {
    if (at < cert.notBefore.getTime())
      return fail('not_yet_valid', `${label(chain, i)} valid from ${cert.notBefore.toISOString()}`, chain);
    if (at > cert.notAfter.getTime())
      return fail('expired', `${label(chain, i)} expired ${cert.notAfter.toISOString()}`, chain);
  }

  // RFC 5280 §6.1.4 (k), (l), (m), (n): CA certificates. The anchor's constraints are honoured when present.
  for (let i = 1; i < chain.length; i++) {
    const ca = chain[i] as CitizenCertificate;
    const anchor = i === chain.length - 1;
    if (!anchor && ca.basicConstraints?.ca !== true)
      return fail('issuer_not_ca', `${label(chain, i)} lacks basicConstraints cA=TRUE`, chain);
    if (!anchor && ca.keyUsage !== undefined && !ca.keyUsage.has('keyCertSign'))
      return fail('key_usage', `${label(chain, i)} keyUsage lacks keyCertSign`, chain);
    const below = i - 1; // CA certificates between this one and the end entity
    const limit = ca.basicConstraints?.pathLength;
    if (limit !== undefined && below > limit)
      return fail(
        'path_too_long',
        `${label(chain, i)} pathLenConstraint ${limit}, ${below} CA(s) below`,
        chain,
      );
  }

  // RFC 5280 §6.1.4 (o) / §6.1.5 (f): a critical extension we do not process makes the path invalid.
  for (const [i, cert] of chain.entries()) {
    if (i === chain.length - 1) break;
    const unknown = cert.criticalExtensions.filter((id) => !HANDLED_EXTENSIONS.has(id));
    if (unknown.length > 0)
      return fail(
        'unsupported_critical_extension',
        `${label(chain, i)} critical ${unknown.join(', ')}`,
        chain,
      );
  }

  const required = trust.requiredKeyUsage ?? ['digitalSignature'];
  const leafUsage = certificate.keyUsage;
  const missing = required.filter((u) => leafUsage === undefined || !leafUsage.has(u));
  if (missing.length > 0)
    return fail(
      'key_usage',
      `${label(chain, 0)} keyUsage ${leafUsage === undefined ? 'absent' : `[${[...leafUsage].join(', ')}]`} lacks ${missing.join(', ')}`,
      chain,
    );

  const requiredPolicies = trust.requiredPolicies ?? [];
  if (requiredPolicies.length > 0) {
    if (!certificate.policies.some((p) => requiredPolicies.some((r) => policyMatches(p, r))))
      return fail(
        'policy',
        `${label(chain, 0)} policies [${certificate.policies.join(', ')}], required one of [${requiredPolicies.join(', ')}]`,
        chain,
      );
    // A CA that lists policies must allow the required one (or anyPolicy); a CA without the extension is
    // accepted (simplification of RFC 5280 §6.1.3 (d), documented in README.md).
    for (let i = 1; i < chain.length - 1; i++) {
      const ca = chain[i] as CitizenCertificate;
      if (ca.policies.length === 0) continue;
      const allows = ca.policies.some(
        (p) => p === OID.anyPolicy || requiredPolicies.some((r) => policyMatches(p, r)),
      );
      if (!allows) return fail('policy', `${label(chain, i)} policies [${ca.policies.join(', ')}]`, chain);
    }
  }

  const revocation = context.revocation;
  if (revocation?.status === 'revoked')
    return fail(
      'revoked',
      `${label(chain, 0)} revoked at ${revocation.revokedAt.toISOString()}${revocation.reason === undefined ? '' : ` (${revocation.reason})`}`,
      chain,
    );
  const state: RevocationState = revocation === undefined ? 'not_checked' : revocation.status;
  if (trust.requireRevocationCheck === true && state !== 'good')
    return fail('revocation_unknown', `${label(chain, 0)} OCSP status ${state}`, chain);
  return { ok: true, chain, revocation: state };
}
