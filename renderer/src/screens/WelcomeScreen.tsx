import type {
  CardPresence,
  DeviceState,
  IdentificationState,
  KioskInfo,
  LanguageCode,
} from '../../../core/api/contract.ts';
import { catalogues, type Messages } from '../i18n/messages.ts';
import { CardNotice } from './CardNotice.tsx';
import { IdentificationPanel } from './IdentificationPanel.tsx';

interface Props {
  readonly info: KioskInfo;
  readonly devices: readonly DeviceState[];
  readonly card: CardPresence;
  readonly language: LanguageCode;
  readonly messages: Messages;
  readonly onLanguage: (language: LanguageCode) => void;
  readonly identification: IdentificationState;
  readonly padSeed: number;
  readonly onSubmitPin: (pin: string) => void;
  readonly onCancelIdentification: () => void;
  /** Opens the recibo payment; absent when the kiosk cannot take payments. */
  readonly onPayRecibo?: (() => void) | undefined;
}

export function WelcomeScreen({
  info,
  devices,
  card,
  language,
  messages,
  onLanguage,
  identification,
  padSeed,
  onSubmitPin,
  onCancelIdentification,
  onPayRecibo,
}: Props) {
  // One action per screen: while a DNIe identification runs, it replaces the welcome and the device list.
  const identifying = identification.state !== 'idle';
  return (
    <>
      <header className="masthead">
        <p className="municipality">{info.municipality.name}</p>
        <h1 className="kiosk-name">{info.name}</h1>
        {info.location ? <p className="location">{info.location}</p> : null}
      </header>

      {identifying ? (
        <IdentificationPanel
          state={identification}
          info={info}
          messages={messages}
          seed={padSeed}
          onSubmit={onSubmitPin}
          onCancel={onCancelIdentification}
        />
      ) : (
        <>
          <section className="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{messages.welcomeTitle}</h2>
            <p>{messages.servicesPending}</p>
            {onPayRecibo === undefined ? null : (
              <button type="button" className="service-button pay-recibo" onClick={onPayRecibo}>
                <span className="service-name">{messages.recibo.start}</span>
                <span className="service-help">{messages.recibo.startHelp}</span>
              </button>
            )}
          </section>
          <CardNotice card={card} messages={messages} />
        </>
      )}

      <nav className="languages" aria-label={messages.chooseLanguage}>
        {info.languages.available.map((code) => (
          <button
            key={code}
            type="button"
            lang={code}
            aria-pressed={code === language}
            className="language-button"
            onClick={() => onLanguage(code)}
          >
            {catalogues[code].languageName}
          </button>
        ))}
      </nav>

      {identifying ? null : (
        <section className="devices" aria-labelledby="devices-title">
          <h2 id="devices-title">{messages.devicesTitle}</h2>
          <ul>
            {devices.map((device) => (
              <li
                key={device.device}
                className={`device health-${device.health}`}
                data-device={device.device}
              >
                <span className="device-name">{messages.devices[device.device]}</span>
                <span className="device-state" data-code={device.code}>
                  {messages.deviceStates[device.code]}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
