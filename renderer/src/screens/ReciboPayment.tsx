import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type {
  LanguageCode,
  ReciboCheck,
  ReciboPaymentProgress,
  ReciboPaymentResult,
  ReciboRefusalReason,
  ReciboView,
} from '../../../core/api/contract.ts';
import type { ScreenApi } from '../api/screen-api.ts';
import type { Messages } from '../i18n/messages.ts';
import { formatAmount, formatIsoDay, groupDigits } from './recibo-format.ts';

type FieldName = 'emisora' | 'referencia' | 'identificacion' | 'importe';
type InputName = FieldName | 'barcode';

type Stage =
  | {
      readonly kind: 'entry';
      readonly refusal: { reason: ReciboRefusalReason; field: FieldName | null } | null;
    }
  | { readonly kind: 'checking' }
  | { readonly kind: 'shown'; readonly recibo: ReciboView }
  | { readonly kind: 'paying'; readonly recibo: ReciboView; readonly progress: ReciboPaymentProgress | null }
  | { readonly kind: 'result'; readonly recibo: ReciboView; readonly result: ReciboPaymentResult }
  | { readonly kind: 'failed'; readonly paying: boolean };

interface Props {
  readonly api: ScreenApi;
  readonly language: LanguageCode;
  readonly messages: Messages;
  /** The latest scan (`n` changes with each), shown when the screen waits for a recibo. */
  readonly scan: { readonly n: number; readonly check: ReciboCheck } | null;
  readonly onDone: () => void;
  /** The citizen gives up before paying (default: `onDone`). */
  readonly onCancel?: () => void;
  /** Told when a payment starts and ends on the terminal (the idle timeout never interrupts one). */
  readonly onPaying?: (paying: boolean) => void;
}

const EMPTY: Record<InputName, string> = {
  emisora: '',
  referencia: '',
  identificacion: '',
  importe: '',
  barcode: '',
};
/** Refusals a retyped recibo may cure; the others are about the recibo itself. */
const FIXABLE: readonly ReciboRefusalReason[] = [
  'codigo_no_valido',
  'datos_no_validos',
  'control_no_coincide',
];

const MAX_LENGTH: Record<InputName, number> = {
  emisora: 6,
  referencia: 12,
  identificacion: 10,
  importe: 12,
  barcode: 42,
};

/**
 * Paying a recibo: scan or type it → the recibo with its amount → pay on the card terminal, its
 * messages as they come → the result with the CSV → back to start. Each stage moves the focus to its
 * heading so a screen reader announces it; errors are alerts that say what to do next.
 */
