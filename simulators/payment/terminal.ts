/**
 * The payment terminal (PT) side of ZVT: takes ECR commands from an ApduLink, plays the chosen scenario,
 * books into the journal. One Terminal may serve several links (serial and TCP); the journal, scenarios
 * and the power state (up / silent / rebooting) are shared.
 *
 * Turn-taking (zvt.md §6): the PT acks the command with 80 00, is then master and waits for the ECR's
 * 80 00 after every message it sends (04 FF, 04 0F, 06 D1), until 06 0F or 06 1E returns master rights.
 */
import { type Apdu, decodeApdu, encodeApdu } from './apdu.ts';
import type { ApduLink } from './apdu-queue.ts';
import { encodeBcd, hex } from './bcd.ts';
import { decodeEcrAnswer, decodeEcrCommand, type EcrAnswer, type EcrCommand, isAnswer } from './commands.ts';
import { SimulatorError, ZvtCodecError, ZvtLinkError } from './errors.ts';
import type { Journal, JournalEntry, JournalEntryKind } from './journal.ts';
import {
  abortMessage,
  completion,
  intermediateStatus,
  LAST_LINE_ATTRIBUTE,
  negativeAck,
  positiveAck,
  printLine,
  type StatusInformation,
  statusEnquiryCompletion,
  statusInformation,
} from './pt-messages.ts';
import { endOfDayReceipt, localDateTime, type ReceiptTitle, transactionReceipt } from './receipt.ts';
import { CARDS, RESULT, type Scenario, type ScenarioBook, type SimCard } from './scenarios.ts';

export type PowerMode = 'up' | 'silent' | 'rebooting';

/** Registration config byte bits (zvt.md §3). */
const CONFIG = {
  ecrPrintsPayment: 0x02,
  ecrPrintsAdmin: 0x04,
  intermediateStatus: 0x08,
  receiptsAsPrintLines: 0x80,
} as const;

/** Intermediate status codes (zvt.md §3, 04 FF). */
const STATUS = {
  watchPinPad: 0x01,
  waitingForHost: 0x04,
  insertCard: 0x0a,
  removeCard: 0x0b,
  cardNotReadable: 0x0c,
  pleaseWait: 0x0e,
  incorrectPin: 0x15,
  pinTryLimitExceeded: 0x18,
  declined: 0x1d,
} as const;

