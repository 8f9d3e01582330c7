import type { LanguageCode, VolantePreview } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { formatLongDate } from './date-format.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly preview: VolantePreview;
  readonly language: LanguageCode;
  readonly messages: Messages;
  readonly onConfirm: () => void;
  readonly onBack: () => void;
}

/** Session step `volante_preview`: what will be printed, before anything is issued (WCAG 3.3.4). */
export function VolantePreviewScreen({ preview, language, messages, onConfirm, onBack }: Props) {
  const t = messages.session.preview;
  const day = (iso: string | null) => (iso === null ? t.sinDato : formatLongDate(iso, language));
  return (
    <section className="screen screen-volante-preview" aria-labelledby={SCREEN_TITLE_ID}>
      <ScreenHeading>{t.title}</ScreenHeading>
      <p className="screen-help">{t.help}</p>
      {/* Scrolls inside itself, so that "Imprimir" stays on the glass however large the household. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1) */}
      <section className="volante-sheet" data-kind={preview.kind} aria-labelledby="volante-kind" tabIndex={0}>
        <p className="volante-kind" id="volante-kind">
          {t.kinds[preview.kind]}
        </p>
        <dl className="volante-fields">
          <dt>{t.municipio}</dt>
          <dd>{preview.municipio}</dd>
          <dt>{t.domicilio}</dt>
          <dd>
            {preview.domicilio.direccion}
            <br />
            {preview.domicilio.codigoPostal} {preview.municipio}
          </dd>
        </dl>
        <table className="volante-personas">
          <caption>{t.personas}</caption>
          <thead>
            <tr>
              <th scope="col">{t.nombre}</th>
              <th scope="col">{t.documento}</th>
              <th scope="col">{t.fechaNacimiento}</th>
              <th scope="col">{t.fechaAlta}</th>
            </tr>
          </thead>
          <tbody>
            {preview.personas.map((persona) => (
              <tr key={`${persona.nombre}|${persona.documento ?? ''}|${persona.fechaNacimiento ?? ''}`}>
                <th scope="row">{persona.nombre}</th>
                <td className={persona.documento === null ? undefined : 'volante-documento'}>
                  {persona.documento ?? t.sinDato}
                </td>
                <td>{day(persona.fechaNacimiento)}</td>
                <td>{day(persona.fechaAlta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="volante-validez">{t.validez(preview.validezMeses)}</p>
      </section>
      <div className="screen-actions">
        <button type="button" className="action-primary action-confirm" onClick={onConfirm}>
          {t.confirm}
        </button>
        <button type="button" className="action-secondary action-back" onClick={onBack}>
          {messages.session.back}
        </button>
      </div>
    </section>
  );
}
