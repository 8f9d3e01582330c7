/**
 * What the simulated terminal does with the next transaction. Chosen, in this order:
 *   1. the queue of "next transaction" scenarios (each consumed by one 06 01 / 06 31 / 06 30 / 06 50);
 *   2. a rule for the exact amount of a 06 01 / 06 31 (e.g. 13,13 € always declines);
 *   3. the default scenario (approved unless changed).
 * Pure data and selection; the terminal (terminal.ts) acts them out.
 */

/** The card the simulated customer presents. `pan` is already masked (`*` = hidden digit). */
export interface SimCard {
  readonly type: number;
  readonly name: string;
  readonly pan: string;
  /** YYMM */
  readonly expiry: string;
}

/** ZVT card types (BMP 8A, zvt.md §4) with plausible masked test PANs. */
export const CARDS = {
  visa: { type: 10, name: 'VISA', pan: '476173******0010', expiry: '2912' },
  mastercard: { type: 6, name: 'MASTERCARD', pan: '545454******5454', expiry: '2912' },
  maestro: { type: 46, name: 'MAESTRO', pan: '670367******0019', expiry: '2912' },
  girocard: { type: 5, name: 'GIROCARD', pan: '672559******1234', expiry: '2912' },
  amex: { type: 8, name: 'AMEX', pan: '374245*****1001', expiry: '2912' },
} as const satisfies Record<string, SimCard>;

interface Common {
  /** Card used; defaults to the simulator's default card (Visa). */
  readonly card?: SimCard | undefined;
  /** Delay before each intermediate status 04 FF (slow terminal), in ms. Default 0. */
  readonly statusDelayMs?: number | undefined;
}

export type Scenario =
  | ({ readonly kind: 'approved'; readonly authCode?: string | undefined } & Common)
  | ({
      readonly kind: 'declined';
      /** Result code of 04 0F / 06 1E; default 05 (host: do not honour). */
      readonly resultCode?: number | undefined;
      /** Send a 04 0F with the result code before 06 1E (default true). */
      readonly withStatusInformation?: boolean | undefined;
    } & Common)
  | ({ readonly kind: 'card-removed'; readonly resultCode?: number | undefined } & Common)
  | ({
      readonly kind: 'pin-wrong';
      /** Wrong PIN entries before the terminal gives up (default 3). */
      readonly attempts?: number | undefined;
      readonly resultCode?: number | undefined;
    } & Common)
  | ({ readonly kind: 'customer-abort' } & Common)
  | ({
      readonly kind: 'timeout';
      /** Acknowledge the command (80 00) before going silent (default true). */
      readonly ackFirst?: boolean | undefined;
      /** How long the terminal stays silent (default 60 s; `wake()` ends it early). */
      readonly silenceMs?: number | undefined;
    } & Common)
  | ({
      readonly kind: 'reboot';
      /** The terminal booked the payment before it went down (true) or not (false). */
      readonly recorded: boolean;
      /** How long the terminal is down (default 3 s; `wake()` ends it early). */
      readonly downMs?: number | undefined;
    } & Common);

export type ScenarioKind = Scenario['kind'];

export const RESULT = {
  success: 0x00,
  hostDeclined: 0x05,
  /** ISO 8583 "55 incorrect PIN" passed through as a host code (assumption, zvt.md §5 "01–63 from host"). */
  hostWrongPin: 0x37,
  cardNotReadable: 0x64,
  abortViaTimeoutOrKey: 0x6c,
  endOfDayNotPossible: 0x77,
  functionNotPossible: 0x83,
  protocolError: 0x9a,
  alreadyReversed: 0xb4,
  reversalNotPossible: 0xb5,
} as const;

/** Serial link faults, counted down frame by frame. */
export interface SerialFaults {
  /** NAK this many of the next well-formed frames from the ECR (a NAK storm). */
  readonly nakIncoming?: number | undefined;
  /** Send this many of the next frames to the ECR with a corrupted CRC. */
  readonly corruptOutgoing?: number | undefined;
}

export class ScenarioBook {
  #default: Scenario = { kind: 'approved' };
  #queue: Scenario[] = [];
  readonly #byAmount = new Map<number, Scenario>();

  setDefault(scenario: Scenario): void {
    this.#default = scenario;
  }

  get default(): Scenario {
    return this.#default;
  }

  /** Queues scenarios for the next transactions, in order. */
  queueNext(...scenarios: Scenario[]): void {
    this.#queue.push(...scenarios);
  }

  /** Every transaction of exactly this amount (minor units) gets this scenario; `undefined` removes the rule. */
  setForAmount(amountCents: number, scenario: Scenario | undefined): void {
    if (scenario === undefined) this.#byAmount.delete(amountCents);
    else this.#byAmount.set(amountCents, scenario);
  }

  get queued(): readonly Scenario[] {
    return this.#queue;
  }

  /** Picks (and consumes, if queued) the scenario of the transaction starting now. */
  take(amountCents: number | undefined): Scenario {
    const next = this.#queue.shift();
    if (next) return next;
    const byAmount = amountCents === undefined ? undefined : this.#byAmount.get(amountCents);
    return byAmount ?? this.#default;
  }

  reset(): void {
    this.#default = { kind: 'approved' };
    this.#queue = [];
    this.#byAmount.clear();
  }
}

/**
 * Parses the CLI's short scenario notation: `approved`, `declined`, `declined:51` (hex result code),
 * `card-removed`, `pin-wrong`, `customer-abort`, `timeout`, `timeout:5000` (silence ms),
 * `reboot-recorded`, `reboot-lost`, optional `@<ms>` suffix for slow intermediate statuses.
 * Returns undefined for anything else.
 */
export function parseScenario(text: string): Scenario | undefined {
  const [body = '', delay] = text.split('@');
  const statusDelayMs = delay === undefined ? undefined : Number(delay);
  if (statusDelayMs !== undefined && !(Number.isInteger(statusDelayMs) && statusDelayMs >= 0))
    return undefined;
  const [name, arg] = body.split(':');
  const hexArg = arg === undefined ? undefined : Number.parseInt(arg, 16);
  const decArg = arg === undefined ? undefined : Number(arg);
  if (arg !== undefined && (Number.isNaN(hexArg) || Number.isNaN(decArg))) return undefined;
  switch (name) {
    case 'approved':
      return { kind: 'approved', statusDelayMs };
    case 'declined':
      return { kind: 'declined', resultCode: hexArg, statusDelayMs };
    case 'card-removed':
      return { kind: 'card-removed', resultCode: hexArg, statusDelayMs };
    case 'pin-wrong':
      return { kind: 'pin-wrong', resultCode: hexArg, statusDelayMs };
    case 'customer-abort':
      return { kind: 'customer-abort', statusDelayMs };
    case 'timeout':
      return { kind: 'timeout', silenceMs: decArg, statusDelayMs };
    case 'reboot-recorded':
      return { kind: 'reboot', recorded: true, downMs: decArg, statusDelayMs };
    case 'reboot-lost':
      return { kind: 'reboot', recorded: false, downMs: decArg, statusDelayMs };
    default:
      return undefined;
  }
}
