/** Virtual DNIe behind pcscd's vpcd reader: its own vpcd protocol, card model, file system and test PKI. */
export {
  type CardCommand,
  type CardResponse,
  encodeResponse,
  parseCommand,
  respond,
} from './card/command.ts';
export { compressCertificate } from './card/compressed-certificate.ts';
export {
  type CommandHandler,
  type CommandInterceptor,
  DnieCard,
  type DnieCardOptions,
  SW,
} from './card/dnie-card.ts';
export {
  type CardFile,
  type DedicatedFile,
  df,
  type ElementaryFile,
  ef,
  FILE_TYPE,
  type FileType,
  fciOf,
  findByPath,
  MF_FID,
  MF_NAME,
  type ReadRule,
} from './card/file-system.ts';
export { DnieSimError, type DnieSimErrorCode } from './errors.ts';
export {
  ADULT_IDENTITY,
  ATR_DNIE2,
  ATR_DNIE3,
  ATR_DNIE3_BURNT,
  ADULT_BIRTH_DATE,
  ATR_OTHER_CARD,
  citizenOf,
  createPersona,
  MINOR_IDENTITY,
  personaSerials,
  DEFAULT_PIN,
  dnieFileSystem,
  PERSONAS,
  type Persona,
  type PersonaName,
  type PersonaOptions,
} from './personas.ts';
export {
  ANCHOR_FILES,
  type PersonaRecord,
  personaRecords,
  startPersonasOcsp,
  writeAnchors,
  writePersonas,
} from './demo-files.ts';
export {
  type CitizenOptions,
  createDnieCa,
  createTestPki,
  type DnieCa,
  type Identity,
  type IssuedCertificate,
  POLICY_AUTHENTICATION,
  POLICY_SIGNATURE,
  type TestPki,
} from './pki/test-pki.ts';
export {
  type CardFaults,
  VpcdCardClient,
  type VpcdClientEvents,
  type VpcdClientOptions,
} from './vpcd-client.ts';
export {
  classifyMessage,
  encodeFrame,
  FrameReader,
  MAX_FRAME,
  VPCD_CONTROL,
  VPCD_DEFAULT_PORT,
  type VpcdMessage,
} from './vpcd-protocol.ts';
export {
  type ComponentPki,
  createComponentPki,
  type TerminalIdentityKeys,
  TEST_PIN_IFD_SERIAL,
  TEST_TERMINAL_CA_CHR,
  TEST_TERMINAL_ROOT_CHR,
  TEST_USER_IFD_SERIAL,
  writeTerminalConfig,
} from './pki/component-pki.ts';
export { type CwaCardOptions, type CwaCardState, type CwaFaults, installCwa } from './cwa/cwa-card.ts';
export { buildCvc, type CvcContent, verifyCvc } from './cwa/cvc.ts';
export { type CardSmSession, cardMac, openCommand, protectResponse } from './cwa/card-sm.ts';
