import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CardPresence,
  DeviceState,
  IdentificationState,
  KioskCallName,
  KioskCallParams,
  KioskInfo,
  ReciboCheck,
  SessionState,
} from '../../core/api/contract.ts';
import { AccessBar } from './access/AccessBar.tsx';
import { type AccessPreferences, defaultPreferences, rootClasses, toggled } from './access/preferences.ts';
import { SILENT_SPEAKER, type SynthesisLike, webSpeaker } from './access/speech.ts';
import { spokenText } from './access/spoken.ts';
import type { ScreenApi } from './api/screen-api.ts';
import { catalogues } from './i18n/messages.ts';
import { IdleWarning } from './idle/IdleWarning.tsx';
import { useIdleTimer } from './idle/use-idle-timer.ts';
import { freshSeed } from './screens/pin-pad-layout.ts';
import { type SessionActions, SessionScreen } from './screens/SessionScreen.tsx';

type SessionCall =
  | 'session.start'
  | 'session.setLanguage'
  | 'session.chooseService'
  | 'session.chooseVolanteKind'
  | 'session.confirmVolante'
  | 'session.back'
  | 'session.end';

const IDLE: SessionState = { step: 'idle' };

/**
 * The screen follows core's session (issue 9 item 1): it shows the step core holds, sends the citizen's
 * answers as session calls and takes the next step from their result or from `session.changed`. The
 * only state of its own is what belongs to the glass: accessibility choices, the PIN pad's digit order,
 * a scanned recibo waiting to be shown, all wiped when the session is back at `idle`.
 */
