/**
 * What the kiosk says aloud on each step: the screen's heading and its instruction, in the session's
 * language (EN 301 549 5.1.3.1, 5.1.3.3). Never personal data (5.1.3.9: no private listening yet), so
 * no name, address or DNI; never the PIN (5.1.3.8). The CSV of a volante is read character by character:
 * the citizen may need it to get the document if printing failed (5.1.3.16).
 */
import type { IdentificationState, SessionState } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { formatLongDate } from '../screens/date-format.ts';

export interface SpokenContext {
  readonly session: SessionState;
  readonly identification: IdentificationState;
  readonly messages: Messages;
}

export function spokenText({ session, identification, messages }: SpokenContext): string {
  const s = messages.session;
  switch (session.step) {
    case 'idle':
      return say(s.language.title, s.language.help);
    case 'service':
      return say(
        s.service.title,
        s.service.help,
        s.service.volante.name,
        s.service.recibo.name,
        s.service.recibosPendientes.name,
      );
    case 'volante_kind':
      return say(s.volanteKind.title, s.volanteKind.individual.name, s.volanteKind.colectivo.name);
    case 'identification':
      return identificationSpeech(identification, messages);
    case 'working':
      return say(s.working[session.what], s.working.help);
    case 'volante_preview':
      return say(
        s.preview.title,
        s.preview.kinds[session.preview.kind],
        s.preview.validez(session.preview.validezMeses),
        s.preview.help,
      );
    case 'volante_done':
      return say(
        s.done.title,
        session.printed ? s.done.printed : s.done.notPrinted,
        `${s.done.csvLabel}: ${spellCode(session.csv)}`,
        s.done.validUntil(formatLongDate(session.validUntil, session.language)),
      );
    case 'pending_recibos':
      return say(s.pending.title, session.recibos.some((r) => !r.paid) ? s.pending.help : s.pending.none);
    case 'recibo':
      return say(messages.recibo.entryTitle, messages.recibo.entryHelp);
    case 'failed':
      return say(
        s.failed.title,
        s.failed.reasons[session.reason],
        ...(session.oficinaAtencion === undefined
          ? []
          : [`${s.failed.helpInPerson} ${session.oficinaAtencion}`]),
      );
    case 'goodbye':
      return say(s.goodbye.title, ...(session.takeCard ? [s.goodbye.takeCard] : []), s.goodbye.thanks);
  }
}

function identificationSpeech(state: IdentificationState, messages: Messages): string {
  const t = messages.identification;
  const s = messages.session;
  switch (state.state) {
    case 'idle':
      return say(s.identification.title, s.identification.help);
    case 'pin_required':
      return say(t.pinTitle, t.pinHelp);
    case 'pin_wrong':
      return say(t.pinWrongTitle, t.pinWrong(state.triesLeft), t.pinTitle);
    case 'verifying':
      return say(t.verifying);
    // The greeting on screen has the given name; aloud, in the street, it does not.
    case 'identified':
      return say(t.greetingNoName, t.identifiedNext);
    case 'pin_blocked':
      return say(t.blockedTitle, t.blockedNext);
    case 'card_error':
      return say(t.errorTitle, t.reasons[state.reason], t.removeCard);
    case 'cancelled':
      return say(t.cancelled, t.removeCard);
  }
}

/** Sentences joined so that each ends with a stop and a pause. */
function say(...parts: readonly string[]): string {
  return parts.map((part) => (/[.?!…:]$/.test(part) ? part : `${part}.`)).join(' ');
}

/** `ABCD-1234` → `A B C D, 1 2 3 4`: a voice reads a code one character at a time. */
export function spellCode(code: string): string {
  return code
    .split('-')
    .map((group) => group.split('').join(' '))
    .join(', ');
}
