export {
  CONTROL_LETTERS,
  controlLetter,
  type IdentityKind,
  type IdentityNumber,
  isValidNif,
  maskDni,
  normalizeIdentityNumber,
  parseDni,
  parseNie,
  parseNif,
  parsePersonalNumber,
} from './dni.ts';
export { ENTITY_LETTERS, entityNifControlDigit, entityNifControls } from './entity-nif.ts';
export { IDENTITY_ERROR_MESSAGES, IdentityError, type IdentityErrorCode } from './identity-error.ts';