export function App({ api }: { api: ScreenApi }) {
  const [connected, setConnected] = useState(api.state === 'open');
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [devices, setDevices] = useState<DeviceState[]>([]);
  const [card, setCard] = useState<CardPresence>({ present: false, cardType: null });
  const [identification, setIdentification] = useState<IdentificationState>({ state: 'idle' });
  const [session, setSession] = useState<SessionState>(IDLE);
  const [padSeed, setPadSeed] = useState(freshSeed);
  const [scan, setScan] = useState<{ n: number; check: ReciboCheck } | null>(null);
  const [paying, setPaying] = useState(false);
  const [preferences, setPreferences] = useState<AccessPreferences>(() => defaultPreferences(null));
  /** Changes when a session is wiped: every screen below is mounted afresh, with none of its state. */
  const [wipes, setWipes] = useState(0);
  const sessionNow = useRef(session);
  sessionNow.current = session;

  const call = useCallback(
    async <N extends SessionCall>(method: N, params: KioskCallParams<N>): Promise<SessionState | null> => {
      try {
        const next = (await api.call(method as KioskCallName, params as never)) as SessionState;
        setSession(next);
        return next;
      } catch {
        // Core did not answer (connection lost, refused call): the screen keeps showing what core last said.
        return null;
      }
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    const greet = async () => {
      const hello = await api.call('kiosk.hello', { apiVersion: 1 });
      const list = await api.call('devices.list', {});
      const present = await api.call('card.get', {});
      const identifying = await api.call('identification.get', {});
      const current = await api.call('session.get', {});
      if (cancelled) return;
      setInfo(hello);
      setDevices(list.devices);
      setCard(present);
      setIdentification(identifying);
      setSession(current);
    };
    const offConnection = api.onConnectionChange((state) => {
      setConnected(state === 'open');
      if (state === 'open') greet().catch(() => undefined);
    });
    const offDevices = api.on('devices.changed', (data) => setDevices(data.devices));
    const offCard = api.on('card.changed', setCard);
    const offIdentification = api.on('identification.changed', (next) => {
      // Every PIN entry (card in, or again after a wrong PIN) gets a new digit order on a randomised pad.
      if (next.state === 'pin_required' || next.state === 'pin_wrong') setPadSeed(freshSeed());
      setIdentification(next);
    });
    const offSession = api.on('session.changed', setSession);
    // The socket may have opened before this effect subscribed.
    setConnected(api.state === 'open');
    if (api.state === 'open') greet().catch(() => undefined);
    return () => {
      cancelled = true;
      offConnection();
      offDevices();
      offCard();
      offIdentification();
      offSession();
    };
  }, [api]);

  // A recibo scanned on the first screens opens its payment: the scan is the citizen's answer.
  useEffect(
    () =>
      api.on('recibo.scanned', (check) => {
        setScan((current) => ({ n: (current?.n ?? 0) + 1, check }));
        const step = sessionNow.current.step;
        if (step === 'idle' && info !== null) {
          void call('session.start', { language: info.languages.default }).then((next) => {
            if (next?.step === 'service') void call('session.chooseService', { service: 'recibo' });
          });
        } else if (step === 'service') {
          void call('session.chooseService', { service: 'recibo' });
        }
      }),
    [api, call, info],
  );

  // A scan is shown once: leaving the recibo step drops it, so coming back starts with an empty form.
  const previousStep = useRef(session.step);
  useEffect(() => {
    if (previousStep.current === 'recibo' && session.step !== 'recibo') setScan(null);
    previousStep.current = session.step;
  }, [session.step]);

  // Back at idle, nothing of the last person stays: their choices, their scan, their screens' state.
  const wasIdle = useRef(true);
  useEffect(() => {
    const idle = session.step === 'idle';
    if (idle && !wasIdle.current) {
      setPreferences(defaultPreferences(info));
      setScan(null);
      setPaying(false);
      setPadSeed(freshSeed());
      setWipes((n) => n + 1);
    }
    wasIdle.current = idle;
  }, [session.step, info]);
  useEffect(() => {
    if (info !== null) setPreferences(defaultPreferences(info));
  }, [info]);

  const language = session.step === 'idle' ? (info?.languages.default ?? 'es') : session.language;
  const messages = catalogues[language];

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    const root = document.documentElement;
    const classes = rootClasses(preferences);
    root.classList.remove('high-contrast', 'large-text');
    root.classList.add(...classes);
  }, [preferences]);

  // The walk-away timeout: core ends the session; the screen only counts and warns (WCAG 2.2.1).
  const timed = connected && info !== null && session.step !== 'idle' && session.step !== 'goodbye';
  const idle = useIdleTimer({
    active: timed,
    paused: paying || session.step === 'working',
    idleSeconds: info?.screen.idleTimeoutSeconds ?? 90,
    warningSeconds: info?.screen.timeoutWarningSeconds ?? 20,
    onExpire: () => {
      void call('session.end', { reason: 'timeout' });
    },
  });

  // Speech: each new screen's heading and instruction, when the citizen has it on.
  const speaker = useMemo(
    () =>
      info === null
        ? SILENT_SPEAKER
        : webSpeaker((window as { speechSynthesis?: SynthesisLike }).speechSynthesis, {
            rate: info.accessibility.speech.rate,
            volumePercent: info.accessibility.speech.volumePercent,
          }),
    [info],
  );
  const spoken = idle.warning
    ? `${messages.idle.title} ${messages.idle.explanation(idle.secondsLeft)}`
    : spokenText({ session, identification, messages });
  const spokenKey = idle.warning ? 'idle-warning' : spoken;
  const said = useRef<string | null>(null);
  const spokenNow = useRef(spoken);
  spokenNow.current = spoken;
  useEffect(() => {
    // The first screen stays quiet (a street kiosk does not talk to nobody) until someone asks: "repeat",
    // or switching speech on.
    if (sessionNow.current.step === 'idle' || said.current === spokenKey) {
      said.current = spokenKey;
      return;
    }
    said.current = spokenKey;
    if (!preferences.speech) return;
    speaker.say(spokenNow.current, language);
  }, [spokenKey, preferences.speech, speaker, language]);
  useEffect(() => {
    if (!preferences.speech) speaker.stop();
  }, [preferences.speech, speaker]);

  const actions: SessionActions = {
    start: (code) => void call('session.start', { language: code }),
    chooseService: (service) => void call('session.chooseService', { service }),
    chooseVolanteKind: (kind) => void call('session.chooseVolanteKind', { kind }),
    confirmVolante: () => void call('session.confirmVolante', {}),
    back: () => void call('session.back', {}),
    end: (reason) => void call('session.end', { reason }),
    payReciboInstead: () =>
      void call('session.back', {}).then((next) => {
        if (next?.step === 'service') void call('session.chooseService', { service: 'recibo' });
      }),
    // The answer also arrives as identification.changed; a failed call leaves the state to core.
    submitPin: (pin) => void api.call('identification.submitPin', { pin }).catch(() => undefined),
    cancelIdentification: () => void api.call('identification.cancel', {}).catch(() => undefined),
  };

  if (!connected || info === null) {
    return (
      <main className="kiosk">
        <p className="connecting" role="status">
          {messages.connecting}
        </p>
      </main>
    );
  }
  return (
    <main key={wipes} className="kiosk" data-step={session.step}>
      <header className="masthead">
        <p className="municipality">{info.municipality.name}</p>
        <h1 className="kiosk-name">{info.name}</h1>
        {info.location ? <p className="location">{info.location}</p> : null}
      </header>
      <SessionScreen
        api={api}
        session={session}
        info={info}
        devices={devices}
        card={card}
        identification={identification}
        padSeed={padSeed}
        scan={scan}
        language={language}
        messages={messages}
        actions={actions}
        onPaying={setPaying}
      />
      <AccessBar
        messages={messages}
        preferences={preferences}
        onToggle={(which) => {
          const next = toggled(preferences, which);
          setPreferences(next);
          // Switching speech on says where the citizen is at once.
          if (which === 'speech' && next.speech) speaker.say(spoken, language);
        }}
        onRepeat={() => speaker.say(spoken, language)}
        {...(session.step === 'idle' || session.step === 'goodbye'
          ? {}
          : {
              languages: {
                available: info.languages.available,
                current: language,
                onChoose: (code) => void call('session.setLanguage', { language: code }),
              },
            })}
      />
      {idle.warning ? (
        <IdleWarning messages={messages} secondsLeft={idle.secondsLeft} onMoreTime={idle.moreTime} />
      ) : null}
    </main>
  );
}
