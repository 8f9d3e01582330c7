import { useEffect, useRef } from 'react';
import type { IdentificationState, KioskInfo } from '../../../core/api/contract.ts';
import type { Messages } from '../i18n/messages.ts';
import { PinPad } from './PinPad.tsx';

interface Props {
  readonly state: IdentificationState;
  readonly info: KioskInfo;
  readonly messages: Messages;
  /** Changes with every new PIN session (a card going in): a new pad, a new digit order. */
  readonly seed: number;
  readonly onSubmit: (pin: string) => void;
  readonly onCancel: () => void;
}

/** The DNIe identification as the citizen meets it: PIN pad, checking, then the result. */
export function IdentificationPanel({ state, info, messages, seed, onSubmit, onCancel }: Props) {
  const t = messages.identification;
  if (state.state === 'pin_required' || state.state === 'pin_wrong') {
    const notice =
      state.state === 'pin_wrong' ? { title: t.pinWrongTitle, text: t.pinWrong(state.triesLeft) } : null;
    return (
      <PinPad
        key={`${seed}-${state.state === 'pin_wrong' ? state.triesLeft : 'first'}`}
        messages={messages}
        layout={info.screen.pinPadLayout}
        seed={seed}
        notice={notice}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    );
  }
  switch (state.state) {
    case 'verifying':
      return <Result key="verifying" kind="verifying" title={t.verifying} lines={[]} busy />;
    case 'identified':
      return (
        <Result
          key="identified"
          kind="identified"
          title={state.givenName ? t.greeting(state.givenName) : t.greetingNoName}
          lines={[t.identifiedNext]}
        />
      );
    case 'pin_blocked':
      return <Result key="blocked" kind="blocked" title={t.blockedTitle} lines={[t.blockedNext]} />;
    case 'card_error':
      return (
        <Result
          key="error"
          kind="error"
          title={t.errorTitle}
          lines={[t.reasons[state.reason], t.removeCard]}
          reason={state.reason}
        />
      );
    case 'cancelled':
      return <Result key="cancelled" kind="cancelled" title={t.cancelled} lines={[t.removeCard]} />;
    default:
      return null;
  }
}

function Result({
  kind,
  title,
  lines,
  busy = false,
  reason,
}: {
  readonly kind: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly busy?: boolean;
  readonly reason?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const urgent = kind === 'error' || kind === 'blocked';
  return (
    <section
      className={`identification-result result-${kind}`}
      aria-labelledby="identification-title"
      aria-busy={busy}
      data-reason={reason}
    >
      <h2 id="identification-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <div role={urgent ? 'alert' : 'status'}>
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </section>
  );
}