export function ReciboPayment({ api, language, messages, scan, onDone, onCancel = onDone, onPaying }: Props) {
  const t = messages.recibo;
  const [stage, setStage] = useState<Stage>({ kind: 'entry', refusal: null });
  const [mode, setMode] = useState<'fields' | 'barcode'>('fields');
  const [values, setValues] = useState<Record<InputName, string>>(EMPTY);
  const [active, setActive] = useState<InputName>('emisora');
  const heading = useRef<HTMLHeadingElement>(null);
  const payingNow = useRef(false);
  const inputs = useRef<Partial<Record<InputName, HTMLInputElement | null>>>({});
  const ticket = stage.kind === 'paying' ? stage.recibo.ticket : null;
  const paying = stage.kind === 'paying';

  useEffect(() => {
    if (!paying) return;
    onPaying?.(true);
    return () => onPaying?.(false);
  }, [paying, onPaying]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new stage moves the focus to its heading
  useEffect(() => {
    heading.current?.focus();
  }, [stage.kind]);

  useEffect(() => {
    if (scan === null) return;
    setStage((current) => (current.kind === 'entry' ? stageOf(scan.check) : current));
  }, [scan]);

  useEffect(() => {
    if (ticket === null) return;
    return api.on('recibo.progress', (progress) => {
      if (progress.ticket !== ticket) return;
      setStage((current) =>
        current.kind === 'paying' && current.recibo.ticket === ticket ? { ...current, progress } : current,
      );
    });
  }, [api, ticket]);

  const check = async (event?: FormEvent) => {
    event?.preventDefault();
    setStage({ kind: 'checking' });
    const params =
      mode === 'barcode'
        ? { barcode: values.barcode }
        : {
            emisora: values.emisora,
            referencia: values.referencia,
            identificacion: values.identificacion,
            importe: values.importe,
          };
    try {
      setStage(stageOf(await api.call('recibo.check', params)));
    } catch {
      setStage({ kind: 'failed', paying: false });
    }
  };

  const pay = async (recibo: ReciboView) => {
    // Fast repeated taps start one payment: the second sees the ref the first set (issue 9, bad input).
    if (payingNow.current) return;
    payingNow.current = true;
    setStage({ kind: 'paying', recibo, progress: null });
    try {
      const result = await api.call('recibo.pay', { ticket: recibo.ticket });
      setStage({ kind: 'result', recibo, result });
    } catch {
      setStage({ kind: 'failed', paying: true });
    } finally {
      payingNow.current = false;
    }
  };

  const restart = () => {
    setValues(EMPTY);
    setStage({ kind: 'entry', refusal: null });
  };

  const type = (key: string) => {
    setValues((current) => {
      const value = key === 'delete' ? current[active].slice(0, -1) : current[active] + key;
      return { ...current, [active]: value.slice(0, MAX_LENGTH[active]) };
    });
    inputs.current[active]?.focus();
  };

  switch (stage.kind) {
    case 'entry': {
      const names: readonly InputName[] =
        mode === 'fields' ? ['emisora', 'referencia', 'identificacion', 'importe'] : ['barcode'];
      return (
        <section className="recibo recibo-entry" aria-labelledby="recibo-title">
          <h2 id="recibo-title" ref={heading} tabIndex={-1}>
            {t.entryTitle}
          </h2>
          <p className="recibo-help">{t.entryHelp}</p>
          {stage.refusal === null ? null : (
            <div className="recibo-notice" role="alert">
              <p className="recibo-notice-title">
                {FIXABLE.includes(stage.refusal.reason) ? t.entryErrorTitle : t.refusedTitle}
              </p>
              <p data-reason={stage.refusal.reason}>{t.reasons[stage.refusal.reason]}</p>
            </div>
          )}
          <fieldset className="recibo-modes">
            <legend className="visually-hidden">{t.entryTitle}</legend>
            {(['fields', 'barcode'] as const).map((m) => (
              <button
                key={m}
                type="button"
                className="recibo-mode"
                aria-pressed={mode === m}
                onClick={() => {
                  setMode(m);
                  setActive(m === 'fields' ? 'emisora' : 'barcode');
                }}
              >
                {m === 'fields' ? t.byFields : t.byBarcode}
              </button>
            ))}
          </fieldset>
          <form className="recibo-form" onSubmit={check}>
            {names.map((name) => (
              <label key={name} className="recibo-field">
                <span>{t.fields[name]}</span>
                <input
                  ref={(el) => {
                    inputs.current[name] = el;
                  }}
                  name={name}
                  value={values[name]}
                  inputMode={name === 'importe' ? 'decimal' : 'numeric'}
                  autoComplete="off"
                  maxLength={MAX_LENGTH[name]}
                  aria-invalid={stage.refusal?.field === name ? true : undefined}
                  onFocus={() => setActive(name)}
                  onChange={(event) =>
                    setValues((current) => ({
                      ...current,
                      [name]: event.target.value.replace(name === 'importe' ? /[^0-9,.]/g : /\D/g, ''),
                    }))
                  }
                />
              </label>
            ))}
            <fieldset className="recibo-keypad">
              <legend className="visually-hidden">{t.keypadLabel}</legend>
              {['1', '2', '3', '4', '5', '6', '7', '8', '9', ',', '0'].map((key) => (
                <button
                  key={key}
                  type="button"
                  className="recibo-key"
                  data-key={key}
                  disabled={key === ',' && active !== 'importe'}
                  onClick={() => type(key)}
                >
                  {key}
                </button>
              ))}
              <button type="button" className="recibo-key recibo-delete" onClick={() => type('delete')}>
                {t.deleteKey}
              </button>
            </fieldset>
            <div className="recibo-actions">
              <button type="submit" className="recibo-primary">
                {t.check}
              </button>
              <button type="button" className="recibo-secondary recibo-cancel" onClick={onCancel}>
                {t.cancel}
              </button>
            </div>
          </form>
        </section>
      );
    }
    case 'checking':
      return (
        <section className="recibo" aria-busy="true">
          <h2 ref={heading} tabIndex={-1} role="status">
            {t.checking}
          </h2>
        </section>
      );
    case 'shown':
      return (
        <section className="recibo recibo-shown" aria-labelledby="recibo-title">
          <h2 id="recibo-title" ref={heading} tabIndex={-1}>
            {t.shownTitle}
          </h2>
          <ReciboDetails recibo={stage.recibo} language={language} messages={messages} />
          <div className="recibo-actions">
            <button type="button" className="recibo-primary recibo-pay" onClick={() => pay(stage.recibo)}>
              {t.pay(formatAmount(stage.recibo.importeCents, language))}
            </button>
            <button type="button" className="recibo-secondary recibo-cancel" onClick={onCancel}>
              {t.cancel}
            </button>
          </div>
        </section>
      );
    case 'paying':
      return (
        <section className="recibo recibo-paying" aria-labelledby="recibo-title" aria-busy="true">
          <h2 id="recibo-title" ref={heading} tabIndex={-1}>
            {t.payingTitle} · {formatAmount(stage.recibo.importeCents, language)}
          </h2>
          <p className="recibo-help">{t.payingHelp}</p>
          <div className="recibo-terminal" role="status" aria-live="polite">
            {stage.progress === null ? null : (
              <>
                <p className="recibo-prompt" data-prompt={stage.progress.prompt}>
                  {t.prompts[stage.progress.prompt]}
                </p>
                <p className="recibo-terminal-text">
                  {t.terminalSays} <span lang="es">{stage.progress.text}</span>
                </p>
              </>
            )}
          </div>
        </section>
      );
    case 'result':
      return (
        <ResultView
          result={stage.result}
          recibo={stage.recibo}
          language={language}
          messages={messages}
          heading={heading}
          onAgain={restart}
          onDone={onDone}
        />
      );
    case 'failed':
      return (
        <section className="recibo recibo-result result-error" aria-labelledby="recibo-title">
          <h2 id="recibo-title" ref={heading} tabIndex={-1}>
            {stage.paying ? t.unknownTitle : t.refusedTitle}
          </h2>
          <p role="alert">{t.callFailed}</p>
          <div className="recibo-actions">
            <button type="button" className="recibo-primary" onClick={onDone}>
              {t.finish}
            </button>
          </div>
        </section>
      );
  }
}

function stageOf(check: ReciboCheck): Stage {
  return check.ok
    ? { kind: 'shown', recibo: check.recibo }
    : { kind: 'entry', refusal: { reason: check.reason, field: check.field } };
}

function ReciboDetails({
  recibo,
  language,
  messages,
}: {
  recibo: ReciboView;
  language: LanguageCode;
  messages: Messages;
}) {
  const t = messages.recibo;
  return (
    <dl className="recibo-details">
      <dt>{t.labels.concepto}</dt>
      <dd>{t.concepto(recibo.tributo, recibo.ejercicio)}</dd>
      <dt>{t.labels.emisora}</dt>
      <dd>{recibo.emisora}</dd>
      <dt>{t.labels.referencia}</dt>
      <dd>{groupDigits(recibo.referencia)}</dd>
      <dt>{t.labels.identificacion}</dt>
      <dd>{recibo.identificacion}</dd>
      {recibo.fechaLimite === null ? null : (
        <>
          <dt>{t.labels.fechaLimite}</dt>
          <dd>{formatIsoDay(recibo.fechaLimite)}</dd>
        </>
      )}
      <dt>{t.labels.importe}</dt>
      <dd className="recibo-amount">{formatAmount(recibo.importeCents, language)}</dd>
    </dl>
  );
}

function ResultView({
  result,
  recibo,
  language,
  messages,
  heading,
  onAgain,
  onDone,
}: {
  result: ReciboPaymentResult;
  recibo: ReciboView;
  language: LanguageCode;
  messages: Messages;
  heading: RefObject<HTMLHeadingElement | null>;
  onAgain: () => void;
  onDone: () => void;
}) {
  const t = messages.recibo;
  let title: string;
  let lines: readonly string[];
  let tone: 'ok' | 'error';
  switch (result.outcome) {
    case 'approved':
      title = t.approvedTitle;
      lines = [result.justificantePrinted ? t.printed : t.notPrinted(result.verificationUrl)];
      tone = 'ok';
      break;
    case 'declined':
      title = t.declinedTitle;
      lines = [
        ...(result.terminalText === null ? [] : [result.terminalText]),
        result.reversed ? t.reversed : t.declined,
      ];
      tone = 'error';
      break;
    case 'unknown':
      title = t.unknownTitle;
      lines = [t.unknown];
      tone = 'error';
      break;
    case 'refused':
      title = t.refusedTitle;
      lines = [t.reasons[result.reason]];
      tone = 'error';
      break;
  }
  return (
    <section
      className={`recibo recibo-result result-${tone}`}
      aria-labelledby="recibo-title"
      data-outcome={result.outcome}
    >
      <h2 id="recibo-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="recibo-amount">{formatAmount(recibo.importeCents, language)}</p>
      {result.outcome === 'approved' ? (
        <p className="recibo-csv">
          {t.csvLabel}: <strong>{result.csv}</strong>
        </p>
      ) : null}
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <div className="recibo-actions">
        <button type="button" className="recibo-primary" onClick={onDone}>
          {t.finish}
        </button>
        <button type="button" className="recibo-secondary" onClick={onAgain}>
          {result.outcome === 'refused' || result.outcome === 'declined' ? t.tryAgain : t.otherRecibo}
        </button>
      </div>
    </section>
  );
}
