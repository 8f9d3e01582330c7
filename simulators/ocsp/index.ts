/** A local OCSP responder (RFC 6960) for tests and the demo: its own pkijs/asn1js code, no drivers/. */
export {
  answerOcspRequest,
  type CertificateBytes,
  CRL_REASONS,
  type CrlReason,
  type OcspResponder,
  type OcspResponderOptions,
  type Revocation,
  responderKeys,
  startOcspResponder,
} from './responder.ts';
