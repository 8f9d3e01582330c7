/** core/session: the citizen's session machine (issue 9 item 1). */
export {
  CitizenSession,
  type CitizenSessionOptions,
  type SessionAudit,
  type SessionAuditData,
  type SessionEndReason,
  type SessionIdentification,
  type SessionListener,
} from './citizen-session.ts';
export { type PendingRecibosList, pendingRecibosList } from './pending-recibos.ts';
export {
  defaultAvisoPrivacidad,
  localIsoDate,
  nombreCompleto,
  previewView,
  type VolantePrintContext,
  volantePrintDocument,
} from './volante-view.ts';
export { ScreenPresence, type ScreenPresenceOptions } from './screen-presence.ts';
