import type {
  CardPresence,
  DeviceState,
  IdentificationState,
  KioskInfo,
  LanguageCode,
  ReciboCheck,
  SessionService,
  SessionState,
  VolanteKind,
} from '../../../core/api/contract.ts';
import type { ScreenApi } from '../api/screen-api.ts';
import type { Messages } from '../i18n/messages.ts';
import { FailedScreen } from './FailedScreen.tsx';
import { GoodbyeScreen } from './GoodbyeScreen.tsx';
import { IdentificationScreen } from './IdentificationScreen.tsx';
import { LanguageScreen } from './LanguageScreen.tsx';
import { PendingRecibosScreen } from './PendingRecibosScreen.tsx';
import { ReciboPayment } from './ReciboPayment.tsx';
import { ServiceScreen } from './ServiceScreen.tsx';
import { VolanteDoneScreen } from './VolanteDoneScreen.tsx';
import { VolanteKindScreen } from './VolanteKindScreen.tsx';
import { VolantePreviewScreen } from './VolantePreviewScreen.tsx';
import { WorkingScreen } from './WorkingScreen.tsx';

/** What the citizen asks of core from any screen; each answer arrives as the next session state. */
export interface SessionActions {
  readonly start: (language: LanguageCode) => void;
  readonly chooseService: (service: SessionService) => void;
  readonly chooseVolanteKind: (kind: VolanteKind) => void;
  readonly confirmVolante: () => void;
  readonly back: () => void;
  readonly end: (reason: 'done' | 'cancelled') => void;
  /** From a failure: back to the service choice, then straight into paying a recibo. */
  readonly payReciboInstead: () => void;
  readonly submitPin: (pin: string) => void;
  readonly cancelIdentification: () => void;
}

interface Props {
  readonly api: ScreenApi;
  readonly session: SessionState;
  readonly info: KioskInfo;
  readonly devices: readonly DeviceState[];
  readonly card: CardPresence;
  readonly identification: IdentificationState;
  readonly padSeed: number;
  readonly scan: { readonly n: number; readonly check: ReciboCheck } | null;
  readonly language: LanguageCode;
  readonly messages: Messages;
  readonly actions: SessionActions;
  readonly onPaying: (paying: boolean) => void;
}

/** The screen of the session's current step: core holds the session, this only shows it. */
export function SessionScreen(props: Props) {
  const { session, messages, actions, language } = props;
  const paymentsOffered = props.devices.some((d) => d.device === 'paymentTerminal' && d.health !== 'error');
  switch (session.step) {
    case 'idle':
      return (
        <LanguageScreen
          info={props.info}
          devices={props.devices}
          card={props.card}
          messages={messages}
          onChoose={actions.start}
        />
      );
    case 'service':
      return (
        <ServiceScreen
          messages={messages}
          available={{ volante: true, recibo: paymentsOffered, recibos_pendientes: paymentsOffered }}
          onChoose={actions.chooseService}
          onFinish={() => actions.end('cancelled')}
        />
      );
    case 'volante_kind':
      return (
        <VolanteKindScreen messages={messages} onChoose={actions.chooseVolanteKind} onBack={actions.back} />
      );
    case 'identification':
      return (
        <IdentificationScreen
          info={props.info}
          card={props.card}
          identification={props.identification}
          messages={messages}
          padSeed={props.padSeed}
          onSubmitPin={actions.submitPin}
          onCancelIdentification={actions.cancelIdentification}
          onBack={actions.back}
        />
      );
    case 'working':
      return (
        <WorkingScreen
          messages={messages}
          what={session.what}
          givenName={
            props.identification.state === 'identified' && props.identification.givenName !== ''
              ? props.identification.givenName
              : null
          }
        />
      );
    case 'volante_preview':
      return (
        <VolantePreviewScreen
          preview={session.preview}
          language={language}
          messages={messages}
          onConfirm={actions.confirmVolante}
          onBack={actions.back}
        />
      );
    case 'volante_done':
      return (
        <VolanteDoneScreen
          csv={session.csv}
          verificationUrl={session.verificationUrl}
          validUntil={session.validUntil}
          printed={session.printed}
          language={language}
          messages={messages}
          onAnother={actions.back}
          onFinish={() => actions.end('done')}
        />
      );
    case 'pending_recibos':
      return (
        <PendingRecibosScreen
          api={props.api}
          recibos={session.recibos}
          language={language}
          messages={messages}
          onPaying={props.onPaying}
          onBack={actions.back}
          onFinish={() => actions.end('done')}
        />
      );
    case 'recibo':
      return (
        <ReciboPayment
          api={props.api}
          language={language}
          messages={messages}
          scan={props.scan}
          onDone={() => actions.end('done')}
          onCancel={actions.back}
          onPaying={props.onPaying}
        />
      );
    case 'failed':
      return (
        <FailedScreen
          reason={session.reason}
          oficinaAtencion={session.oficinaAtencion}
          messages={messages}
          onPayRecibo={
            session.reason === 'sin_conexion' && paymentsOffered ? actions.payReciboInstead : undefined
          }
          onOtherService={actions.back}
          onFinish={() => actions.end('done')}
        />
      );
    case 'goodbye':
      return <GoodbyeScreen messages={messages} takeCard={session.takeCard} />;
  }
}
