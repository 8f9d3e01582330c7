/**
 * The citizen's DNIe identification as one session driven by card events (issue 4 part 6): a DNIe goes
 * in → `pin_required`; the screen sends the PIN once → the card runs the whole identification → a
 * result the screen can show. Taking the card out at any point wipes the session: state `idle`, the
 * identity forgotten, any result still on its way discarded. The identity lives in memory only.
 *
 * For a service that needs central (core/session), the card signs central's challenge: the session sets
 * a challenge source, asked when the PIN is submitted (so the challenge is fresh), and the identified
 * outcome keeps the certificate and the signature for central, in memory, until the session wipes them.
 *
 * The PIN arrives as a string (it crossed the KioskApi as JSON), becomes bytes at once and those bytes
 * are zeroed when the card call returns; it is never logged and never put in a state or an error.
 */
import type { CardPresence, IdentificationReason, IdentificationState } from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';

/** Who the card says the citizen is: kept for this session only, for the services that need it. */
export interface SessionIdentity {
  readonly givenName: string | undefined;
  readonly surnames: string | undefined;
  readonly dniNumber: string | undefined;
}

/** What the card returned for central to check: its authentication certificate and its signature. */
export interface CardSignature {
  /** The DNIe authentication certificate, DER. */
  readonly certificateDer: Uint8Array;
  /** RSASSA-PKCS1-v1_5 over SHA-256 of the challenge (drivers/dnie `identify`). */
  readonly signature: Uint8Array;
}

/** The card's signature with the challenge it signed: what a session sends to central, session only. */
export interface CitizenCredential extends CardSignature {
  readonly challenge: Uint8Array;
}

export type IdentifyOutcome =
  | {
      readonly status: 'identified';
      readonly identity: SessionIdentity;
      /** Absent from identifiers that cannot show it (fakes of the screen tests): central then refuses. */
      readonly credential?: CardSignature;
    }
  | { readonly status: 'pin_wrong'; readonly triesLeft: number }
  | { readonly status: 'pin_blocked' }
  /** `detail` is for the technician's log: codes and status words, never personal data. */
  | { readonly status: 'card_error'; readonly reason: IdentificationReason; readonly detail?: string };

/**
 * Runs one identification against the card in the reader. `pin` is the caller's buffer and may be zeroed
 * by the callee; the service zeroes it again afterwards in any case.
 */
export type IdentifyCard = (pin: Uint8Array, challenge: Uint8Array) => Promise<IdentifyOutcome>;

export interface IdentificationServiceOptions {
  readonly identify: IdentifyCard;
  /** Randomness for the challenge the card signs (crypto.randomBytes in production). */
  readonly random: (length: number) => Uint8Array;
  readonly logger: Logger;
}

export type IdentificationListener = (state: IdentificationState) => void;

/**
 * Where the challenge comes from while a session service waits for the DNIe (central's challenge).
 * Throwing means none could be had: the card is not touched, the PIN is dropped and the state goes back
 * to asking for it; the source's owner tells the citizen why.
 */
export type ChallengeSource = () => Promise<Uint8Array>;

/** Bytes of the challenge the card signs (the SHA-256 DigestInfo is built over them, dnie.md §6). */
export const CHALLENGE_LENGTH = 32;

export class IdentificationService {
  readonly #identify: IdentifyCard;
  readonly #random: (length: number) => Uint8Array;
  readonly #logger: Logger;
  readonly #listeners = new Set<IdentificationListener>();
  #state: IdentificationState = { state: 'idle' };
  #identity: SessionIdentity | undefined;
  #credential: CitizenCredential | undefined;
  #challengeSource: ChallengeSource | undefined;
  /** Whether a usable DNIe is in the reader, so a session service can ask for its PIN again. */
  #dnieIn = false;
  /** Bumped whenever the session ends or restarts, so a late answer from the card is dropped. */
  #generation = 0;

  constructor(options: IdentificationServiceOptions) {
    this.#identify = options.identify;
    this.#random = options.random;
    this.#logger = options.logger;
  }

  state(): IdentificationState {
    return this.#state;
  }

  /** The identified citizen of the current session, or undefined. */
  identity(): SessionIdentity | undefined {
    return this.#identity;
  }

  /** The certificate and signature of the current identification (session service only), or undefined. */
  credential(): CitizenCredential | undefined {
    return this.#credential;
  }

  /** Sets (or, with undefined, removes) the source of the challenge for the next PIN submissions. */
  setChallengeSource(source: ChallengeSource | undefined): void {
    this.#challengeSource = source;
  }

