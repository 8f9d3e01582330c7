/**
 * Watches pcscd: readers added and removed, cards inserted and removed, pcscd going away and coming back.
 * When pcscd is not running (the binding throws "Service not available") or stops (the context reports
 * an error), the monitor says `service-lost`, drops every reader and connection with a typed error, and
 * tries again every `retryMs` until it can open a context (`service-restored`).
 */
import { EventEmitter } from 'node:events';
import { hex } from './apdu.ts';
import {
  type BindingContext,
  type BindingFactory,
  type BindingReader,
  type BindingReaderStatus,
  loadPcscBinding,
  SCARD_PROTOCOL,
  SCARD_SHARE,
} from './binding.ts';
import { CardConnection, type Protocol } from './connection.ts';
import { PcscError } from './errors.ts';
import { cardChange, type ReaderSnapshot, snapshotOf } from './reader-state.ts';
import { toPcscError } from './scard-errors.ts';

export interface CardEvent {
  readonly reader: string;
  readonly atr: Uint8Array;
}

export interface MonitorEvents {
  'reader-added': [reader: string];
  'reader-removed': [reader: string];
  'card-inserted': [event: CardEvent];
  'card-removed': [event: { reader: string }];
  'service-lost': [error: PcscError];
  'service-restored': [];
}

export interface ReaderMonitorOptions {
  /** Only readers whose name matches are reported and usable. Default: every reader. */
  readonly readerPattern?: RegExp;
  /** Pause between attempts to reach pcscd. */
  readonly retryMs?: number;
  readonly transmitTimeoutMs?: number;
  readonly binding?: BindingFactory;
}

export interface ConnectOptions {
  /** Default exclusive: the DNIe has one SM context that another process would destroy (dnie.md §2). */
  readonly share?: 'exclusive' | 'shared';
  readonly protocol?: Protocol | 'any';
  readonly transmitTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** See CardConnectionOptions.removalGraceMs. */
  readonly removalGraceMs?: number;
}

interface TrackedReader {
  readonly reader: BindingReader;
  snapshot: ReaderSnapshot | undefined;
  atr: Uint8Array;
  connection: CardConnection | undefined;
}

export class ReaderMonitor extends EventEmitter<MonitorEvents> {
  readonly #pattern: RegExp | undefined;
  readonly #retryMs: number;
  readonly #transmitTimeoutMs: number;
  readonly #binding: BindingFactory;
  #context: BindingContext | undefined;
  #readers = new Map<string, TrackedReader>();
  /** Every binding reader of the current context, matching or not: each holds a thread until closed. */
  #bindingReaders = new Set<BindingReader>();
  #retryTimer: NodeJS.Timeout | undefined;
  #running = false;
  #serviceUp: boolean | undefined;

  constructor(options: ReaderMonitorOptions = {}) {
    super();
    this.#pattern = options.readerPattern;
    this.#retryMs = options.retryMs ?? 500;
    this.#transmitTimeoutMs = options.transmitTimeoutMs ?? 5000;
    this.#binding = options.binding ?? loadPcscBinding();
  }

  get serviceUp(): boolean {
    return this.#serviceUp === true;
  }

