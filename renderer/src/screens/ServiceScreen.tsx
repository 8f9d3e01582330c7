import type { SessionService } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { ChoiceButton } from './ChoiceButton.tsx';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly messages: Messages;
  /** Services the kiosk can run now (a card payment needs a working terminal). */
  readonly available: Readonly<Record<SessionService, boolean>>;
  readonly onChoose: (service: SessionService) => void;
  readonly onFinish: () => void;
}

/** Session step `service`: what the citizen came for. */
export function ServiceScreen({ messages, available, onChoose, onFinish }: Props) {
  const t = messages.session.service;
  const options: ReadonlyArray<[SessionService, { name: string; help: string }]> = [
    ['volante', t.volante],
    ['recibo', t.recibo],
    ['recibos_pendientes', t.recibosPendientes],
  ];
  return (
    <section className="screen screen-service" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className="screen-help">{t.help}</p>
      <div className="choices">
        {options.map(([service, option]) => (
          <ChoiceButton
            key={service}
            className={`choice-${service}`}
            name={option.name}
            help={available[service] ? option.help : t.unavailable}
            disabled={!available[service]}
            onClick={() => onChoose(service)}
          />
        ))}
      </div>
      <div className="screen-actions">
        <button type="button" className="action-secondary action-finish" onClick={onFinish}>
          {messages.session.finish}
        </button>
      </div>
    </section>
  );
}
