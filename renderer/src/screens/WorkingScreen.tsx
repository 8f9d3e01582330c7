import type { Messages } from '../i18n/messages.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

/** Session step `working`: core talks to central or the printer; the citizen only waits. */
export function WorkingScreen({
  messages,
  what,
  givenName,
}: {
  readonly messages: Messages;
  readonly what: 'consulting' | 'issuing' | 'printing';
  /** The DNIe's given name right after the PIN, so the citizen sees the card was theirs. */
  readonly givenName: string | null;
}) {
  const t = messages.session.working;
  return (
    <section className="screen screen-working" aria-labelledby={SCREEN_TITLE_ID} aria-busy="true">
      {givenName === null ? null : (
        <p className="working-greeting">{messages.identification.greeting(givenName)}</p>
      )}
      <ScreenHeading>{t[what]}</ScreenHeading>
      {/* The live region keeps the same node across consulting → issuing → printing, so each change is read. */}
      <div className="working-status" role="status" aria-live="polite" data-what={what}>
        <span className="working-spinner" aria-hidden="true" />
        <p>{t.help}</p>
      </div>
    </section>
  );
}
