import { useEffect, useState } from 'react';
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
  const paymentsOffered = devices.some((d) => d.device === 'paymentTerminal' && d.health !== 'error');
  if (view === 'recibo' && identification.state === 'idle') {
    return (
      <main className={classes.join(' ')}>
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
        />
      </main>
    );
  }
  return (
    <main className={classes.join(' ')}>
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
    </main>
  );
}