  /** Names of the matching readers seen now. */
  readers(): string[] {
    return [...this.#readers.keys()];
  }

  /** Readers that hold a responsive card now, with its ATR. */
  cards(): CardEvent[] {
    return [...this.#readers.entries()]
      .filter(([, tracked]) => tracked.snapshot?.present === true && tracked.snapshot.mute === false)
      .map(([reader, tracked]) => ({ reader, atr: tracked.atr }));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#open();
  }

  /** Closes every connection, reader and the context. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    const closing = [...this.#readers.values()].map((tracked) => tracked.connection?.close('leave'));
    await Promise.all(closing);
    await this.#teardown();
  }

  /** Resolves with the first matching reader (already there or added later). */
  waitForReader(timeoutMs: number): Promise<string> {
    const existing = this.readers()[0];
    if (existing !== undefined) return Promise.resolve(existing);
    return this.#waitFor('reader-added', (reader) => reader, timeoutMs, 'no_reader');
  }

  /** Resolves with the first card present in a matching reader (already there or inserted later). */
  waitForCard(timeoutMs: number): Promise<CardEvent> {
    const existing = this.cards()[0];
    if (existing !== undefined) return Promise.resolve(existing);
    return this.#waitFor('card-inserted', (event) => event, timeoutMs, 'no_card');
  }

  /** Opens a connection to the card in `readerName` (closing an earlier one to it first). */
  async connect(readerName: string, options: ConnectOptions = {}): Promise<CardConnection> {
    const tracked = this.#readers.get(readerName);
    if (tracked === undefined) throw new PcscError('no_reader', `reader "${readerName}" not known`);
    await tracked.connection?.close('leave');
    if (tracked.reader.connected) {
      // A handle left from a card that was pulled: the binding would refuse to connect again.
      await new Promise<void>((resolve) => {
        try {
          tracked.reader.disconnect(0, () => resolve());
        } catch {
          resolve();
        }
      });
    }
    return this.#connect(readerName, tracked, options);
  }

  #connect(readerName: string, tracked: TrackedReader, options: ConnectOptions): Promise<CardConnection> {
    const protocolValue = SCARD_PROTOCOL[options.protocol ?? 'any'];
    const share = SCARD_SHARE[options.share ?? 'exclusive'];
    return new Promise<CardConnection>((resolve, reject) => {
      let settled = false;
      const connectTimeout = options.connectTimeoutMs ?? 5000;
      const timer = setTimeout(() => {
        settled = true;
        reject(new PcscError('timeout', `SCardConnect on "${readerName}" took over ${connectTimeout} ms`));
      }, connectTimeout);
      try {
        tracked.reader.connect({ share_mode: share, protocol: protocolValue }, (error, protocol) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (error) {
            reject(toPcscError(error, `SCardConnect "${readerName}"`));
            return;
          }
          if (protocol !== SCARD_PROTOCOL.T0 && protocol !== SCARD_PROTOCOL.T1) {
            reject(
              new PcscError('failure', `SCardConnect "${readerName}" gave protocol ${String(protocol)}`),
            );
            return;
          }
          const connection = new CardConnection({
            reader: tracked.reader,
            protocol: protocol === SCARD_PROTOCOL.T1 ? 'T1' : 'T0',
            protocolValue: protocol,
            atr: tracked.atr,
            transmitTimeoutMs: options.transmitTimeoutMs ?? this.#transmitTimeoutMs,
            ...(options.removalGraceMs === undefined ? {} : { removalGraceMs: options.removalGraceMs }),
            onClose: () => {
              if (tracked.connection === connection) tracked.connection = undefined;
            },
          });
          tracked.connection = connection;
          resolve(connection);
        });
      } catch (error) {
        settled = true;
        clearTimeout(timer);
        reject(toPcscError(error, `SCardConnect "${readerName}"`));
      }
    });
  }

