/**
 * One ECR command exchange with master/slave turn-taking (docs/zvt.md §6; spec PA00P015 ch. 2.2
 * "master-slave"; EVerest sequences.rs, ecrterm _transmission.py):
 *
 * 1. we send the command and wait up to T3 for `80 00 00` (a `84 xx` refuses it);
 * 2. the PT is master: every message it sends (`04 FF`, `04 0F`, `06 D1`, `06 D3`, ...) is answered by us;
 * 3. `06 0F` (completion) or `06 1E` (abort) ends the command and gives master rights back.
 *
 * Written against {@link ZvtLink} so tests use an in-memory link; serial/TCP/HID transports implement it.
 * Time comes in as `now()`. The result never claims more than we saw: if the end did not arrive, the
 * result says so, with whatever status information arrived, and the caller treats the outcome as unknown.
 */
import { type ZvtApdu, POSITIVE_ACK } from './apdu.ts';
import { ZvtDecodeError } from './errors.ts';
import {
  type AbortInfo,
  type Completion,
  type PrintLine,
  type PrintTextBlock,
  type PtMessage,
  type StatusEnquiryCompletion,
  type StatusInformation,
  parsePtMessage,
} from './pt-messages.ts';
import { SERIAL_LINK_POLICY } from './serial-framing.ts';

export type LinkReceive =
  | { readonly kind: 'apdu'; readonly apdu: ZvtApdu }
  | { readonly kind: 'timeout' }
  /** The transport could not turn bytes into an APDU (already NAKed/retried at its level). */
  | { readonly kind: 'error'; readonly error: ZvtDecodeError }
  /** The connection is gone (TCP closed, serial port removed). */
  | { readonly kind: 'closed'; readonly detail: string };

/** What a transport offers the session: whole APDUs in and out. */
export interface ZvtLink {
  /**
   * Sends one APDU; resolves when the transport has delivered it (serial: after the byte ACK), rejects
   * when it could not (link gone, no ACK after the retries of SERIAL_LINK_POLICY).
   */
  send(apdu: ZvtApdu): Promise<void>;
  /** Next APDU from the PT, or `timeout` after `timeoutMs`. Never rejects. */
  receive(timeoutMs: number): Promise<LinkReceive>;
}

export interface ExchangeOptions {
  readonly now: () => number;
  /** T3: wait for the PT's `80 00 00` to our command. */
  readonly ackTimeoutMs?: number;
  /** T4: the whole command, from sending it to `06 0F`/`06 1E`. */
  readonly completionTimeoutMs?: number;
  /** Progress for the UI (intermediate status, print lines, ...), called before we answer each message. */
  readonly onMessage?: (message: PtMessage) => void;
  /**
   * Our answer to a `04 0F`. Journal the result durably here before returning `80 00 00` (docs/zvt.md §6
   * crash safety); `84 9C 00` asks the PT to repeat it later, `84 66 00` tells a vending-mode PT to reverse.
   * If it throws (journal unavailable), the error propagates and nothing is answered.
   */
  readonly answerStatusInformation?: (info: StatusInformation) => Promise<ZvtApdu>;
}

export type Printout =
  | { readonly kind: 'line'; readonly line: PrintLine }
  | { readonly kind: 'block'; readonly block: PrintTextBlock };

/** What the PT sent while it was master, in order of arrival per kind. */
export interface ExchangeTranscript {
  readonly statusInformation: readonly StatusInformation[];
  readonly printouts: readonly Printout[];
  /** PT messages we could not decode (answered with `80 00 00` to keep the PT moving). */
  readonly unreadable: readonly ZvtDecodeError[];
}

export type ExchangeResult =
  | ({
      readonly kind: 'completed';
      readonly completion: Completion | StatusEnquiryCompletion;
    } & ExchangeTranscript)
  | ({ readonly kind: 'aborted'; readonly abort: AbortInfo } & ExchangeTranscript)
  /** The PT refused the command with `84 xx`: nothing was started. */
  | { readonly kind: 'rejected'; readonly code: number; readonly text: string }
  /** No answer in time: `ack` = to our command (T3), `completion` = before the end (T4). */
  | ({ readonly kind: 'timeout'; readonly phase: 'ack' | 'completion' } & ExchangeTranscript)
  | ({
      readonly kind: 'link_lost';
      readonly phase: 'ack' | 'completion';
      readonly detail: string;
    } & ExchangeTranscript);

const DEFAULT_ANSWER = async (): Promise<ZvtApdu> => POSITIVE_ACK;

/**
 * Runs one command to its end. Never throws for anything the PT or the link does; only errors thrown by
 * the caller's own callbacks propagate.
 */
