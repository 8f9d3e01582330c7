/**
 * The kiosk's sync client to central (issue 9 §4). A round: send the unsent outbox in sequence order,
 * in batches, each event with its idempotency key; mark sent only what central confirmed (stored or
 * already stored); fetch the paid-recibo deltas since the stored cursor; send a heartbeat with the
 * supervisor's device states. Rounds repeat every `intervalMs`; after a failure the next one waits an
 * exponential, jittered delay (backoff.ts). Between the deltas and the heartbeat the round fetches central's
 * configuration for the kiosk (central-config.ts), kept in the store while its version is unchanged. The outbox is the state: a restart sends whatever is unsent,
 * and a resend after a crash between central's answer and `markSent` is answered `alreadyStored`.
 *
 * Central's device state: `ready` when the last round worked, `offline` (with the reason) when central
 * cannot be reached, `fault` when central refuses the kiosk (403) or what it sends, or the kiosk's
 * credential files are missing.
 */
import type { DeviceKind, DeviceState } from '../api/contract.ts';
import type { DeviceReport } from '../devices/supervisor.ts';
import type { Logger } from '../log/logger.ts';
import { PaymentLedger } from '../payments/index.ts';
import type { KioskStore } from '../store/index.ts';
import { type BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
import { type CentralConnection, openCentralConnection } from './central-http.ts';
import { type CentralConfig, parseCentralConfig } from './central-config.ts';
import {
  type HeartbeatBody,
  type IngestAnswer,
  MAX_BATCH_EVENTS,
  type PaidRecibosAnswer,
  WIRE_PATTERNS,
  type WireEvent,
} from './contract.ts';
import type { CentralEndpoint } from './endpoint.ts';
import { SyncError } from './errors.ts';
import { mapOutboxEvent } from './event-mapping.ts';
import { heartbeatDevices } from './heartbeat-devices.ts';
import { SyncStore } from './sync-store.ts';

/** What the client needs of the device supervisor. */
export interface SyncSupervisor {
  report(device: DeviceKind, report: DeviceReport): void;
  list(): DeviceState[];
}

export interface SyncClientOptions {
  /** Central's endpoint, or the reason there is none (then the client does nothing). */
  readonly endpoint: CentralEndpoint | string;
  /** The kiosk store, or how to open it (then the client opens it at start and closes it at stop). */
  readonly store: KioskStore | (() => KioskStore);
  readonly supervisor: SyncSupervisor;
  readonly logger: Logger;
  readonly softwareVersion: string;
  readonly now?: () => Date;
  /** [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  /** Between rounds while central answers; default 30 s. */
  readonly intervalMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly batchSize?: number;
  /** Page size of the paid-recibo deltas; default 500 (central allows up to 1000). */
  readonly paidPageSize?: number;
  /** Told of the payments central flags for refund in each round (the audit chain records them). */
  readonly onRefundRequired?: (eventIds: readonly string[]) => void;
  /** The kiosk's INE code: a configuration central sends for another municipality is refused. */
  readonly municipalityIne?: string;
}

export type CentralLinkState = 'starting' | 'ready' | 'offline' | 'fault' | 'not_configured';

export interface HeldBackEvent {
  readonly eventId: string;
  readonly reason: string;
}

/**
 * What a round made of `GET /v1/kiosk-config`: a new version stored, the same version again, a central
 * that does not have the route (404, older than it), or an answer that did not fit (the stored one kept).
 */
export type CentralConfigFetch = 'updated' | 'unchanged' | 'not_offered' | 'invalid';

export interface CentralConfigStatus {
  /** The stored configuration's version, or null when none was ever received. */
  readonly version: string | null;
  /** When that version arrived. */
  readonly receivedAt: string | null;
  /** The last round's answer; null before a round of this run reached the step. */
  readonly lastFetch: CentralConfigFetch | null;
  /** Why the last answer was refused (JSON paths, never values). */
  readonly problem: string | null;
}

export interface RoundOutcome {
  readonly ok: boolean;
  readonly sent: number;
  readonly heldBack: readonly HeldBackEvent[];
  readonly paidRecibos: number;
  readonly refundRequired: readonly string[];
  /** Absent when the round did not reach the configuration step. */
  readonly centralConfig?: CentralConfigFetch;
  readonly error?: { readonly code: string; readonly message: string; readonly detail?: string };
}

export interface SyncStatus {
  readonly central: string | null;
  readonly state: CentralLinkState;
  readonly detail: string | null;
  readonly queueLength: number;
  readonly oldestUnsent: { readonly eventId: string; readonly createdAt: string } | null;
  readonly heldBack: readonly HeldBackEvent[];
  readonly lastSuccessAt: string | null;
  readonly lastFailure: { readonly at: string; readonly code: string; readonly detail: string | null } | null;
  readonly paidCursor: string;
  readonly paidListAsOf: string | null;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: string | null;
  readonly centralConfig: CentralConfigStatus;
}

const DEFAULT_INTERVAL_MS = 30_000;

export class SyncClient {
  readonly #options: SyncClientOptions;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #logger: Logger;
  #store: KioskStore | undefined;
  #sync: SyncStore | undefined;
  #ledger: PaymentLedger | undefined;
  #state: CentralLinkState;
  #detail: string | null = null;
  #failures = 0;
  #heldBack: HeldBackEvent[] = [];
  #configFetch: { readonly result: CentralConfigFetch; readonly problem: string | null } | null = null;
  #timer: NodeJS.Timeout | undefined;
  #nextAttemptAt: Date | undefined;
  #started = false;
  /** The connection of the round in flight: stop() closes it so the round ends at once. */
  #connection: CentralConnection | undefined;
  /** Rounds run one after another: a forced round waits for the one in flight, then runs. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: SyncClientOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#logger = options.logger;
    this.#state = typeof options.endpoint === 'string' ? 'not_configured' : 'starting';
    if (typeof options.endpoint === 'string') this.#detail = options.endpoint;
  }

  /** For the payment runner's offline rules: did the last exchange with central work? */
  isCentralReachable(): boolean {
    return this.#state === 'ready';
  }

  /**
   * For the payment runner's reversal rule (`paidElsewhere`): central's paid list names another
   * payment than this one for the recibo.
   */
  paidElsewhere(p: { readonly reciboKey: string; readonly csv: string }): boolean {
    return this.#open().paidElsewhere(p);
  }

  /**
   * The last good configuration central gave (kept across restarts), or null: none received, or the
   * store cannot give it (logged). Never throws: a volante is printed with defaults rather than not.
   */
  centralConfig(): CentralConfig | null {
    try {
      const stored = this.#open().storedCentralConfig();
      if (stored === null) return null;
      const parsed = parseCentralConfig(JSON.parse(stored.json) as unknown);
      if (parsed.ok) return parsed.config;
      this.#logger.error({ detail: parsed.detail }, 'stored central configuration does not parse');
    } catch (error) {
      this.#logger.error({ err: error }, 'stored central configuration not readable');
    }
    return null;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (typeof this.#options.endpoint === 'string') {
      this.#options.supervisor.report('central', {
        health: 'unknown',
        code: 'not_configured',
        detail: this.#options.endpoint,
      });
      return;
    }
    this.#open();
    this.#options.supervisor.report('central', { health: 'unknown', code: 'starting' });
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#started = false;
    this.#clearTimer();
    this.#connection?.close();
    await this.#chain.catch(() => undefined);
    if (typeof this.#options.store === 'function') this.#store?.close();
    this.#store = undefined;
    this.#sync = undefined;
    this.#ledger = undefined;
  }

  /** Runs a round now (after the one in flight, if any) and returns what it did. */
  syncNow(): Promise<RoundOutcome> {
    this.#clearTimer();
    const round = this.#chain.then(() => this.#round());
    this.#chain = round.catch(() => undefined);
    return round.finally(() => {
      if (this.#started && this.#timer === undefined) this.#schedule(this.#nextDelay());
    });
  }

  status(): SyncStatus {
    const endpoint = this.#options.endpoint;
    const sync = this.#open();
    const state = sync.state();
    const asOf = this.#ledger?.paidListAsOf();
    return {
      central: typeof endpoint === 'string' ? null : endpoint.url,
      state: this.#state,
      detail: this.#detail,
      queueLength: sync.pendingCount(),
      oldestUnsent: sync.oldestUnsent(),
      heldBack: [...this.#heldBack],
      lastSuccessAt: state.lastSuccessAt,
      lastFailure:
        state.lastFailureAt === null
          ? null
          : { at: state.lastFailureAt, code: state.lastFailureCode ?? '', detail: state.lastFailureDetail },
      paidCursor: state.paidCursor,
      paidListAsOf: asOf === undefined ? null : asOf.toISOString(),
      consecutiveFailures: this.#failures,
      nextAttemptAt: this.#nextAttemptAt === undefined ? null : this.#nextAttemptAt.toISOString(),
      centralConfig: this.#configStatus(sync),
    };
  }

  #configStatus(sync: SyncStore): CentralConfigStatus {
    const stored = sync.storedCentralConfig();
    return {
      version: stored?.version ?? null,
      receivedAt: stored?.fetchedAt ?? null,
      lastFetch: this.#configFetch?.result ?? null,
      problem: this.#configFetch?.problem ?? null,
    };
  }

  #open(): SyncStore {
    if (this.#sync !== undefined) return this.#sync;
    const source = this.#options.store;
    this.#store = typeof source === 'function' ? source() : source;
    this.#ledger = new PaymentLedger(this.#store);
    this.#sync = new SyncStore(this.#store, this.#ledger);
    return this.#sync;
  }

  #nextDelay(): number {
    return this.#failures === 0
      ? (this.#options.intervalMs ?? DEFAULT_INTERVAL_MS)
      : backoffDelayMs(this.#failures, this.#options.backoff ?? DEFAULT_BACKOFF, this.#random);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextAttemptAt = undefined;
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    if (!this.#started) return;
    this.#nextAttemptAt = new Date(this.#now().getTime() + delayMs);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#nextAttemptAt = undefined;
      void this.syncNow().catch((error: unknown) =>
        this.#logger.error({ err: error }, 'sync round failed unexpectedly'),
      );
    }, delayMs);
    // A pending retry must not keep a stopping process alive.
    this.#timer.unref();
  }

  async #round(): Promise<RoundOutcome> {
    const endpoint = this.#options.endpoint;
    if (typeof endpoint === 'string') {
      return { ok: false, sent: 0, heldBack: [], paidRecibos: 0, refundRequired: [] };
    }
    const sync = this.#open();
    let sent = 0;
    let paidRecibos = 0;
    const refundRequired: string[] = [];
    let connection: CentralConnection | undefined;
    try {
      connection = openCentralConnection(endpoint);
      this.#connection = connection;
      const pushed = await this.#sendOutbox(connection, sync);
      sent = pushed.sent;
      refundRequired.push(...pushed.refundRequired);
      if (pushed.refundRequired.length > 0) this.#options.onRefundRequired?.(pushed.refundRequired);
      this.#heldBack = pushed.heldBack;
      paidRecibos = await this.#fetchPaidRecibos(connection, sync);
      const centralConfig = await this.#fetchCentralConfig(connection, sync);
      await this.#heartbeat(connection, sync);
      const at = this.#now();
      sync.recordSuccess(at);
      this.#failures = 0;
      const warnings = [
        ...(this.#heldBack.length === 0 ? [] : [`${this.#heldBack.length} eventos retenidos`]),
        ...(centralConfig === 'invalid' ? ['configuración de central no válida'] : []),
      ];
      this.#setState('ready', warnings.length === 0 ? null : warnings.join('; '));
      if (sent > 0 || paidRecibos > 0) this.#logger.info({ sent, paidRecibos }, 'sync round done');
      return { ok: true, sent, heldBack: this.#heldBack, paidRecibos, refundRequired, centralConfig };
    } catch (raw) {
      const error =
        raw instanceof SyncError
          ? raw
          : new SyncError('sync.bad_answer', raw instanceof Error ? raw.message : String(raw), {
              cause: raw,
            });
      this.#failures += 1;
      const detail = error.detail ?? error.code;
      try {
        sync.recordFailure(this.#now(), error.code, detail);
      } catch (storeError) {
        this.#logger.error({ err: storeError }, 'sync state not recorded');
      }
      const fault =
        error.code === 'sync.kiosk_refused' ||
        error.code === 'sync.request_refused' ||
        error.code === 'sync.credentials_missing';
      this.#setState(fault ? 'fault' : 'offline', `${error.message} (${detail})`);
      (fault ? this.#logger.error.bind(this.#logger) : this.#logger.warn.bind(this.#logger))(
        { code: error.code, detail, failures: this.#failures, sent },
        'sync round failed',
      );
      return {
        ok: false,
        sent,
        heldBack: this.#heldBack,
        paidRecibos,
        refundRequired,
        error: error.toJSON(),
      };
    } finally {
      connection?.close();
      this.#connection = undefined;
    }
  }

  #setState(state: CentralLinkState, detail: string | null): void {
    this.#state = state;
    this.#detail = detail;
    const report: DeviceReport =
      state === 'ready'
        ? detail === null
          ? { health: 'ok', code: 'ready' }
          : { health: 'warning', code: 'ready', detail }
        : {
            health: 'error',
            code: state === 'fault' ? 'fault' : 'offline',
            detail: (detail ?? '').slice(0, 500),
          };
    this.#options.supervisor.report('central', report);
  }

  async #sendOutbox(
    connection: CentralConnection,
    sync: SyncStore,
  ): Promise<{ sent: number; heldBack: HeldBackEvent[]; refundRequired: string[] }> {
    const batchSize = Math.min(this.#options.batchSize ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
    const heldBack: HeldBackEvent[] = [];
    const refundRequired: string[] = [];
    let sent = 0;
    let after = 0;
    for (;;) {
      const rows = sync.unsent(after, batchSize);
      if (rows.length === 0) break;
      after = rows.at(-1)!.sequence;
      const events: WireEvent[] = [];
      for (const row of rows) {
        const mapped = mapOutboxEvent(row);
        if (mapped.kind === 'send') events.push(mapped.event);
        else heldBack.push({ eventId: mapped.eventId, reason: mapped.reason });
      }
      if (events.length === 0) continue;
      const answer = await connection.call<IngestAnswer>('POST', '/v1/events', { events });
      if (!Array.isArray(answer?.stored) || !Array.isArray(answer.alreadyStored)) {
        throw new SyncError('sync.bad_answer', 'POST /v1/events: no stored/alreadyStored lists');
      }
      const confirmed = new Set([...answer.stored, ...answer.alreadyStored]);
      const keys = events.map((e) => e.key).filter((key) => confirmed.has(key));
      sync.markSent(keys, this.#now());
      sent += keys.length;
      if (Array.isArray(answer.refundRequired) && answer.refundRequired.length > 0) {
        refundRequired.push(...answer.refundRequired);
        this.#logger.warn(
          { keys: answer.refundRequired },
          'central flagged payments for refund (paid twice)',
        );
      }
      if (keys.length < events.length) {
        // Only what central confirmed is marked; the rest goes again next round, in order.
        throw new SyncError(
          'sync.bad_answer',
          `POST /v1/events: ${events.length - keys.length} events not confirmed`,
        );
      }
    }
    if (heldBack.length > 0)
      this.#logger.error({ heldBack }, 'outbox events held back: central would refuse them');
    return { sent, heldBack, refundRequired };
  }

  async #fetchPaidRecibos(connection: CentralConnection, sync: SyncStore): Promise<number> {
    const limit = this.#options.paidPageSize ?? 500;
    let total = 0;
    // Bounded: a kiosk far behind catches up over several rounds rather than blocking this one.
    for (let page = 0; page < 100; page += 1) {
      const since = sync.state().paidCursor;
      const askedAt = this.#now();
      const answer = await connection.call<PaidRecibosAnswer>(
        'GET',
        `/v1/paid-recibos?since=${encodeURIComponent(since)}&limit=${limit}`,
      );
      if (
        !Array.isArray(answer?.recibos) ||
        typeof answer.cursor !== 'string' ||
        !WIRE_PATTERNS.cursor.test(answer.cursor)
      ) {
        throw new SyncError('sync.bad_answer', 'GET /v1/paid-recibos: not a page of paid recibos');
      }
      // The list is complete as of the moment the last page was asked for.
      sync.applyPaidPage(answer.recibos, answer.cursor, answer.more ? undefined : askedAt, this.#now());
      total += answer.recibos.length;
      if (!answer.more) break;
    }
    return total;
  }

  /**
   * `GET /v1/kiosk-config`. A 404 is a central older than the route: not an error. An answer that does
   * not fit (or a 4xx refusal of this GET) fails this step only: the stored configuration stays, the
   * round goes on, the state says it. No connection or a refused kiosk fail the round as elsewhere.
   */
  async #fetchCentralConfig(connection: CentralConnection, sync: SyncStore): Promise<CentralConfigFetch> {
    let answer: unknown;
    try {
      answer = await connection.call<unknown>('GET', '/v1/kiosk-config');
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      if (error.status === 404) return this.#configFetched('not_offered', null);
      if (error.code !== 'sync.bad_answer' && error.code !== 'sync.request_refused') throw error;
      return this.#configRefused(error);
    }
    const parsed = parseCentralConfig(answer, this.#options.municipalityIne);
    if (!parsed.ok) {
      return this.#configRefused(
        new SyncError('sync.bad_answer', `GET /v1/kiosk-config: ${parsed.detail}`, { status: 200 }),
      );
    }
    if (sync.storedCentralConfig()?.version === parsed.config.version) {
      return this.#configFetched('unchanged', null);
    }
    sync.saveCentralConfig(parsed.config, this.#now());
    this.#logger.info({ version: parsed.config.version.slice(0, 12) }, 'central configuration stored');
    return this.#configFetched('updated', null);
  }

  #configRefused(error: SyncError): CentralConfigFetch {
    const detail = error.detail ?? error.code;
    this.#logger.warn({ code: error.code, detail }, 'central configuration refused; the stored one stays');
    return this.#configFetched('invalid', `${error.message} (${detail})`);
  }

  #configFetched(result: CentralConfigFetch, problem: string | null): CentralConfigFetch {
    this.#configFetch = { result, problem };
    return result;
  }

  async #heartbeat(connection: CentralConnection, sync: SyncStore): Promise<void> {
    const body: HeartbeatBody = {
      kioskTime: this.#now().toISOString(),
      softwareVersion: this.#options.softwareVersion.slice(0, 64) || 'unknown',
      outboxPending: sync.pendingCount(),
      devices: heartbeatDevices(this.#options.supervisor.list()),
    };
    await connection.call<unknown>('POST', '/v1/heartbeat', body);
  }
}