export interface TerminalOptions {
  readonly journal: Journal;
  readonly scenarios: ScenarioBook;
  /** The simulator's clock. */
  readonly now: () => Date;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** 8 digits (BMP 29). */
  readonly terminalId?: string | undefined;
  /** ISO 4217 numeric, 4 digits (BMP 49). */
  readonly currency?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly softwareVersion?: string | undefined;
  /** How long the PT waits for the ECR's 80 00 after each message (T3, zvt.md §2.1). */
  readonly ackTimeoutMs?: number | undefined;
  /** Pause before re-sending 04 0F after the ECR answered 84 9C (zvt.md §6). */
  readonly statusRepeatMs?: number | undefined;
  /** Config byte assumed before any Registration: intermediate statuses on, PT prints receipts itself. */
  readonly defaultConfig?: number | undefined;
  readonly defaultCard?: SimCard | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

/** Raised inside a session when it must end without further messages (link lost, terminal went down). */
class SessionEnded extends Error {}

type Answer = EcrAnswer | { readonly kind: 'abort-request' };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Terminal {
  readonly journal: Journal;
  readonly scenarios: ScenarioBook;
  readonly #now: () => Date;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #terminalId: string;
  readonly #currency: string;
  readonly #timeZone: string;
  readonly #softwareVersion: string;
  readonly #ackTimeoutMs: number;
  readonly #statusRepeatMs: number;
  readonly #defaultCard: SimCard;
  readonly #log: (line: string) => void;
  #config: number;
  #registered = false;
  #mode: PowerMode = 'up';
  #serving = 0;
  #upTimer: NodeJS.Timeout | undefined;
  readonly #modeListeners = new Set<(mode: PowerMode) => void>();

  constructor(options: TerminalOptions) {
    this.journal = options.journal;
    this.scenarios = options.scenarios;
    this.#now = options.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#terminalId = options.terminalId ?? '52500001';
    this.#currency = options.currency ?? '0978';
    this.#timeZone = options.timeZone ?? 'Europe/Madrid';
    this.#softwareVersion = options.softwareVersion ?? 'CAJERO-ZVT-SIM 1.0';
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.#statusRepeatMs = options.statusRepeatMs ?? 2_000;
    this.#config = options.defaultConfig ?? CONFIG.intermediateStatus;
    this.#defaultCard = options.defaultCard ?? CARDS.visa;
    this.#log = options.log ?? (() => {});
  }

  /** A command from the ECR is being served (the terminal answers another one with busy). */
  get busy(): boolean {
    return this.#serving > 0;
  }

  get mode(): PowerMode {
    return this.#mode;
  }

  get registered(): boolean {
    return this.#registered;
  }

  /** Config byte of the last Registration (or the default). */
  get config(): number {
    return this.#config;
  }

  /** Transports listen to drop their I/O while the terminal is silent or rebooting. */
  onModeChange(listener: (mode: PowerMode) => void): () => void {
    this.#modeListeners.add(listener);
    return () => this.#modeListeners.delete(listener);
  }

  #setMode(mode: PowerMode): void {
    if (this.#mode === mode) return;
    this.#mode = mode;
    this.#log(`terminal ${mode}`);
    for (const listener of this.#modeListeners) listener(mode);
  }

  /** Goes silent or down for `ms`, then comes back by itself (or earlier with wake()). */
  #goDown(mode: 'silent' | 'rebooting', ms: number): void {
    clearTimeout(this.#upTimer);
    this.#setMode(mode);
    this.#upTimer = setTimeout(() => this.wake(), ms);
  }

  /** Ends a silence or a reboot now. */
  wake(): void {
    clearTimeout(this.#upTimer);
    this.#upTimer = undefined;
    this.#setMode('up');
  }

  /** Clears timers (simulator stop). */
  dispose(): void {
    clearTimeout(this.#upTimer);
    this.#upTimer = undefined;
  }

  /** Serves one link until it closes. Never rejects. */
  async serve(link: ApduLink): Promise<void> {
    for (;;) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = await link.receive(Number.POSITIVE_INFINITY);
      } catch {
        return;
      }
      if (bytes === undefined || this.#mode !== 'up') continue;
      this.#serving += 1;
      try {
        await this.handle(link, bytes);
      } catch (error) {
        if (link.closed) return;
        this.#log(`session ended: ${describe(error)}`);
      } finally {
        this.#serving -= 1;
      }
    }
  }

  /** Handles one message from the ECR while idle (the ECR is master). */
  async handle(link: ApduLink, bytes: Uint8Array): Promise<void> {
    let apdu: Apdu;
    try {
      apdu = decodeApdu(bytes);
    } catch {
      await this.#send(link, negativeAck(RESULT.protocolError));
      return;
    }
    if (isAnswer(apdu)) {
      // A late ack while idle (e.g. after a timeout): nothing to do.
      this.#log(`ignored answer ${hex(bytes)} while idle`);
      return;
    }
    let command: EcrCommand;
    try {
      command = decodeEcrCommand(apdu);
    } catch (error) {
      const unknown = error instanceof ZvtCodecError && error.code === 'zvtsim.command_unknown';
      this.#log(`rejected ${hex(bytes.subarray(0, 2))}: ${describe(error)}`);
      await this.#send(link, negativeAck(unknown ? RESULT.functionNotPossible : RESULT.protocolError));
      return;
    }
    this.#log(`command ${command.kind}`);
    try {
      await this.#run(link, command);
    } catch (error) {
      if (error instanceof SessionEnded) return;
      throw error;
    }
  }

  async #run(link: ApduLink, command: EcrCommand): Promise<void> {
    switch (command.kind) {
      case 'registration':
        this.#config = command.config;
        this.#registered = true;
        await this.#send(link, positiveAck());
        await this.#sendAwait(
          link,
          completion([
            { tag: 0x19, value: Uint8Array.of(0x00) },
            { tag: 0x29, value: encodeBcd(this.#terminalId, 4) },
            { tag: 0x49, value: encodeBcd(this.#currency, 2) },
          ]),
        );
        return;
      case 'log-off':
        this.#registered = false;
        await this.#send(link, positiveAck());
        return;
      case 'abort':
        // Nothing runs while the ECR is master: acknowledge and carry on.
        await this.#send(link, positiveAck());
        return;
      case 'status-enquiry':
        await this.#send(link, positiveAck());
        await this.#sendAwait(link, statusEnquiryCompletion(this.#softwareVersion, 0x00));
        return;
      case 'diagnosis':
        await this.#send(link, positiveAck());
        await this.#status(link, STATUS.pleaseWait, 0);
        await this.#sendAwait(link, completion());
        return;
      case 'repeat-receipt':
        return this.#repeatReceipt(link);
      case 'authorization':
        return this.#financial(link, 'payment', command.amountCents, undefined);
      case 'refund':
        if (command.amountCents === undefined) {
          await this.#send(link, negativeAck(RESULT.functionNotPossible));
          return;
        }
        return this.#financial(link, 'refund', command.amountCents, undefined);
      case 'reversal':
        return this.#financial(link, 'reversal', command.amountCents, command.receiptNo);
      case 'end-of-day':
        return this.#endOfDay(link);
    }
  }

  // --- sending -------------------------------------------------------------------------------------

  async #send(link: ApduLink, apdu: Apdu): Promise<void> {
    if (this.#mode !== 'up') throw new SessionEnded();
    await link.send(encodeApdu(apdu));
  }

  /** Sends a PT message and waits for the ECR's answer (T3). 06 B0 instead of 80 00 asks to abort. */
  async #sendAwait(link: ApduLink, apdu: Apdu): Promise<Answer> {
    await this.#send(link, apdu);
    const deadline = Date.now() + this.#ackTimeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      const bytes = left > 0 ? await link.receive(left) : undefined;
      if (this.#mode !== 'up') throw new SessionEnded();
      if (bytes === undefined) {
        throw new ZvtLinkError(
          'zvtsim.link_timeout',
          'La caja (ECR) no ha confirmado un mensaje del terminal.',
          `no 80 00 within ${this.#ackTimeoutMs} ms after ${hex(apdu.cls)} ${hex(apdu.ins)}`,
        );
      }
      let reply: Apdu;
      try {
        reply = decodeApdu(bytes);
      } catch {
        this.#log(`ignored malformed ${hex(bytes)} while waiting for an answer`);
        continue;
      }
      if (isAnswer(reply)) return decodeEcrAnswer(reply);
      if (reply.cls === 0x06 && reply.ins === 0xb0) return { kind: 'abort-request' };
      // The ECR may not start a command while the PT is master (zvt.md §6).
      this.#log(`ECR sent ${hex(reply.cls)} ${hex(reply.ins)} while slave: refused`);
      await this.#send(link, negativeAck(RESULT.functionNotPossible));
    }
  }

  /** 04 FF if the ECR asked for intermediate statuses; returns true if the ECR asked to abort. */
  async #status(link: ApduLink, status: number, delayMs: number): Promise<boolean> {
    if (delayMs > 0) await this.#sleep(delayMs);
    if (this.#mode !== 'up') throw new SessionEnded();
    const early = await link.receive(0);
    if (early !== undefined) {
      if (isAbort(early)) {
        await this.#send(link, positiveAck());
        return true;
      }
      this.#log(`ignored ${hex(early)} from the ECR while master`);
    }
    if ((this.#config & CONFIG.intermediateStatus) === 0) return false;
    if ((await this.#sendAwait(link, intermediateStatus(status))).kind !== 'abort-request') return false;
    await this.#send(link, positiveAck());
    return true;
  }

  async #printLines(link: ApduLink, lines: readonly string[], admin: boolean): Promise<void> {
    const wanted = admin ? CONFIG.ecrPrintsAdmin : CONFIG.ecrPrintsPayment;
    if ((this.#config & CONFIG.receiptsAsPrintLines) === 0 || (this.#config & wanted) === 0) return;
    for (const [i, line] of lines.entries()) {
      await this.#sendAwait(link, printLine(line, i === lines.length - 1 ? LAST_LINE_ATTRIBUTE : 0x00));
    }
  }

  /** Sends 04 0F until the ECR accepts it; 84 9C = "wait, ask again" (zvt.md §6). */
  async #statusInformation(link: ApduLink, info: StatusInformation): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.#sendAwait(link, statusInformation(info));
      if (answer.kind === 'negative' && answer.code === 0x9c && attempt < 20) {
        await this.#sleep(this.#statusRepeatMs);
        continue;
      }
      return answer;
    }
  }

  async #abortWith(link: ApduLink, resultCode: number): Promise<void> {
    await this.#sendAwait(link, abortMessage(resultCode));
  }

  // --- transactions --------------------------------------------------------------------------------

  #baseInfo(resultCode: number, traceNo: number, at: Date): StatusInformation {
    return {
      resultCode,
      traceNo,
      terminalId: this.#terminalId,
      currency: this.#currency,
      dateTime: localDateTime(at, this.#timeZone),
    };
  }

  /** Payment (06 01), refund (06 31) or reversal (06 30 of `receiptNo`). */
  async #financial(
    link: ApduLink,
    kind: JournalEntryKind,
    amount: number | undefined,
    receiptNo: number | undefined,
  ): Promise<void> {
    const scenario = this.scenarios.take(kind === 'reversal' ? undefined : amount);
    this.#log(`scenario ${scenario.kind} for ${kind}`);
    if (scenario.kind === 'timeout') {
      if (scenario.ackFirst ?? true) await this.#send(link, positiveAck());
      this.#goDown('silent', scenario.silenceMs ?? 60_000);
      return;
    }
    await this.#send(link, positiveAck());

    let card = scenario.card ?? this.#defaultCard;
    let amountCents = amount ?? 0;
    if (kind === 'reversal') {
      const check = this.journal.checkReversal(receiptNo ?? -1);
      if (!check.ok) {
        await this.#abortWith(link, check.resultCode);
        return;
      }
      amountCents = check.payment.amountCents;
      card = {
        type: check.payment.cardType,
        name: check.payment.cardName,
        pan: check.payment.pan,
        expiry: card.expiry,
      };
    }
    const delay = scenario.statusDelayMs ?? 0;
    const title: ReceiptTitle = kind === 'payment' ? 'VENTA' : kind === 'refund' ? 'DEVOLUCION' : 'ANULACION';

    // Card phase: the customer can still abort (06 B0 from the ECR, or the cancel key).
    if (await this.#status(link, STATUS.insertCard, delay))
      return this.#abortWith(link, RESULT.abortViaTimeoutOrKey);
    switch (scenario.kind) {
      case 'customer-abort':
        return this.#abortWith(link, RESULT.abortViaTimeoutOrKey);
      case 'card-removed':
        await this.#status(link, STATUS.cardNotReadable, delay);
        return this.#abortWith(link, scenario.resultCode ?? RESULT.cardNotReadable);
      case 'pin-wrong': {
        const attempts = scenario.attempts ?? 3;
        for (let i = 0; i < attempts; i++) {
          if (await this.#status(link, STATUS.watchPinPad, delay)) {
            return this.#abortWith(link, RESULT.abortViaTimeoutOrKey);
          }
          await this.#status(link, STATUS.incorrectPin, delay);
        }
        await this.#status(link, STATUS.pinTryLimitExceeded, delay);
        return this.#abortWith(link, scenario.resultCode ?? RESULT.hostWrongPin);
      }
      default:
        if (kind !== 'reversal' && (await this.#status(link, STATUS.watchPinPad, delay))) {
          return this.#abortWith(link, RESULT.abortViaTimeoutOrKey);
        }
    }
    // Host phase: no abort from here on.
    await this.#status(link, STATUS.waitingForHost, delay);
    const at = this.#now();
    const traceNo = this.journal.takeTraceNo();

    if (scenario.kind === 'declined') {
      const resultCode = scenario.resultCode ?? RESULT.hostDeclined;
      const info: StatusInformation = {
        ...this.#baseInfo(resultCode, traceNo, at),
        amountCents,
        cardType: card.type,
        cardName: card.name,
        pan: card.pan,
      };
      const lines = transactionReceipt(title, info);
      this.journal.setLast({ kind, status: info, receiptLines: lines });
      await this.#status(link, STATUS.declined, delay);
      if (scenario.withStatusInformation ?? true) {
        await this.#statusInformation(link, info);
        await this.#printLines(link, lines, false);
      }
      return this.#abortWith(link, resultCode);
    }

    // Approved by the host: the PT books it now, before telling the ECR (zvt.md §6 crash safety).
    const entry: JournalEntry = {
      kind,
      receiptNo: this.journal.takeReceiptNo(),
      traceNo,
      turnoverNo: this.journal.takeTurnoverNo(),
      amountCents,
      cardType: card.type,
      cardName: card.name,
      pan: card.pan,
      authCode: scenario.kind === 'approved' && scenario.authCode ? scenario.authCode : authCodeFor(traceNo),
      at: at.toISOString(),
      local: localDateTime(at, this.#timeZone),
      reversed: false,
      reversesReceiptNo: kind === 'reversal' ? receiptNo : undefined,
    };
    const info: StatusInformation = {
      ...this.#baseInfo(RESULT.success, traceNo, at),
      amountCents,
      receiptNo: entry.receiptNo,
      turnoverNo: entry.turnoverNo,
      cardType: card.type,
      cardName: card.name,
      pan: card.pan,
      expiry: card.expiry,
      authCode: entry.authCode,
    };
    const lines = transactionReceipt(title, info);

    if (scenario.kind === 'reboot') {
      if (scenario.recorded) {
        this.journal.record(entry);
        this.journal.setLast({ kind, status: info, receiptLines: lines });
      }
      this.#goDown('rebooting', scenario.downMs ?? 3_000);
      return;
    }

    this.journal.record(entry);
    this.journal.setLast({ kind, status: info, receiptLines: lines });
    const answer = await this.#statusInformation(link, info);
    if (answer.kind === 'negative') {
      // The ECR refuses the result (e.g. 84 66 goods not issued): the PT reverses it (zvt.md §6).
      this.journal.markReversed(entry.receiptNo);
      this.#log(`ECR refused status information (${hex(answer.code)}): payment ${entry.receiptNo} reversed`);
      return this.#abortWith(link, answer.code);
    }
    await this.#printLines(link, lines, false);
    await this.#sendAwait(link, completion());
  }

  async #endOfDay(link: ApduLink): Promise<void> {
    const scenario: Scenario = this.scenarios.take(undefined);
    if (scenario.kind === 'timeout') {
      if (scenario.ackFirst ?? true) await this.#send(link, positiveAck());
      this.#goDown('silent', scenario.silenceMs ?? 60_000);
      return;
    }
    await this.#send(link, positiveAck());
    await this.#status(link, STATUS.pleaseWait, scenario.statusDelayMs ?? 0);
    if (scenario.kind === 'reboot') {
      const traceNo = this.journal.takeTraceNo();
      if (scenario.recorded) this.journal.closeDay(this.#now().toISOString(), traceNo);
      this.#goDown('rebooting', scenario.downMs ?? 3_000);
      return;
    }
    if (scenario.kind !== 'approved') {
      const code = 'resultCode' in scenario ? scenario.resultCode : undefined;
      return this.#abortWith(link, code ?? RESULT.endOfDayNotPossible);
    }
    const at = this.#now();
    const traceNo = this.journal.takeTraceNo();
    const totals = this.journal.totals();
    const info: StatusInformation = {
      ...this.#baseInfo(RESULT.success, traceNo, at),
      amountCents: totals.grandTotalCents,
      totals: totals.singleTotals,
    };
    const lines = endOfDayReceipt(info, totals.singleTotals);
    this.journal.closeDay(at.toISOString(), traceNo);
    this.journal.setLast({ kind: 'end-of-day', status: info, receiptLines: lines });
    await this.#statusInformation(link, info);
    await this.#printLines(link, lines, true);
    await this.#sendAwait(link, completion());
  }

  /** 06 20: the last transaction's 04 0F and receipt again, or an empty completion (zvt.md §6 step 2). */
  async #repeatReceipt(link: ApduLink): Promise<void> {
    await this.#send(link, positiveAck());
    const last = this.journal.last;
    if (last) {
      await this.#statusInformation(link, last.status);
      await this.#printLines(link, last.receiptLines, last.kind === 'end-of-day');
    }
    await this.#sendAwait(link, completion());
  }
}

function isAbort(bytes: Uint8Array): boolean {
  return bytes[0] === 0x06 && bytes[1] === 0xb0;
}

/** Deterministic 6-digit authorisation code derived from the trace number. */
function authCodeFor(traceNo: number): string {
  return String((traceNo * 7919) % 1_000_000).padStart(6, '0');
}

function describe(error: unknown): string {
  if (error instanceof SimulatorError) return `${error.code}: ${error.detail}`;
  return error instanceof Error ? error.message : String(error);
}
