import type { LanguageCode } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { formatLongDate } from './date-format.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly csv: string;
  readonly verificationUrl: string;
  readonly validUntil: string;
  readonly printed: boolean;
  readonly language: LanguageCode;
  readonly messages: Messages;
  readonly onAnother: () => void;
  readonly onFinish: () => void;
}

/** Session step `volante_done`: the CSV in big letters, whether it printed, how long it is valid. */
export function VolanteDoneScreen(props: Props) {
  const t = props.messages.session.done;
  return (
    <section
      className={`screen screen-volante-done ${props.printed ? 'result-ok' : 'result-warning'}`}
      aria-labelledby={SCREEN_TITLE_ID}
      data-printed={props.printed}
    >
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className={props.printed ? 'screen-help' : 'screen-help notice-warning'} role="status">
        {props.printed ? t.printed : t.notPrinted}
      </p>
      <p className="csv-label">{t.csvLabel}</p>
      <p className="csv-code">{props.csv}</p>
      <p className="volante-valid-until">{t.validUntil(formatLongDate(props.validUntil, props.language))}</p>
      <p className="volante-verify">{t.verify(props.verificationUrl)}</p>
      <div className="screen-actions">
        <button type="button" className="action-primary action-finish" onClick={props.onFinish}>
          {props.messages.session.finish}
        </button>
        <button type="button" className="action-secondary action-another" onClick={props.onAnother}>
          {t.another}
        </button>
      </div>
    </section>
  );
}
