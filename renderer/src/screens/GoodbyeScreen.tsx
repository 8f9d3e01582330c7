import type { Messages } from '../i18n/messages.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

/** Session step `goodbye`: take the DNIe, thank you; core wipes everything and returns to the first screen. */
export function GoodbyeScreen({
  messages,
  takeCard,
}: {
  readonly messages: Messages;
  readonly takeCard: boolean;
}) {
  const t = messages.session.goodbye;
  return (
    <section className="screen screen-goodbye" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      {takeCard ? (
        <p className="goodbye-card" role="alert">
          {t.takeCard}
        </p>
      ) : null}
      <p className="screen-help">{t.thanks}</p>
    </section>
  );
}