  #waitFor<K extends 'reader-added' | 'card-inserted', T>(
    event: K,
    pick: (...args: MonitorEvents[K]) => T,
    timeoutMs: number,
    failure: 'no_reader' | 'no_card',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listener = (...args: MonitorEvents[K]): void => {
        clearTimeout(timer);
        resolve(pick(...args));
      };
      const timer = setTimeout(() => {
        this.off(event, listener as never);
        reject(new PcscError(failure, `nothing on "${event}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.once(event, listener as never);
    });
  }

  #open(): void {
    if (!this.#running) return;
    let context: BindingContext;
    try {
      context = this.#binding();
    } catch (error) {
      this.#serviceLost(toPcscError(error, 'SCardEstablishContext'));
      return;
    }
    this.#context = context;
    context.on('error', (error: unknown) => {
      if (this.#context !== context) return;
      this.#serviceLost(toPcscError(error, 'SCardGetStatusChange(PnP)'));
    });
    context.on('reader', (reader: BindingReader) => {
      if (this.#context !== context) return;
      this.#addReader(reader);
    });
    if (this.#serviceUp !== true) {
      const wasDown = this.#serviceUp === false;
      this.#serviceUp = true;
      if (wasDown) this.emit('service-restored');
    }
  }

  #addReader(reader: BindingReader): void {
    this.#bindingReaders.add(reader);
    // An 'error' with no listener would crash the process; `end` follows every reader error.
    reader.on('error', () => undefined);
    reader.on('end', () => {
      // Its status thread has exited; nothing left to close.
      this.#bindingReaders.delete(reader);
    });
    if (this.#pattern !== undefined && !this.#pattern.test(reader.name)) {
      return;
    }
    const tracked: TrackedReader = {
      reader,
      snapshot: undefined,
      atr: new Uint8Array(0),
      connection: undefined,
    };
    this.#readers.set(reader.name, tracked);
    reader.on('status', (status: BindingReaderStatus) => this.#onStatus(reader.name, tracked, status));
    let lastError: PcscError | undefined;
    reader.on('error', (error: unknown) => {
      lastError = toPcscError(error, `SCardGetStatusChange "${reader.name}"`);
    });
    reader.on('end', () => {
      if (this.#readers.get(reader.name) !== tracked) return;
      // pcscd going away ends every reader, sometimes before the context itself reports it.
      if (lastError?.failure === 'no_service') this.#serviceLost(lastError);
      else
        this.#dropReader(
          reader.name,
          tracked,
          new PcscError('no_reader', `reader "${reader.name}" went away`),
        );
    });
    this.emit('reader-added', reader.name);
  }

  #onStatus(name: string, tracked: TrackedReader, status: BindingReaderStatus): void {
    if (this.#readers.get(name) !== tracked) return;
    const next = snapshotOf(status.state);
    const change = cardChange(tracked.snapshot, next);
    tracked.snapshot = next;
    if (change === 'removed' || change === 'replaced') {
      tracked.connection?.abort(new PcscError('card_removed', `card left "${name}"`));
      this.emit('card-removed', { reader: name });
    }
    if (change === 'inserted' || change === 'replaced') {
      tracked.atr = new Uint8Array(status.atr ?? []);
      this.emit('card-inserted', { reader: name, atr: tracked.atr });
    }
  }

  #dropReader(name: string, tracked: TrackedReader, error: PcscError): void {
    this.#readers.delete(name);
    const hadCard = tracked.snapshot?.present === true && !tracked.snapshot.mute;
    tracked.connection?.abort(error);
    if (this.#bindingReaders.delete(tracked.reader)) void closeLater(tracked.reader);
    if (hadCard) this.emit('card-removed', { reader: name });
    this.emit('reader-removed', name);
  }

  #serviceLost(error: PcscError): void {
    const typed =
      error.failure === 'no_service'
        ? error
        : new PcscError('no_service', error.detail ?? '', error.scardCode, { cause: error });
    for (const [name, tracked] of [...this.#readers]) this.#dropReader(name, tracked, typed);
    void this.#teardown();
    if (this.#serviceUp !== false) {
      this.#serviceUp = false;
      this.emit('service-lost', typed);
    }
    if (this.#running) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => this.#open(), this.#retryMs);
    }
  }

  #teardown(): Promise<void> {
    this.#readers.clear();
    const closing: Promise<void>[] = [];
    for (const reader of [...this.#bindingReaders]) {
      this.#bindingReaders.delete(reader);
      closing.push(closeLater(reader));
    }
    const context = this.#context;
    this.#context = undefined;
    if (context !== undefined) closing.push(closeLater(context));
    return Promise.all(closing).then(() => undefined);
  }
}

/**
 * The binding runs its callbacks while holding the reader's mutex, and close() takes that mutex: closing
 * from inside an event of the same reader deadlocks the process. So every close waits for the next turn.
 */
function closeLater(handle: { close(): void }): Promise<void> {
  return new Promise((resolve) =>
    setImmediate(() => {
      try {
        handle.close();
      } catch {
        // Already closed, or its pcscd is gone.
      }
      resolve();
    }),
  );
}

export function describeCard(event: CardEvent): string {
  return `${event.reader} ATR=${hex(event.atr)}`;
}
