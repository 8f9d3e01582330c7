import type { CardPresence, IdentificationState, KioskInfo } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { CardNotice } from './CardNotice.tsx';
import { IdentificationPanel } from './IdentificationPanel.tsx';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly info: KioskInfo;
  readonly card: CardPresence;
  readonly identification: IdentificationState;
  readonly messages: Messages;
  readonly padSeed: number;
  readonly onSubmitPin: (pin: string) => void;
  readonly onCancelIdentification: () => void;
  readonly onBack: () => void;
}

/**
 * Session step `identification`: "insert your DNIe" until a card goes in, then the PIN pad and its
 * results as `identification.changed` tells them.
 */
export function IdentificationScreen(props: Props) {
  const { identification, messages } = props;
  if (identification.state !== 'idle') {
    return (
      <IdentificationPanel
        state={identification}
        info={props.info}
        messages={messages}
        seed={props.padSeed}
        onSubmit={props.onSubmitPin}
        onCancel={props.onCancelIdentification}
      />
    );
  }
  const t = messages.session.identification;
  return (
    <section className="screen screen-identification" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className="screen-help">{t.help}</p>
      <CardNotice card={props.card} messages={messages} />
      <div className="screen-actions">
        <button type="button" className="action-secondary action-back" onClick={props.onBack}>
          {messages.session.back}
        </button>
      </div>
    </section>
  );
}
