/**
 * The citizen's DNIe identification as one session driven by card events (issue 4 part 6): a DNIe goes
 * in → `pin_required`; the screen sends the PIN once → the card runs the whole identification → a
 * result the screen can show. Taking the card out at any point wipes the session: state `idle`, the
 * identity forgotten, any result still on its way discarded. The identity lives in memory only.
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

export type IdentifyOutcome =
  | { readonly status: 'identified'; readonly identity: SessionIdentity }
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

/** Bytes of the challenge the card signs (the SHA-256 DigestInfo is built over them, dnie.md §6). */
export const CHALLENGE_LENGTH = 32;

export class IdentificationService {
  readonly #identify: IdentifyCard;
  readonly #random: (length: number) => Uint8Array;
  readonly #logger: Logger;
  readonly #listeners = new Set<IdentificationListener>();
  #state: IdentificationState = { state: 'idle' };
  #identity: SessionIdentity | undefined;
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

  onChange(listener: IdentificationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Card events from the reader service. */
  cardChanged(card: CardPresence): void {
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
    const challenge = this.#random(CHALLENGE_LENGTH);
    this.#set({ state: 'verifying' });
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
    this.#apply(outcome);
    return this.#state;
  }

  /** The citizen gives up: identity forgotten; the card stays in until taken out. */
  cancel(): IdentificationState {
    if (this.#state.state === 'idle') return this.#state;
    this.#restart({ state: 'cancelled' }, 'identification cancelled by the citizen');
    return this.#state;
  }

  #apply(outcome: IdentifyOutcome): void {
    switch (outcome.status) {
      case 'identified':
        this.#identity = outcome.identity;
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
