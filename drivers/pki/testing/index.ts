/** Test-only helpers: a DNIe-shaped PKI generated at run time and an OCSP response builder. */
export {
  type BuildOcspResponseOptions,
  buildOcspResponse,
  type TestSingleResponse,
} from './ocsp-response.ts';
export { algorithmIdentifier, signBytes, type TestSignatureAlgorithm } from './sign.ts';
export {
  type CertificateSpec,
  type CitizenOptions,
  citizenName,
  createTestPki,
  extension,
  INTERMEDIATE_NAME,
  type IssuedCertificate,
  issueCertificate,
  issueCitizen,
  type NameSpec,
  ROOT_NAME,
  rsaKeyPair,
  TEST_DNI,
  type TestKeyPair,
  type TestPki,
} from './test-pki.ts';
