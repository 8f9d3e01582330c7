/**
 * From a connection description (the shape of kiosk-config's `devices.paymentTerminal.connection`,
 * defined here because drivers do not import kiosk-config) to a {@link PaymentTerminal} speaking ZVT over
 * that transport. The channel opens lazily before each command: a terminal that cannot be reached makes
 * the command `not_started` (nothing was sent, so no money moved), never `unknown`.
 */
import type {
  DiagnosisOutcome,
  EndOfDayOutcome,
  LastTransactionOutcome,
  NotStarted,
  PaymentOutcome,
  PaymentTerminal,
  RefundOutcome,
  ReversalOutcome,
  TerminalStatus,
} from './payment-terminal.ts';
import type { HidFramingOptions } from './zvt/hid-framing.ts';
import type { ZvtApdu } from './zvt/apdu.ts';
import type { ExchangeResult, LinkReceive, ZvtLink } from './zvt/session.ts';
import { ZvtTransportError } from './zvt/transports/errors.ts';
import { type HidDevice, HidZvtLink, openNodeHidDevice } from './zvt/transports/hid-link.ts';
import type { ManagedZvtLink } from './zvt/transports/managed-link.ts';
import type { SerialLinkPolicy } from './zvt/transports/serial-link-machine.ts';
import {
  type SerialLineSettings,
  SerialZvtLink,
  openSerialPortChannel,
} from './zvt/transports/serial-link.ts';
import { TcpZvtLink } from './zvt/transports/tcp-link.ts';
import { ZvtPaymentTerminal, type ZvtPaymentTerminalOptions } from './zvt/zvt-payment-terminal.ts';

export type PaymentTerminalConnection =
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number }
  | { readonly transport: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly transport: 'hid'; readonly vendorId: number; readonly productId: number };

export interface CreatePaymentTerminalOptions
  extends Partial<Omit<ZvtPaymentTerminalOptions, 'link' | 'now' | 'password'>> {
  readonly now?: () => number;
  /** PT password, 6 digits; default `000000`. */
  readonly password?: string;
  /** TCP handshake limit; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Serial: T1/T3/retries (default SERIAL_LINK_POLICY) and line settings other than the baud rate. */
  readonly serialPolicy?: Partial<SerialLinkPolicy>;
  readonly serialLine?: Omit<SerialLineSettings, 'path' | 'baudRate'>;
  readonly hidFraming?: HidFramingOptions;
  /** Opens the HID device; default node-hid (tests pass an in-memory device). */
  readonly openHidDevice?: (vendorId: number, productId: number) => Promise<HidDevice>;
  /** Transport notes for the technician's log (retries, line noise). */
  readonly log?: (line: string) => void;
}

/** A {@link PaymentTerminal} that owns its channel. */
export interface ManagedPaymentTerminal extends PaymentTerminal {
  /** Opens the channel now (health check at start-up); rejects with a {@link ZvtTransportError}. */
  connect(): Promise<void>;
  /** ZVT `06 00` Registration (once after the terminal starts); rejects if the channel cannot open. */
  register(): Promise<ExchangeResult | 'busy'>;
  /** Releases the port/socket/device. */
  close(): Promise<void>;
}

export function createZvtLink(
  connection: PaymentTerminalConnection,
  options: CreatePaymentTerminalOptions = {},
): ManagedZvtLink {
  switch (connection.transport) {
    case 'tcp':
      return new TcpZvtLink({
        host: connection.host,
        port: connection.port,
        ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      });
    case 'serial':
      return new SerialZvtLink({
        open: () =>
          openSerialPortChannel({
            ...options.serialLine,
            path: connection.path,
            baudRate: connection.baudRate,
          }),
        ...(options.serialPolicy === undefined ? {} : { policy: options.serialPolicy }),
        ...(options.log === undefined ? {} : { log: options.log }),
      });
    case 'hid': {
      const open = options.openHidDevice ?? openNodeHidDevice;
      return new HidZvtLink({
        open: () => open(connection.vendorId, connection.productId),
        ...(options.hidFraming === undefined ? {} : { framing: options.hidFraming }),
      });
    }
  }
}

export function createPaymentTerminal(
  connection: PaymentTerminalConnection,
  options: CreatePaymentTerminalOptions = {},
): ManagedPaymentTerminal {
  return new LinkedZvtTerminal(createZvtLink(connection, options), options);
}

/** {@link ZvtPaymentTerminal} plus opening, recovering and closing the link around each command. */
class LinkedZvtTerminal extends ZvtPaymentTerminal implements ManagedPaymentTerminal {
  readonly #link: ManagedZvtLink;
  readonly #sends: SendRecorder;
  /** A command of ours is between #before and #after. */
  #active = false;