export async function runExchange(
  link: ZvtLink,
  command: ZvtApdu,
  options: ExchangeOptions,
): Promise<ExchangeResult> {
  const ackTimeoutMs = options.ackTimeoutMs ?? SERIAL_LINK_POLICY.ackTimeoutMs;
  const completionTimeoutMs = options.completionTimeoutMs ?? SERIAL_LINK_POLICY.masterRightsTimeoutMs;
  const answerStatus = options.answerStatusInformation ?? DEFAULT_ANSWER;
  const started = options.now();
  const statusInformation: StatusInformation[] = [];
  const printouts: Printout[] = [];
  const unreadable: ZvtDecodeError[] = [];
  const transcript = (): ExchangeTranscript => ({ statusInformation, printouts, unreadable });

  const sendFailed = async (apdu: ZvtApdu): Promise<string | undefined> => {
    try {
      await link.send(apdu);
      return undefined;
    } catch (e) {
      return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  };

  const notSent = await sendFailed(command);
  // The PT may have received a frame whose ACK we lost, so even this is not proof nothing started.
  if (notSent !== undefined) return { kind: 'link_lost', phase: 'ack', detail: notSent, ...transcript() };

  // Phase 1: the PT's acknowledgement. A PT that skips it and starts sending is taken as having accepted.
  const first = await link.receive(ackTimeoutMs);
  if (first.kind === 'timeout') return { kind: 'timeout', phase: 'ack', ...transcript() };
  if (first.kind === 'closed')
    return { kind: 'link_lost', phase: 'ack', detail: first.detail, ...transcript() };
  let pending: LinkReceive | undefined;
  if (first.kind === 'apdu') {
    const message = safeParse(first.apdu, command.control);
    if (message instanceof ZvtDecodeError || message.kind !== 'ack') {
      if (!(message instanceof ZvtDecodeError) && message.kind === 'nack') {
        return { kind: 'rejected', code: message.code, text: message.text };
      }
      // Not an ack: a PT message (maybe unreadable) that phase 2 answers.
      pending = first;
    }
  } else {
    unreadable.push(first.error);
  }

  // Phase 2: the PT is master until 06 0F / 06 1E.
  for (;;) {
    let next: LinkReceive;
    if (pending !== undefined) {
      next = pending;
      pending = undefined;
    } else {
      const remaining = started + completionTimeoutMs - options.now();
      if (remaining <= 0) return { kind: 'timeout', phase: 'completion', ...transcript() };
      next = await link.receive(remaining);
    }
    if (next.kind === 'timeout') return { kind: 'timeout', phase: 'completion', ...transcript() };
    if (next.kind === 'closed')
      return { kind: 'link_lost', phase: 'completion', detail: next.detail, ...transcript() };
    if (next.kind === 'error') {
      unreadable.push(next.error);
      continue;
    }
    const message = safeParse(next.apdu, command.control);
    let answer: ZvtApdu | undefined = POSITIVE_ACK;
    let end: ExchangeResult | undefined;
    if (message instanceof ZvtDecodeError) {
      unreadable.push(message);
    } else if (message.kind === 'ack' || message.kind === 'nack') {
      // While we are slave, acks only answer our own 06 B0; they need no answer.
      answer = undefined;
    } else {
      options.onMessage?.(message);
      switch (message.kind) {
        case 'status_information':
          statusInformation.push(message.info);
          answer = await answerStatus(message.info);
          break;
        case 'print_line':
          printouts.push({ kind: 'line', line: message.line });
          break;
        case 'print_text_block':
          printouts.push({ kind: 'block', block: message.block });
          break;
        case 'completion':
        case 'status_enquiry_completion':
          end = { kind: 'completed', completion: message.completion, ...transcript() };
          break;
        case 'abort':
          end = { kind: 'aborted', abort: message.abort, ...transcript() };
          break;
        case 'intermediate_status':
        case 'other':
          break;
      }
    }
    if (answer !== undefined) {
      const failed = await sendFailed(answer);
      // The PT ended the command before our ack was lost: the end is known, keep it.
      if (failed !== undefined && end === undefined) {
        return { kind: 'link_lost', phase: 'completion', detail: failed, ...transcript() };
      }
    }
    if (end !== undefined) return end;
  }
}

function safeParse(apdu: ZvtApdu, pendingCommand: number): PtMessage | ZvtDecodeError {
  try {
    return parsePtMessage(apdu, pendingCommand);
  } catch (e) {
    if (e instanceof ZvtDecodeError) return e;
    throw e;
  }
}
