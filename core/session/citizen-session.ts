/**
 * The citizen's session (issue 9 item 1): one small typed state machine over the KioskApi's
 * `SessionState`, driven by the `session.*` calls, by the DNIe identification, by card events and by
 * the screen's idle end. Core holds it; the screen shows it from `session.changed`.
 *
 * What only core may know (the DNIe's certificate and signature, the grant, the preview, the recibos)
 * lives in `#flow`, and every exit wipes it (`#wipe`): goodbye, idle, card pulled, back to the service
 * choice, failure. A generation number, bumped by every wipe, drops whatever central or the printer
 * answers after the session it belonged to ended.
 */
import type {
  CardPresence,
  IdentificationState,
  LanguageCode,
  ReciboCheck,
  SessionFailureReason,
  SessionService,
  SessionState,
  VolanteKind,
  VolantePreview,
} from '../api/contract.ts';
import {
  type CentralChallenge,
  type CitizenAccess,
  CitizenAccessError,
  type CitizenService,
  type IssueAnswer,
} from '../citizen-access/index.ts';
import type { ChallengeSource, CitizenCredential } from '../identification/index.ts';
import type { Logger } from '../log/logger.ts';
import { pendingRecibosList } from './pending-recibos.ts';
import { localIsoDate, previewView } from './volante-view.ts';

/** What the session needs of the DNIe identification (core/identification `IdentificationService`). */
export interface SessionIdentification {
  state(): IdentificationState;
  onChange(listener: (state: IdentificationState) => void): () => void;
  setChallengeSource(source: ChallengeSource | undefined): void;
  credential(): CitizenCredential | undefined;
  prepare(): IdentificationState;
  cancel(): IdentificationState;
}

export type SessionAuditData = Record<string, string | number | boolean | null>;
export type SessionAudit = (kind: string, data: SessionAuditData) => void;

/** Why a session ended, for the audit chain. */
export type SessionEndReason = 'done' | 'cancelled' | 'timeout' | 'card_removed';

export interface CitizenSessionOptions {
  readonly identification: SessionIdentification;
  readonly citizenAccess: CitizenAccess;
  /** core/sync: did the last exchange with central work? Checked before the PIN is asked for. */
  readonly isCentralReachable: () => boolean;
  /** The printer can print now (its device health is not `error`). Checked before a volante's PIN. */
  readonly printerUsable: () => boolean;
  /** Prints central's volante; resolves whether the paper came out. */
  readonly printVolante: (issued: IssueAnswer, validezMeses: number) => Promise<boolean>;
  /** `recibo.check({barcode})` of the recibo payment service: registers a payable recibo's ticket. */
  readonly checkRecibo: (barcode: string) => ReciboCheck;
  readonly cardPresent: () => boolean;
  /** The municipality's zone: the volante's "valid until" date is its calendar date there. */
  readonly timeZone: string;
  /** How long the goodbye screen stays before the session is idle again (`screen.goodbyeSeconds`). */
  readonly goodbyeMs: number;
  /** Where the municipality helps in person (central's configuration), said with a failure. */
  readonly oficinaAtencion?: () => string | null;
  readonly logger: Logger;
  readonly audit?: SessionAudit;
  /** Timers (tests pass fake ones); returns the function that cancels the timer. */
  readonly setTimer?: (run: () => void, ms: number) => () => void;
}

export type SessionListener = (state: SessionState) => void;

/** Central's challenge service for a session service. */
function citizenService(service: SessionService, kind: VolanteKind | null): CitizenService {
  return service === 'volante' ? `volante.${kind ?? 'individual'}` : 'recibos.pendientes';
}

/** What the session knows about the citizen and the service in progress: wiped at every exit. */
interface Flow {
  readonly service: SessionService;
  readonly kind: VolanteKind | null;
  challenge?: CentralChallenge;
  grant?: { readonly grantId: string; readonly validezMeses: number };
  preview?: VolantePreview;
}

