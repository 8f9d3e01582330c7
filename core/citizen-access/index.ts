/** core/citizen-access: the kiosk's client of central's citizen routes (issue 9 items 2 and 3). */
export {
  type CentralChallenge,
  type CitizenAccess,
  CitizenAccessClient,
  type CitizenAccessClientOptions,
  type CitizenProof,
} from './citizen-access-client.ts';
export { CitizenAccessError, type CitizenAccessErrorCode, failureReasonOf } from './errors.ts';
export {
  type CentralRecibo,
  CITIZEN_SERVICES,
  type CitizenService,
  type IssueAnswer,
  type PersonaWire,
  type PreviewAnswer,
  type VolanteDocumentWire,
} from './wire.ts';