  /**
   * A session service starts identifying: whatever came before (a greeting with a local challenge, a
   * cancelled attempt) is forgotten and, with a DNIe already in, its PIN is asked for again, because
   * central's challenge must be signed on a channel opened after a new VERIFY.
   */
  prepare(): IdentificationState {
    this.#restart(
      this.#dnieIn ? { state: 'pin_required' } : { state: 'idle' },
      'identification prepared for a session service',
    );
    return this.#state;
  }

  onChange(listener: IdentificationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Card events from the reader service. */
  cardChanged(card: CardPresence): void {
    this.#dnieIn = card.present && card.cardType === 'dnie';
    if (card.present && card.cardType === 'dnie') {
      this.#restart({ state: 'pin_required' }, 'dnie inserted: pin required');
    } else if (!card.present) {
      this.#restart({ state: 'idle' }, 'card removed: identification session wiped');
    } else {
      // Not a usable DNIe: nothing to identify with; the screen explains it from card.changed.
      this.#restart({ state: 'idle' }, 'card is not a usable dnie');
    }
  }

  /** Runs the identification with `pin`; answers with the state it led to. */
  async submitPin(pin: string): Promise<IdentificationState> {
    const current = this.#state.state;
    if (current !== 'pin_required' && current !== 'pin_wrong') {
      this.#logger.warn({ state: current }, 'pin submitted when none is expected: ignored');
      return this.#state;
    }
    const generation = this.#generation;
    const bytes = new TextEncoder().encode(pin);
    const source = this.#challengeSource;
    this.#set({ state: 'verifying' });
    let challenge: Uint8Array;
    try {
      challenge = source === undefined ? this.#random(CHALLENGE_LENGTH) : await source();
    } catch (error) {
      bytes.fill(0);
      const code = (error as { code?: unknown } | null)?.code;
      this.#logger.warn(
        { errorCode: typeof code === 'string' ? code : 'unknown' },
        'no challenge to sign: card not touched',
      );
      if (generation === this.#generation) this.#set({ state: 'pin_required' });
      return this.#state;
    }
    if (generation !== this.#generation) {
      bytes.fill(0);
      this.#logger.info('challenge arrived after the session ended: card not touched');
      return this.#state;
    }
    let outcome: IdentifyOutcome;
    try {
      outcome = await this.#identify(bytes, challenge);
    } catch (error) {
      // Only the error's code: its text is someone else's and is not trusted to be free of data.
      const code = (error as { code?: unknown } | null)?.code;
      this.#logger.error({ errorCode: typeof code === 'string' ? code : 'unknown' }, 'identification failed');
      outcome = { status: 'card_error', reason: 'error_interno' };
    } finally {
      bytes.fill(0);
    }
    if (generation !== this.#generation) {
      this.#logger.info('identification answer dropped: the session ended meanwhile');
      return this.#state;
    }
    // Only a session service's identification keeps the signature: a greeting has no use for it.
    this.#apply(outcome, source === undefined ? undefined : challenge);
    return this.#state;
  }

  /** The citizen gives up: identity forgotten; the card stays in until taken out. */
  cancel(): IdentificationState {
    if (this.#state.state === 'idle') return this.#state;
    this.#restart({ state: 'cancelled' }, 'identification cancelled by the citizen');
    return this.#state;
  }

  #apply(outcome: IdentifyOutcome, challenge: Uint8Array | undefined): void {
    switch (outcome.status) {
      case 'identified':
        this.#identity = outcome.identity;
        this.#credential =
          outcome.credential === undefined || challenge === undefined
            ? undefined
            : {
                certificateDer: outcome.credential.certificateDer,
                signature: outcome.credential.signature,
                challenge: Uint8Array.from(challenge),
              };
        this.#logger.info('citizen identified');
        this.#set({ state: 'identified', givenName: greetingName(outcome.identity.givenName) });
        return;
      case 'pin_wrong':
        this.#logger.info({ triesLeft: outcome.triesLeft }, 'wrong pin');
        this.#set({ state: 'pin_wrong', triesLeft: outcome.triesLeft });
        return;
      case 'pin_blocked':
        this.#logger.info('pin blocked');
        this.#set({ state: 'pin_blocked' });
        return;
      case 'card_error':
        this.#logger.warn({ reason: outcome.reason, detail: outcome.detail }, 'identification card error');
        this.#set({ state: 'card_error', reason: outcome.reason });
        return;
    }
  }

  #restart(next: IdentificationState, message: string): void {
    this.#generation += 1;
    this.#identity = undefined;
    this.#credential = undefined;
    this.#logger.info({ state: next.state }, message);
    this.#set(next);
  }

  #set(next: IdentificationState): void {
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }
}

/**
 * The given name as a greeting shows it: DNIe certificates hold it in capitals ("MARÍA JOSÉ"); the
 * screen says "María José". At most 200 characters (the contract's limit).
 */
export function greetingName(givenName: string | undefined): string {
  if (givenName === undefined) return '';
  return givenName
    .trim()
    .toLocaleLowerCase('es')
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase('es'))
    .slice(0, 200);
}