const defaultTimer = (run: () => void, ms: number): (() => void) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export class CitizenSession {
  readonly #o: CitizenSessionOptions;
  readonly #logger: Logger;
  readonly #setTimer: (run: () => void, ms: number) => () => void;
  readonly #listeners = new Set<SessionListener>();
  #state: SessionState = { step: 'idle' };
  #flow: Flow | undefined;
  /** Set when identification begins: from then on, a card pulled ends the session. */
  #identifying = false;
  #generation = 0;
  #issuing: { readonly generation: number; readonly outcome: Promise<SessionState> } | undefined;
  #cancelGoodbye: (() => void) | undefined;

  constructor(options: CitizenSessionOptions) {
    this.#o = options;
    this.#logger = options.logger;
    this.#setTimer = options.setTimer ?? defaultTimer;
    options.identification.onChange((state) => this.#identificationChanged(state));
  }

  state(): SessionState {
    return this.#state;
  }

  onChange(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(language: LanguageCode): SessionState {
    if (this.#state.step !== 'idle') return this.#refuse('start');
    this.#audit('session.started', { language });
    return this.#set({ step: 'service', language });
  }

  setLanguage(language: LanguageCode): SessionState {
    if (this.#state.step === 'idle') return this.#refuse('setLanguage');
    return this.#set({ ...this.#state, language });
  }

  chooseService(service: SessionService): SessionState {
    const state = this.#state;
    if (state.step !== 'service') return this.#refuse('chooseService');
    this.#audit('session.service_chosen', { service });
    switch (service) {
      case 'recibo':
        return this.#set({ step: 'recibo', language: state.language });
      case 'volante':
        return this.#set({ step: 'volante_kind', language: state.language });
      case 'recibos_pendientes':
        return this.#beginIdentification(state.language, service, null);
    }
  }

  chooseVolanteKind(kind: VolanteKind): SessionState {
    const state = this.#state;
    if (state.step !== 'volante_kind') return this.#refuse('chooseVolanteKind');
    this.#audit('session.volante_kind_chosen', { kind });
    return this.#beginIdentification(state.language, 'volante', kind);
  }

  /** Issues and prints the previewed volante; a repeated call while it runs gets the same outcome. */
  confirmVolante(): Promise<SessionState> {
    if (this.#issuing !== undefined && this.#issuing.generation === this.#generation) {
      this.#logger.warn({ step: this.#state.step }, 'volante confirmed again while issuing: same issue');
      return this.#issuing.outcome;
    }
    const state = this.#state;
    const grant = this.#flow?.grant;
    if (state.step !== 'volante_preview' || grant === undefined || this.#flow?.kind == null) {
      return Promise.resolve(this.#refuse('confirmVolante'));
    }
    const issuing = {
      generation: this.#generation,
      outcome: this.#issue(state.language, this.#flow.kind, grant).finally(() => {
        if (this.#issuing === issuing) this.#issuing = undefined;
      }),
    };
    this.#issuing = issuing;
    return issuing.outcome;
  }

  back(): SessionState {
    const state = this.#state;
    switch (state.step) {
      case 'service':
        // The step before the service choice is the language.
        this.#wipe();
        this.#audit('session.ended', { reason: 'cancelled' });
        return this.#set({ step: 'idle' });
      case 'volante_kind':
      case 'identification':
      case 'volante_preview':
      case 'volante_done':
      case 'recibo':
      case 'pending_recibos':
      case 'failed':
        this.#wipe();
        return this.#set({ step: 'service', language: state.language });
      default:
        // `working`: central or the printer is busy for the citizen; `idle`, `goodbye`: nothing before.
        return this.#refuse('back');
    }
  }

  /** Goodbye (and take the card), then idle; a timeout goes straight to idle. */
  end(reason: SessionEndReason): SessionState {
    const state = this.#state;
    if (state.step === 'idle') return this.#refuse('end');
    if (state.step === 'goodbye') {
      // The goodbye screen tapped or timed out: nothing to wait for.
      this.#toIdle();
      return this.#state;
    }
    this.#wipe();
    this.#audit('session.ended', { reason });
    this.#logger.info({ reason, step: state.step }, 'session ended');
    if (reason === 'timeout') {
      this.#toIdle();
      return this.#state;
    }
    this.#set({ step: 'goodbye', language: state.language, takeCard: this.#o.cardPresent() });
    this.#cancelGoodbye = this.#setTimer(() => {
      this.#cancelGoodbye = undefined;
      if (this.#state.step === 'goodbye') this.#toIdle();
    }, this.#o.goodbyeMs);
    return this.#state;
  }

  /** Card events from the reader service (after the identification service has seen them). */
  cardChanged(card: CardPresence): void {
    const step = this.#state.step;
    if (card.present || !this.#identifying || step === 'idle' || step === 'goodbye') return;
    this.#logger.info({ step }, 'card pulled during the session');
    this.end('card_removed');
  }

  #beginIdentification(
    language: LanguageCode,
    service: SessionService,
    kind: VolanteKind | null,
  ): SessionState {
    // Issue 9 item 2: say so at once, before asking for the PIN.
    if (!this.#o.isCentralReachable()) return this.#fail(language, service, 'sin_conexion');
    if (service === 'volante' && !this.#o.printerUsable()) {
      return this.#fail(language, service, 'impresora_no_disponible');
    }
    this.#flow = { service, kind };
    this.#identifying = true;
    const generation = this.#generation;
    this.#o.identification.setChallengeSource(() => this.#challenge(generation));
    this.#set({ step: 'identification', language, service, kind });
    this.#o.identification.prepare();
    return this.#state;
  }

  /** Asked by the identification when the PIN is submitted, so the challenge is fresh (TTL 120 s). */
  async #challenge(generation: number): Promise<Uint8Array> {
    const flow = this.#flow;
    const state = this.#state;
    if (generation !== this.#generation || flow === undefined || state.step !== 'identification') {
      throw new CitizenAccessError('citizen_access.refused', 'error_interno', 'no session service');
    }
    try {
      const challenge = await this.#o.citizenAccess.challenge(citizenService(flow.service, flow.kind));
      if (generation !== this.#generation) throw new Error('session ended while asking for a challenge');
      flow.challenge = challenge;
      return challenge.challenge;
    } catch (error) {
      if (generation === this.#generation) this.#centralFailed(state.language, flow.service, error);
      throw error;
    }
  }

  #identificationChanged(identification: IdentificationState): void {
    const state = this.#state;
    if (state.step !== 'identification') return;
    const result = identification.state;
    if (result === 'pin_wrong' || result === 'pin_blocked' || result === 'card_error') {
      this.#audit('session.identification', {
        result,
        reason: identification.state === 'card_error' ? identification.reason : null,
      });
    }
    if (result === 'identified') void this.#consult(state.language);
  }

  /** Identified against central's challenge: central answers the preview or the pending recibos. */
  async #consult(language: LanguageCode): Promise<void> {
    const flow = this.#flow;
    const credential = this.#o.identification.credential();
    const challenge = flow?.challenge;
    if (flow === undefined) return;
    if (
      challenge === undefined ||
      credential === undefined ||
      !sameBytes(credential.challenge, challenge.challenge)
    ) {
      this.#logger.error("identified without a signature over central's challenge");
      this.#audit('session.identification', { result: 'sin_firma', reason: null });
      this.#fail(language, flow.service, 'error_interno');
      return;
    }
    this.#audit('session.identification', { result: 'identified', reason: null });
    const proof = {
      challengeId: challenge.challengeId,
      certificateDer: credential.certificateDer,
      signature: credential.signature,
    };
    // Spent: central takes a challenge once, and the session no longer needs it.
    flow.challenge = undefined;
    this.#o.identification.setChallengeSource(undefined);
    const generation = this.#generation;
    this.#set({ step: 'working', language, service: flow.service, what: 'consulting' });
    try {
      if (flow.service === 'volante') {
        const answer = await this.#o.citizenAccess.previewVolante(proof, flow.kind ?? 'individual');
        if (generation !== this.#generation) return;
        const preview = previewView(answer);
        if (preview === undefined) {
          this.#logger.error(
            { personas: answer.preview.personas.length },
            'volante preview breaks the contract',
          );
          this.#fail(this.#language(), flow.service, 'error_interno');
          return;
        }
        flow.grant = { grantId: answer.grantId, validezMeses: answer.preview.validezMeses };
        flow.preview = preview;
        this.#set({ step: 'volante_preview', language: this.#language(), preview });
      } else {
        const central = await this.#o.citizenAccess.pendingRecibos(proof);
        if (generation !== this.#generation) return;
        const list = pendingRecibosList(central, this.#o.checkRecibo);
        this.#logger.info(
          {
            listed: central.length,
            shown: list.recibos.length,
            leftOff: list.leftOff,
            refused: list.refused,
          },
          'pending recibos listed',
        );
        this.#audit('recibos.pending_listed', { count: list.recibos.length });
        this.#set({ step: 'pending_recibos', language: this.#language(), recibos: list.recibos });
      }
    } catch (error) {
      if (generation === this.#generation) this.#centralFailed(this.#language(), flow.service, error);
    }
  }

  async #issue(
    language: LanguageCode,
    kind: VolanteKind,
    grant: NonNullable<Flow['grant']>,
  ): Promise<SessionState> {
    const generation = this.#generation;
    this.#set({ step: 'working', language, service: 'volante', what: 'issuing' });
    let issued: IssueAnswer;
    try {
      issued = await this.#o.citizenAccess.issueVolante(grant.grantId);
    } catch (error) {
      if (generation === this.#generation) this.#centralFailed(this.#language(), 'volante', error);
      return this.#state;
    }
    // The CSV and the kind name a document, not a person: they may be logged and audited.
    this.#logger.info({ csv: issued.csv, kind: issued.kind }, 'volante issued');
    this.#audit('volante.issued', { csv: issued.csv, kind: issued.kind });
    if (generation !== this.#generation) {
      this.#logger.warn({ csv: issued.csv }, 'volante issued after the session ended: not printed');
      this.#audit('volante.printed', { csv: issued.csv, printed: false });
      return this.#state;
    }
    if (this.#flow !== undefined) {
      this.#flow.grant = undefined;
      this.#flow.preview = undefined;
    }
    this.#set({ step: 'working', language: this.#language(), service: 'volante', what: 'printing' });
    let printed: boolean;
    try {
      printed = await this.#o.printVolante(issued, grant.validezMeses);
    } catch (error) {
      this.#logger.error({ csv: issued.csv, error: codeOf(error) }, 'volante print failed');
      printed = false;
    }
    this.#logger.info({ csv: issued.csv, printed }, printed ? 'volante printed' : 'volante not printed');
    this.#audit('volante.printed', { csv: issued.csv, printed });
    if (generation !== this.#generation) return this.#state;
    return this.#set({
      step: 'volante_done',
      language: this.#language(),
      kind,
      csv: issued.csv,
      verificationUrl: issued.verificationUrl,
      validUntil: localIsoDate(issued.validUntil, this.#o.timeZone),
      printed,
    });
  }

  #centralFailed(language: LanguageCode, service: SessionService, error: unknown): void {
    const reason = error instanceof CitizenAccessError ? error.reason : 'error_interno';
    this.#logger.warn(
      {
        reason,
        errorCode: codeOf(error),
        ...(error instanceof CitizenAccessError ? { detail: error.detail } : {}),
      },
      'central did not serve the citizen',
    );
    this.#fail(language, service, reason);
  }

  /** A service cannot go on: the reason on screen; what the session knew of the citizen is wiped. */
  #fail(language: LanguageCode, service: SessionService, reason: SessionFailureReason): SessionState {
    // Still watching the card: pulling it out after a failure ends the session like anywhere else.
    const identifying = this.#identifying;
    this.#wipe();
    this.#identifying = identifying;
    this.#logger.info({ service, reason }, 'session service failed');
    this.#audit('session.failed', { service, reason });
    const oficina = this.#o.oficinaAtencion?.()?.trim();
    return this.#set({
      step: 'failed',
      language,
      service,
      reason,
      ...(oficina ? { oficinaAtencion: oficina.slice(0, 200) } : {}),
    });
  }

  #toIdle(): void {
    this.#cancelGoodbye?.();
    this.#cancelGoodbye = undefined;
    this.#wipe();
    this.#set({ step: 'idle' });
  }

  /** Forgets everything of the citizen's: identity, certificate, signature, grant, preview, recibos. */
  #wipe(): void {
    this.#generation += 1;
    this.#flow = undefined;
    this.#identifying = false;
    const identification = this.#o.identification;
    identification.setChallengeSource(undefined);
    if (identification.state().state !== 'idle') identification.cancel();
  }

  #language(): LanguageCode {
    return this.#state.step === 'idle' ? 'es' : this.#state.language;
  }

  #refuse(call: string): SessionState {
    this.#logger.warn({ call, step: this.#state.step }, 'session call out of order: ignored');
    return this.#state;
  }

  #audit(kind: string, data: SessionAuditData): void {
    try {
      this.#o.audit?.(kind, data);
    } catch (error) {
      // The audit chain's failure must not stop the citizen's service; its owner logs it.
      this.#logger.error({ kind, error: codeOf(error) }, 'audit entry failed');
    }
  }

  #set(next: SessionState): SessionState {
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
    return next;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
