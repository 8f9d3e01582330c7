/**
 * drivers/pki: DNIe certificates, path validation, OCSP and challenge signatures (issue 4 part 3).
 * Used by core (kiosk) and central; the OCSP HTTP call is the caller's. Test helpers live in
 * ./testing/index.ts and are not exported here.
 */
export {
  type BasicConstraintsView,
  type CitizenCertificate,
  type CitizenIdentity,
  type DistinguishedName,
  dniFromSerialNumber,
  KEY_USAGE_BITS,
  type KeyUsage,
  type NameAttribute,
  parseCertificate,
  sameName,
} from './certificate.ts';
export { toPem } from './der.ts';
export {
  CertificateFormatError,
  DigestLengthError,
  OCSP_FAILURES,
  type OcspFailure,
  OcspRequestError,
  OcspResponseError,
  UnsupportedAlgorithmError,
} from './errors.ts';
export {
  buildOcspRequest,
  type CertIdParts,
  CRL_REASONS,
  type CrlReason,
  certIdParts,
  checkOcspResponse,
  OCSP_RESPONSE_STATUS,
  type OcspCheckOptions,
  type OcspRequestOptions,
  type OcspResult,
  type ParsedOcspRequest,
  parseOcspRequest,
  type RevocationStatus,
  sameCertId,
} from './ocsp.ts';
export { DNIE_POLICY, type HashName, OID } from './oids.ts';
export {
  PATH_FAILURES,
  type PathFailure,
  type PathVerdict,
  type RevocationState,
  type TrustConfig,
  type ValidationContext,
  validateCertificatePath,
} from './path-validation.ts';
export { challengeDigestInfo, digestInfoSha256, verifyChallengeSignature } from './signature.ts';
export { type SignatureOptions, verifySignedData } from './signed-data.ts';
