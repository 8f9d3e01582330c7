import type { VolanteKind } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { ChoiceButton } from './ChoiceButton.tsx';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

/** Session step `volante_kind`: individual or colectivo, one question. */
export function VolanteKindScreen({
  messages,
  onChoose,
  onBack,
}: {
  readonly messages: Messages;
  readonly onChoose: (kind: VolanteKind) => void;
  readonly onBack: () => void;
}) {
  const t = messages.session.volanteKind;
  return (
    <section className="screen screen-volante-kind" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className="screen-help">{t.help}</p>
      <div className="choices">
        {(['individual', 'colectivo'] as const).map((kind) => (
          <ChoiceButton
            key={kind}
            className={`choice-${kind}`}
            name={t[kind].name}
            help={t[kind].help}
            onClick={() => onChoose(kind)}
          />
        ))}
      </div>
      <div className="screen-actions">
        <button type="button" className="action-secondary action-back" onClick={onBack}>
          {messages.session.back}
        </button>
      </div>
    </section>
  );
}
