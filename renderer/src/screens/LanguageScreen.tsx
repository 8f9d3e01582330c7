import type { CardPresence, DeviceState, KioskInfo, LanguageCode } from '../../../core/api/contract.ts';
import { catalogues, type Messages } from '../i18n/messages.ts';
import { CardNotice } from './CardNotice.tsx';
import { ScreenHeading, SCREEN_TITLE_ID } from './ScreenHeading.tsx';

interface Props {
  readonly info: KioskInfo;
  readonly devices: readonly DeviceState[];
  readonly card: CardPresence;
  readonly messages: Messages;
  readonly onChoose: (language: LanguageCode) => void;
}

/**
 * The first screen (session step `idle`): one question, the language. Each language is named in itself
 * and marked with its own `lang`, so a screen reader says "Euskara" with a Basque voice.
 */
export function LanguageScreen({ info, devices, card, messages, onChoose }: Props) {
  const t = messages.session.language;
  return (
    <>
      <section className="screen screen-language" aria-labelledby={SCREEN_TITLE_ID}>
        <ScreenHeading>{t.title}</ScreenHeading>
        <p className="screen-help">{t.help}</p>
        <div className="language-choices">
          {info.languages.available.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="language-button"
              data-language={code}
              onClick={() => onChoose(code)}
            >
              {catalogues[code].languageName}
            </button>
          ))}
        </div>
      </section>
      <CardNotice card={card} messages={messages} />
      <section className="devices" aria-labelledby="devices-title">
        <h2 id="devices-title">{messages.devicesTitle}</h2>
        <ul>
          {devices.map((device) => (
            <li key={device.device} className={`device health-${device.health}`} data-device={device.device}>
              <span className="device-name">{messages.devices[device.device]}</span>
              <span className="device-state" data-code={device.code}>
                {messages.deviceStates[device.code]}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
