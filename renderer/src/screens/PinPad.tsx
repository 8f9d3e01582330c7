import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { DNIE_PIN_MAX, DNIE_PIN_MIN } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { digitOrder, LETTERS, type PinPadLayout } from './pin-pad-layout.ts';

interface Props {
  readonly messages: Messages;
  readonly layout: PinPadLayout;
  /** Seed of the randomised digit order, fresh for every PIN session. */
  readonly seed: number;
  /** Shown above the pad after a wrong PIN. */
  readonly notice: { readonly title: string; readonly text: string } | null;
  readonly onSubmit: (pin: string) => void;
  readonly onCancel: () => void;
}

/**
 * The on-screen PIN pad. DNIe PINs are 8–16 characters and may hold letters, so the pad has the ten
 * digits and a letter keyboard behind a toggle (with capitals): a digits-only pad would shut out every
 * citizen whose PIN has a letter. What is typed is shown as dots only, and the live region says how
 * many characters there are, never which (EN 301 549 5.1.3.8). A physical keyboard works too
 * (characters, Backspace, Enter, Escape); every key is a real button reachable with Tab.
 */
export function PinPad({ messages, layout, seed, notice, onSubmit, onCancel }: Props) {
  const t = messages.identification;
  const [pin, setPin] = useState('');
  const [mode, setMode] = useState<'digits' | 'letters'>('digits');
  const [upper, setUpper] = useState(true);
  const title = useRef<HTMLHeadingElement>(null);
  const digits = digitOrder(layout, seed);

  useEffect(() => {
    title.current?.focus();
  }, []);

  const type = (key: string) =>
    setPin((current) => (current.length < DNIE_PIN_MAX ? current + key : current));
  const erase = () => setPin((current) => current.slice(0, -1));
  const submit = () => {
    if (pin.length < DNIE_PIN_MIN) return;
    const value = pin;
    setPin('');
    onSubmit(value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Backspace') erase();
    else if (event.key === 'Escape') onCancel();
    else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) submit();
    else if (/^[A-Za-z0-9]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey)
      type(event.key);
    else return;
    event.preventDefault();
  };

  const letterKeys = LETTERS.map((letter) => (upper ? letter : letter.toLowerCase()));
  return (
    <section className="pin-pad" aria-labelledby="pin-title" onKeyDown={onKeyDown}>
      <h2 id="pin-title" ref={title} tabIndex={-1}>
        {t.pinTitle}
      </h2>
      {notice ? (
        <div className="pin-notice" role="alert">
          <p className="pin-notice-title">{notice.title}</p>
          <p>{notice.text}</p>
        </div>
      ) : null}
      <p className="pin-help">{t.pinHelp}</p>
      {/* A live region announces its text content: the count, in words; the dots are hidden from it. */}
      <output className="pin-dots" aria-live="polite" data-count={pin.length}>
        <span className="visually-hidden">{t.pinCount(pin.length)}</span>
        {Array.from({ length: pin.length }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the dots are identical and only their count matters
          <span key={i} className="pin-dot" aria-hidden="true" />
        ))}
      </output>
      <div className="pin-entry">
        <fieldset className={`pin-keys pin-keys-${mode}`}>
          <legend className="visually-hidden">{t.keypadLabel}</legend>
          {(mode === 'digits' ? digits : letterKeys).map((key) => (
            <button key={key} type="button" className="pin-key" data-key={key} onClick={() => type(key)}>
              {key}
            </button>
          ))}
        </fieldset>
        <div className="pin-controls">
          <button
            type="button"
            className="pin-control pin-mode"
            onClick={() => setMode(mode === 'digits' ? 'letters' : 'digits')}
          >
            {mode === 'digits' ? t.showLetters : t.showDigits}
          </button>
          {mode === 'letters' ? (
            <button
              type="button"
              className="pin-control pin-case"
              aria-pressed={upper}
              onClick={() => setUpper(!upper)}
            >
              {t.upperCase}
            </button>
          ) : null}
          <button
            type="button"
            className="pin-control pin-delete"
            onClick={erase}
            disabled={pin.length === 0}
          >
            {t.deleteKey}
          </button>
          <button type="button" className="pin-control pin-cancel" onClick={onCancel}>
            {t.cancel}
          </button>
          <button
            type="button"
            className="pin-control pin-confirm"
            onClick={submit}
            disabled={pin.length < DNIE_PIN_MIN}
          >
            {t.confirm}
          </button>
        </div>
      </div>
    </section>
  );
}
