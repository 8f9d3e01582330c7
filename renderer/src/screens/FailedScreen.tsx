import type { SessionFailureReason } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly reason: SessionFailureReason;
  /** The municipality's office for help in person (central's text), when it gave one. */
  readonly oficinaAtencion: string | undefined;
  readonly messages: Messages;
  /** Offered when the reason says a recibo can still be paid by its code (and the terminal works). */
  readonly onPayRecibo: (() => void) | undefined;
  readonly onOtherService: () => void;
  readonly onFinish: () => void;
}

/** Session step `failed`: what happened in plain words and what the citizen can do next. */
export function FailedScreen({
  reason,
  oficinaAtencion,
  messages,
  onPayRecibo,
  onOtherService,
  onFinish,
}: Props) {
  const t = messages.session.failed;
  return (
    <section className="screen screen-failed result-error" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className="failed-reason" role="alert" data-reason={reason}>
        {t.reasons[reason]}
      </p>
      {oficinaAtencion === undefined ? null : (
        <p className="failed-help">
          {t.helpInPerson} <span lang="es">{oficinaAtencion}</span>
        </p>
      )}
      <div className="screen-actions">
        {onPayRecibo === undefined ? null : (
          <button type="button" className="action-primary action-pay-recibo" onClick={onPayRecibo}>
            {t.payRecibo}
          </button>
        )}
        <button type="button" className="action-secondary action-other" onClick={onOtherService}>
          {t.otherService}
        </button>
        <button type="button" className="action-secondary action-finish" onClick={onFinish}>
          {messages.session.finish}
        </button>
      </div>
    </section>
  );
}
