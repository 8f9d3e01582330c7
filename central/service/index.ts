export {
  createDemoSeal,
  enrolKiosk,
  initCa,
  PKI_FILES,
  type PkiFiles,
  readCa,
  readPkiFiles,
  revokeKiosk,
  sealFileNames,
  updateMunicipalityTextos,
  writeKioskCredential,
} from './admin.ts';
export { type CentralConfig, loadCentralConfig, parseCentralConfig } from './config.ts';
export {
  CENTRAL_CONFIG_ERROR_MESSAGES,
  CentralConfigError,
  type CentralConfigErrorCode,
} from './config-error.ts';
export {
  type DeviceState,
  type FleetHealthRow,
  fleetHealth,
  type Heartbeat,
  recordHeartbeat,
} from './heartbeat.ts';
export {
  type IngestResult,
  ingestEvents,
  type KioskEvent,
  type KioskIdentity,
  type ReciboPagadoPayload,
} from './ingest.ts';
export {
  type CaMaterial,
  createKioskCa,
  fingerprintOf,
  type IssuedCredential,
  issueKioskCertificate,
  issueServerCertificate,
  loadCa,
} from './kiosk-ca.ts';
export {
  type PaidRecibo,
  type PaidRecibosPage,
  type PendingRecibo,
  paidRecibosSince,
  pendingRecibos,
} from './recibos.ts';
export { type KioskConfiguration, kioskConfiguration } from './kiosk-config.ts';
export { openConfiguredDatabase, type RunningCentral, startCentral } from './run.ts';
export { buildKioskApp, buildPublicApp, type KioskTls, type ServiceOptions } from './server.ts';
export {
  CENTRAL_SERVICE_ERRORS,
  CentralServiceError,
  type CentralServiceErrorCode,
  type ErrorBody,
} from './service-error.ts';
export { RECIBO_PAGADO } from './sync-schemas.ts';
export {
  checkTexto,
  defaultAvisoPrivacidad,
  type MunicipalityTextos,
  parseTextosFile,
  parseTextosUpdate,
  readTextos,
  setTextos,
  TEXTO_KEYS,
  TEXTO_LIMITS,
  type TextosUpdate,
} from './textos.ts';
export { normalizeCsv, type Verification, verifyCsv } from './verify.ts';
export { renderVerifyPage } from './verify-page.ts';
