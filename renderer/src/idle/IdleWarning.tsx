import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Messages } from '../i18n/messages.ts';

interface Props {
  readonly messages: Messages;
  readonly secondsLeft: number;
  readonly onMoreTime: () => void;
}

/** Announce the count this often (and each of the last seconds), not every second: it would drown the rest. */
const ANNOUNCE_EVERY = 5;

/**
 * "Do you need more time?" (WCAG 2.2.1): a modal alert dialog that takes the focus onto its one large
 * button, shows the seconds left and has them read out, and gives the focus back when it closes.
 */
export function IdleWarning({ messages, secondsLeft, onMoreTime }: Props) {
  const t = messages.idle;
  const button = useRef<HTMLButtonElement>(null);
  const [announced, setAnnounced] = useState(secondsLeft);

  useEffect(() => {
    const before = document.activeElement;
    button.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  useEffect(() => {
    if (secondsLeft % ANNOUNCE_EVERY === 0 || secondsLeft <= 3) setAnnounced(secondsLeft);
  }, [secondsLeft]);

  // The dialog has one control: keep the focus inside it (aria-modal).
  const keepFocus = (event: KeyboardEvent) => {
    if (event.key === 'Tab') event.preventDefault();
  };

  return (
    <div className="idle-backdrop">
      <div
        className="idle-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-explanation"
        onKeyDown={keepFocus}
      >
        <h2 id="idle-title">{t.title}</h2>
        <p id="idle-explanation">{t.explanation(secondsLeft)}</p>
        <p className="idle-count" aria-hidden="true" data-seconds={secondsLeft}>
          {secondsLeft}
        </p>
        <p className="visually-hidden" role="status" aria-live="assertive">
          {t.secondsLeft(announced)}
        </p>
        <button ref={button} type="button" className="idle-more" onClick={onMoreTime}>
          {t.moreTime}
        </button>
      </div>
    </div>
  );
}
