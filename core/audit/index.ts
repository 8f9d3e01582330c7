/** The kiosk's audit chain: append-only, hash-linked, synced to central (README.md). */
export {
  AUDIT_EVENT_TYPE,
  type AuditEntry,
  AuditLog,
  type AuditLogOptions,
  auditEventId,
  createAuditLog,
} from './audit-log.ts';
export { AUDIT_HASH_VERSION, canonicalJson, entryHash, entryPreimage, genesisHash } from './canonical.ts';
export { AuditError, type AuditErrorCode } from './errors.ts';
export {
  AUDIT_KINDS,
  type AuditData,
  type AuditKind,
  checkAuditData,
  containsDniLike,
  isAuditKind,
  TECHNICIAN_KINDS,
  type TechnicianKind,
} from './kinds.ts';
export {
  AUDIT_ADVICE,
  type AuditProblem,
  type AuditProblemCode,
  type AuditVerification,
  verifyAuditChain,
} from './verify.ts';
