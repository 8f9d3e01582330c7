import { useEffect, useRef, useState } from 'react';
import type {
  LanguageCode,
  PendingRecibo,
  ReciboPaymentProgress,
  ReciboPaymentResult,
} from '../../../core/api/contract.ts';
import type { ScreenApi } from '../api/screen-api.ts';
import type { Messages } from '../i18n/messages.ts';
import { payableTickets, payInTurn } from './pending-payments.ts';
import { formatAmount, formatIsoDay } from './recibo-format.ts';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly api: ScreenApi;
  readonly recibos: readonly PendingRecibo[];
  readonly language: LanguageCode;
  readonly messages: Messages;
  readonly onPaying: (paying: boolean) => void;
  readonly onBack: () => void;
  readonly onFinish: () => void;
}

interface Current {
  readonly ticket: string;
  readonly position: number;
  readonly count: number;
  readonly progress: ReciboPaymentProgress | null;
}

/**
 * Session step `pending_recibos`: the citizen's pending recibos from central; they tick one or several
 * and pay them one after another with `recibo.pay`, seeing the terminal's messages as they come. The
 * first recibo not paid stops the round: nobody wants three declined charges in a row.
 */
export function PendingRecibosScreen({
  api,
  recibos,
  language,
  messages,
  onPaying,
  onBack,
  onFinish,
}: Props) {
  const t = messages.session.pending;
  const r = messages.recibo;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, ReciboPaymentResult>>(new Map());
  const [current, setCurrent] = useState<Current | null>(null);
  const [round, setRound] = useState<'choosing' | 'paying' | 'done'>('choosing');
  const [stopped, setStopped] = useState(false);
  const alive = useRef(true);
  const busy = useRef(false);
  const ticket = current?.ticket ?? null;

  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => {
    if (round !== 'paying') return;
    onPaying(true);
    return () => onPaying(false);
  }, [round, onPaying]);
  useEffect(() => {
    if (ticket === null) return;
    return api.on('recibo.progress', (progress) => {
      if (progress.ticket === ticket) setCurrent((c) => (c?.ticket === ticket ? { ...c, progress } : c));
    });
  }, [api, ticket]);

  const payable = payableTickets(recibos, outcomes);
  const chosen = recibos.filter((p) => selected.has(p.recibo.ticket) && payable.has(p.recibo.ticket));
  const total = chosen.reduce((sum, p) => sum + p.recibo.importeCents, 0);

  const pay = async () => {
    // A ref, not the state: two taps in the same frame both see the state before the first one's update.
    if (busy.current || chosen.length === 0) return;
    busy.current = true;
    setRound('paying');
    setStopped(false);
    const tickets = chosen.map((p) => p.recibo.ticket);
    const result = await payInTurn(tickets, {
      pay: (next) => api.call('recibo.pay', { ticket: next }),
      starting: (next, position) =>
        setCurrent({ ticket: next, position, count: tickets.length, progress: null }),
      paid: (outcome) => setOutcomes((before) => new Map(before).set(outcome.ticket, outcome)),
      goOn: () => alive.current,
    });
    busy.current = false;
    if (!alive.current) return;
    setCurrent(null);
    setSelected(new Set());
    setStopped(result.stopped);
    setRound('done');
  };

  const heading =
    round === 'paying' && current !== null
      ? t.paying(current.position, current.count)
      : round === 'done'
        ? t.doneTitle
        : t.title;
  return (
    <section
      className="screen screen-pending"
      aria-labelledby={SCREEN_TITLE_ID}
      aria-busy={round === 'paying'}
    >
      <ScreenHeading key={round === 'paying' ? `paying-${current?.position}` : round}>
        {heading}
      </ScreenHeading>
      {round === 'paying' ? (
        <div className="recibo-terminal" role="status" aria-live="polite">
          <p className="recibo-help">{r.payingHelp}</p>
          {current?.progress ? (
            <>
              <p className="recibo-prompt" data-prompt={current.progress.prompt}>
                {r.prompts[current.progress.prompt]}
              </p>
              <p className="recibo-terminal-text">
                {r.terminalSays} <span lang="es">{current.progress.text}</span>
              </p>
            </>
          ) : null}
        </div>
      ) : (
        <p className="screen-help">
          {recibos.some((p) => !p.paid && p.refusal === undefined)
            ? t.help
            : recibos.some((p) => p.refusal !== undefined)
              ? t.noneHere
              : t.none}
        </p>
      )}
      {round === 'done' && stopped ? (
        <p className="notice-warning" role="alert">
          {t.stopped}
        </p>
      ) : null}
      <ul className="pending-list">
        {recibos.map((pending) => {
          const id = pending.recibo.ticket;
          const outcome = outcomes.get(id);
          const status = pending.paid
            ? t.alreadyPaid
            : pending.refusal !== undefined
              ? r.reasons[pending.refusal]
              : outcome?.outcome === 'approved'
                ? t.paidNow
                : outcome === undefined
                  ? null
                  : t.notPaid;
          const concepto = pending.concepto ?? r.concepto(pending.recibo.tributo, pending.recibo.ejercicio);
          return (
            <li
              key={id}
              className="pending-recibo"
              data-ticket={id}
              data-status={
                outcome?.outcome ??
                (pending.paid ? 'paid' : pending.refusal === undefined ? 'pending' : 'refused')
              }
            >
              <label className="pending-select">
                <input
                  type="checkbox"
                  checked={selected.has(id)}
                  disabled={!payable.has(id) || round === 'paying'}
                  onChange={(event) => {
                    const next = new Set(selected);
                    if (event.target.checked) next.add(id);
                    else next.delete(id);
                    setSelected(next);
                  }}
                />
                <span className="pending-concepto">{concepto}</span>
                <span className="pending-amount">{formatAmount(pending.recibo.importeCents, language)}</span>
              </label>
              {pending.recibo.fechaLimite === null ? null : (
                <p className="pending-deadline">
                  {r.labels.fechaLimite}: {formatIsoDay(pending.recibo.fechaLimite)}
                </p>
              )}
              {status === null ? null : (
                <p
                  className={`pending-status status-${outcome?.outcome ?? (pending.refusal === undefined ? 'paid' : 'refused')}`}
                >
                  <strong>{status}</strong>
                  {outcome?.outcome === 'approved' ? (
                    <>
                      {' · '}
                      {r.csvLabel}: <span className="pending-csv">{outcome.csv}</span>
                    </>
                  ) : null}
                  {outcome !== undefined && outcome.outcome !== 'approved'
                    ? ` · ${outcomeText(outcome, messages)}`
                    : null}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {round === 'paying' ? null : (
        <div className="screen-actions">
          {payable.size === 0 ? null : (
            <>
              <p className="pending-total">{t.total(formatAmount(total, language))}</p>
              <button
                type="button"
                className="action-primary action-pay"
                disabled={chosen.length === 0}
                onClick={pay}
              >
                {t.pay(chosen.length, formatAmount(total, language))}
              </button>
            </>
          )}
          <button type="button" className="action-secondary action-back" onClick={onBack}>
            {messages.session.back}
          </button>
          <button type="button" className="action-secondary action-finish" onClick={onFinish}>
            {messages.session.finish}
          </button>
        </div>
      )}
    </section>
  );
}

function outcomeText(result: ReciboPaymentResult, messages: Messages): string {
  const r = messages.recibo;
  switch (result.outcome) {
    case 'approved':
      return r.approvedTitle;
    case 'declined':
      return result.reversed ? r.reversed : r.declined;
    case 'unknown':
      return r.unknown;
    case 'refused':
      return r.reasons[result.reason];
  }
}
