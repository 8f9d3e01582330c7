/** core/identification: the citizen's DNIe identification session (issue 4 part 6). */
export { createDnieIdentifier, type DnieIdentifierOptions, errorReason } from './dnie-identifier.ts';
export {
  CHALLENGE_LENGTH,
  type CardSignature,
  type ChallengeSource,
  type CitizenCredential,
  greetingName,
  type IdentificationListener,
  IdentificationService,
  type IdentificationServiceOptions,
  type IdentifyCard,
  type IdentifyOutcome,
  type SessionIdentity,
} from './identification-service.ts';
export { loadTrustAnchors } from './trust-anchors.ts';