  constructor(link: ManagedZvtLink, options: CreatePaymentTerminalOptions) {
    const sends = new SendRecorder(link);
    super({
      link: sends,
      now: options.now ?? Date.now,
      password: options.password ?? '000000',
      ...pick(options, [
        'currency',
        'registrationConfig',
        'ackTimeoutMs',
        'completionTimeoutMs',
        'sendReference',
        'journalStatusInformation',
      ]),
    });
    this.#link = link;
    this.#sends = sends;
  }

  connect(): Promise<void> {
    return this.#link.connect();
  }

  async close(): Promise<void> {
    await this.#link.close();
  }

  override async register(): Promise<ExchangeResult | 'busy'> {
    if (this.#active) return super.register();
    this.#active = true;
    try {
      await this.#link.connect();
      await this.#prepare();
      const result = await super.register();
      if (result !== 'busy' && result.kind === 'timeout')
        await this.#link.discardStale({ dropConnection: true });
      return result;
    } finally {
      this.#active = false;
    }
  }

  override pay(amountCents: number, reference: string): Promise<PaymentOutcome> {
    return this.#command(() => super.pay(amountCents, reference));
  }

  override reverse(receiptNumber: number): Promise<ReversalOutcome> {
    return this.#command(() => super.reverse(receiptNumber));
  }

  override lastTransaction(): Promise<LastTransactionOutcome> {
    return this.#command(() => super.lastTransaction());
  }

  override endOfDay(): Promise<EndOfDayOutcome> {
    return this.#command(() => super.endOfDay());
  }

  override refund(amountCents: number): Promise<RefundOutcome> {
    return this.#command(() => super.refund(amountCents));
  }

  override diagnose(): Promise<DiagnosisOutcome> {
    return this.#command(() => super.diagnose());
  }

  override async status(): Promise<TerminalStatus> {
    if (this.#active) return super.status();
    this.#active = true;
    try {
      const down = await this.#before();
      if (down !== undefined) return { kind: 'unreachable', detail: down.refusal.providerCode };
      const status = await super.status();
      if (status.kind === 'unreachable') await this.#link.discardStale({ dropConnection: true });
      return status;
    } finally {
      this.#active = false;
    }
  }

  /**
   * One command with the link prepared before and checked after. While a command runs, another goes
   * straight to the base class, which answers "busy" without touching the link (preparing it would
   * throw away the running command's messages).
   */
  async #command<T extends { readonly kind: string }>(run: () => Promise<T>): Promise<T | NotStarted> {
    if (this.#active) return run();
    this.#active = true;
    try {
      return (await this.#before()) ?? (await this.#after(await run()));
    } finally {
      this.#active = false;
    }
  }

  async #prepare(): Promise<void> {
    await this.#link.discardStale();
    this.#sends.startCommand();
  }

  /** Opens the channel and drops late messages of earlier commands; `NotStarted` if it cannot open. */
  async #before(): Promise<NotStarted | undefined> {
    try {
      await this.#link.connect();
    } catch (e) {
      if (!(e instanceof ZvtTransportError)) throw e;
      return { kind: 'not_started', refusal: { providerCode: `zvt:${e.code.slice(4)}`, message: e.message } };
    }
    await this.#prepare();
    return undefined;
  }

  /**
   * Two corrections to an `unknown` outcome, both from facts the session cannot see:
   * - the terminal NAKed every send of the command frame itself: a PT acts only on frames it ACKs
   *   (docs/zvt.md §2.1), so the command never started;
   * - after a timeout the terminal may still answer later; on TCP we drop the stream so the next command
   *   starts clean (docs/zvt.md §2.2).
   */
  async #after<T extends { readonly kind: string }>(result: T): Promise<T | NotStarted> {
    if (result.kind !== 'unknown') return result;
    const refused = this.#sends.commandRefused;
    if (refused !== undefined) {
      return { kind: 'not_started', refusal: { providerCode: 'zvt:nak_limit', message: refused.message } };
    }
    if ((result as { reason?: string }).reason === 'timeout') {
      await this.#link.discardStale({ dropConnection: true });
    }
    return result;
  }
}

/** Passes everything through and remembers whether the first send of the command was refused. */
class SendRecorder implements ZvtLink {
  readonly #link: ZvtLink;
  #sends = 0;
  #commandRefused: ZvtTransportError | undefined;

  constructor(link: ZvtLink) {
    this.#link = link;
  }

  get commandRefused(): ZvtTransportError | undefined {
    return this.#commandRefused;
  }

  startCommand(): void {
    this.#sends = 0;
    this.#commandRefused = undefined;
  }

  async send(apdu: ZvtApdu): Promise<void> {
    const first = this.#sends++ === 0;
    try {
      await this.#link.send(apdu);
    } catch (e) {
      if (first && e instanceof ZvtTransportError && e.code === 'zvt.nak_limit') this.#commandRefused = e;
      throw e;
    }
  }

  receive(timeoutMs: number): Promise<LinkReceive> {
    return this.#link.receive(timeoutMs);
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
