import type { LanguageCode } from '../../../core/api/contract.ts';
import { catalogues, type Messages } from '../i18n/messages.ts';
import type { AccessPreferences, AccessSwitch } from './preferences.ts';

interface Props {
  readonly messages: Messages;
  readonly preferences: AccessPreferences;
  readonly onToggle: (which: AccessSwitch) => void;
  readonly onRepeat: () => void;
  /** Present during a session: the language can change on any step (`session.setLanguage`). */
  readonly languages?: {
    readonly available: readonly LanguageCode[];
    readonly current: LanguageCode;
    readonly onChoose: (language: LanguageCode) => void;
  };
}

/**
 * Contrast, text size and speech on every screen, usable before any of them is on (EN 301 549 5.2):
 * toggle buttons whose state is in their name's mark and `aria-pressed`, not in colour alone.
 */
export function AccessBar({ messages, preferences, onToggle, onRepeat, languages }: Props) {
  const t = messages.access;
  const toggles: ReadonlyArray<[AccessSwitch, string]> = [
    ['highContrast', t.highContrast],
    ['largeText', t.largeText],
    ['speech', t.speech],
  ];
  return (
    <nav className="access-bar" aria-label={t.toolbarLabel}>
      <div className="access-toggles">
        {toggles.map(([which, label]) => (
          <button
            key={which}
            type="button"
            className={`access-toggle access-${which}`}
            aria-pressed={preferences[which]}
            onClick={() => onToggle(which)}
          >
            <span className="access-mark" aria-hidden="true">
              {preferences[which] ? '✓' : ''}
            </span>
            {label}
          </button>
        ))}
        {preferences.speech ? (
          <button type="button" className="access-toggle access-repeat" onClick={onRepeat}>
            {t.repeat}
          </button>
        ) : null}
      </div>
      {languages === undefined ? null : (
        <fieldset className="access-languages">
          <legend className="visually-hidden">{t.language}</legend>
          {languages.available.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="access-language"
              aria-pressed={code === languages.current}
              onClick={() => onChoose(languages, code)}
            >
              {catalogues[code].languageName}
            </button>
          ))}
        </fieldset>
      )}
    </nav>
  );
}

function onChoose(languages: NonNullable<Props['languages']>, code: LanguageCode): void {
  if (code !== languages.current) languages.onChoose(code);
}
