/** DNIe driver (issue 4 part 2): version by ATR, certificates, CWA-14890 secure channel, PIN, signature. */
export { dnieVersion, type DnieVersion, versionLabel } from './card-version.ts';
export { certificateFromFile } from './certificate-file.ts';
export {
  buildIfdAuthentication,
  checkIccAuthentication,
  deriveSessionKeys,
  type SessionKeyMaterial,
} from './cwa14890.ts';
export {
  AUTHENTICATION_CERTIFICATE_PATH,
  DnieSession,
  type DnieSessionOptions,
  type DnieTransport,
  type PinResult,
  SIGNATURE_CERTIFICATE_PATH,
} from './dnie-session.ts';
export {
  DNIE_FAILURES,
  DnieError,
  type DnieFailure,
  SmFormatError,
  SmMacError,
  TerminalConfigError,
  TlvFormatError,
} from './errors.ts';
export { type IdentificationResult, identify } from './identify.ts';
export { incrementSsc, type SmKeys, type Ssc, unwrapResponse, wrapCommand } from './secure-messaging.ts';
export { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from './sm-crypto.ts';
export { loadTerminalConfig, type TerminalConfig, type TerminalIdentity } from './terminal-config.ts';
export { decodeTlvAt, decodeTlvs, encodeTlv, encodeTlvs, type Tlv } from './tlv.ts';
export { ageAt, birthDateOf } from './birth-date.ts';
