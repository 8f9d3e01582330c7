import type { CardPresence } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';

/** What the screen says when a card is in the reader; announced to screen readers as it changes. */
export function CardNotice({ card, messages }: { readonly card: CardPresence; readonly messages: Messages }) {
  if (!card.present) return null;
  const [title, next] =
    card.cardType === 'dnie'
      ? [messages.card.dnie, messages.card.dnieNextStep]
      : card.cardType === 'dnie_unusable'
        ? [messages.card.dnieUnusable, null]
        : [messages.card.other, null];
  return (
    <section className={`card-notice card-${card.cardType}`} role="status" aria-live="polite">
      <p className="card-notice-title">{title}</p>
      {next ? <p>{next}</p> : null}
    </section>
  );
}
