/** central/citizen: the DNIe challenge protocol, volante issuance and the municipality's seal. */
export {
  type CitizenAccess,
  type CitizenAccessOptions,
  type CitizenProof,
  createCitizenAccess,
  DEFAULT_GRANT_TTL_MS,
  type Kiosk,
  type OcspFailurePolicy,
  type VolanteGrant,
  type VolanteRequest,
} from './access.ts';
export { canonicalJson } from '../../drivers/common/canonical-json.ts';
export {
  CHALLENGE_ID,
  CITIZEN_SERVICES,
  type CitizenService,
  consumeChallenge,
  type IssuedChallenge,
  issueChallenge,
} from './challenge.ts';
export { VOLANTE_CSV, volanteCsv } from './csv-code.ts';
export { GRANT_ID } from './grant.ts';
export { type OcspOutcome, queryOcsp } from './ocsp-client.ts';
export {
  certificateFingerprint,
  checkSeal,
  loadSealKey,
  readSealKey,
  type SealCheck,
  type SealKey,
  sealContent,
  sealFiles,
} from './seal.ts';
export { CITIZEN_RECIBOS_LIMIT, type CitizenRecibo } from './recibos.ts';
export { loadTrustAnchors, trustFromCertificates } from './trust.ts';
export {
  addMonths,
  type IssuedVolante,
  madridDate,
  type VolanteDocument,
  type VolanteKind,
  type VolantePreview,
} from './volante.ts';
