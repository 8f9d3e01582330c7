import { useCallback, useEffect, useState } from 'react';
import type {
  CardPresence,
  DeviceState,
  IdentificationState,
  KioskInfo,
  LanguageCode,
  ReciboCheck,
} from '../../core/api/contract.ts';
import type { ScreenApi } from './api/screen-api.ts';
import { catalogues } from './i18n/messages.ts';
import { IdleWarning } from './idle/IdleWarning.tsx';
import { useIdleTimer } from './idle/use-idle-timer.ts';
import { freshSeed } from './screens/pin-pad-layout.ts';
import { ReciboPayment } from './screens/ReciboPayment.tsx';
import { WelcomeScreen } from './screens/WelcomeScreen.tsx';

export function App({ api }: { api: ScreenApi }) {
  const [connected, setConnected] = useState(api.state === 'open');
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [devices, setDevices] = useState<DeviceState[]>([]);
  const [language, setLanguage] = useState<LanguageCode>('es');
  const [card, setCard] = useState<CardPresence>({ present: false, cardType: null });
  const [identification, setIdentification] = useState<IdentificationState>({ state: 'idle' });
  const [padSeed, setPadSeed] = useState(freshSeed);
  const [view, setView] = useState<'welcome' | 'recibo'>('welcome');
  const [scan, setScan] = useState<{ n: number; check: ReciboCheck } | null>(null);
  const [paying, setPaying] = useState(false);
  /** Changes when a session is wiped: every screen below is mounted afresh, with none of its state. */
  const [session, setSession] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const greet = async () => {
      const hello = await api.call('kiosk.hello', { apiVersion: 1 });
      const list = await api.call('devices.list', {});
      const present = await api.call('card.get', {});
      const identifying = await api.call('identification.get', {});
      if (cancelled) return;
      setInfo(hello);
      setLanguage(hello.languages.default);
      setDevices(list.devices);
      setCard(present);
      setIdentification(identifying);
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
    // A recibo scanned on any screen opens the payment with it (unless a DNIe identification runs).
    const offScan = api.on('recibo.scanned', (check) => {
      setScan((current) => ({ n: (current?.n ?? 0) + 1, check }));
      setView('recibo');
    });
    // The socket may have opened before this effect subscribed.
    setConnected(api.state === 'open');
    if (api.state === 'open') greet().catch(() => undefined);
    return () => {
      cancelled = true;
      offConnection();
      offDevices();
      offCard();
      offIdentification();
      offScan();
    };
  }, [api]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // The person walked away (issue 9 item 1): end the DNIe session in core, drop any recibo typed or
  // shown, forget every field, back to the welcome in the kiosk's own language.
  const endSession = useCallback(() => {
    if (identification.state !== 'idle') api.call('identification.cancel', {}).catch(() => undefined);
    setScan(null);
    setView('welcome');
    setPaying(false);
    setPadSeed(freshSeed());
    if (info !== null) setLanguage(info.languages.default);
    setSession((n) => n + 1);
  }, [api, identification.state, info]);

  // Every screen but the welcome is timed; a cancelled identification only asks to take the card out.
  const timed =
    connected &&
    info !== null &&
    (view === 'recibo' || (identification.state !== 'idle' && identification.state !== 'cancelled'));
  const idle = useIdleTimer({
    active: timed,
    paused: paying,
    idleSeconds: info?.screen.idleTimeoutSeconds ?? 90,
    warningSeconds: info?.screen.timeoutWarningSeconds ?? 20,
    onExpire: endSession,
  });

  const messages = catalogues[language];
  const classes = ['kiosk'];
  if (info?.accessibility.highContrast) classes.push('high-contrast');
  if (info?.accessibility.largeText) classes.push('large-text');

  if (!connected || info === null) {
    return (
      <main className={classes.join(' ')}>
        <p className="connecting" role="status">
          {messages.connecting}
        </p>
      </main>
    );
  }
  const warning = idle.warning ? (
    <IdleWarning messages={messages} secondsLeft={idle.secondsLeft} onMoreTime={idle.moreTime} />
  ) : null;
  const paymentsOffered = devices.some((d) => d.device === 'paymentTerminal' && d.health !== 'error');
  if (view === 'recibo' && identification.state === 'idle') {
    return (
      <main key={session} className={classes.join(' ')}>
        <header className="masthead">
          <p className="municipality">{info.municipality.name}</p>
          <h1 className="kiosk-name">{info.name}</h1>
        </header>
        <ReciboPayment
          api={api}
          language={language}
          messages={messages}
          scan={scan}
          onDone={() => {
            setScan(null);
            setView('welcome');
          }}
          onPaying={setPaying}
        />
        {warning}
      </main>
    );
  }
  return (
    <main key={session} className={classes.join(' ')}>
      <WelcomeScreen
        onPayRecibo={paymentsOffered ? () => setView('recibo') : undefined}
        info={info}
        devices={devices}
        card={card}
        language={language}
        messages={messages}
        onLanguage={setLanguage}
        identification={identification}
        padSeed={padSeed}
        onSubmitPin={(pin) => {
          // The answer also arrives as identification.changed; a failed call leaves the state to core.
          api.call('identification.submitPin', { pin }).catch(() => undefined);
        }}
        onCancelIdentification={() => {
          api.call('identification.cancel', {}).catch(() => undefined);
        }}
      />
      {warning}
    </main>
  );
}
