/**
 * One connection to the card in one reader: raw transmit with a timeout, the T=0 response rules on top,
 * and typed errors. When the monitor sees the card go (or pcscd go) it aborts the connection, so a
 * pending command fails at once with `pcsc.card_removed` / `pcsc.no_service` even if the native call is
 * still blocked.
 */
import { type CommandApdu, encodeCommandApdu, hex, type ResponseApdu } from './apdu.ts';
import { type BindingReader, SCARD_DISPOSITION } from './binding.ts';
import { PcscError, StatusWordError } from './errors.ts';
import { toPcscError } from './scard-errors.ts';
import { isSuccess, statusWordText } from './status-word.ts';
import { exchangeT0 } from './t0-exchange.ts';

export type Protocol = 'T0' | 'T1';
export type Disposition = keyof typeof SCARD_DISPOSITION;

/** Room for the largest extended response (65536 data bytes + SW). */
const RESPONSE_BUFFER = 65538;

export interface CardConnectionOptions {
  readonly reader: BindingReader;
  readonly protocol: Protocol;
  readonly protocolValue: number;
  readonly atr: Uint8Array;
  /** Upper bound for one raw APDU round trip. */
  readonly transmitTimeoutMs: number;
  readonly onClose?: () => void;
  /** How long a failed transmit waits for pcscd to report the card gone (its poll is 400 ms). */
  readonly removalGraceMs?: number;
}

export class CardConnection {
  readonly readerName: string;
  readonly protocol: Protocol;
  readonly atr: Uint8Array;
  readonly #reader: BindingReader;
  readonly #protocolValue: number;
  readonly #timeoutMs: number;
  readonly #onClose: (() => void) | undefined;
  readonly #removalGraceMs: number;
  #broken: PcscError | undefined;
  #closed = false;
  readonly #pending = new Set<(error: PcscError) => void>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CardConnectionOptions) {
    this.#reader = options.reader;
    this.readerName = options.reader.name;
    this.protocol = options.protocol;
    this.#protocolValue = options.protocolValue;
    this.atr = options.atr;
    this.#timeoutMs = options.transmitTimeoutMs;
    this.#onClose = options.onClose;
    this.#removalGraceMs = options.removalGraceMs ?? 1200;
  }

  get usable(): boolean {
    return !this.#closed && this.#broken === undefined;
  }

  /** Called by the monitor: every pending and later command fails with `error`. */
  abort(error: PcscError): void {
    if (this.#broken === undefined) this.#broken = error;
    for (const reject of this.#pending) reject(error);
    this.#pending.clear();
  }

  /** Sends a command, applying 61xx/6Cxx; returns whatever status word the card ends with. */
  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    // Commands are serialised: one card, one command at a time.
    const run = this.#queue.then(() =>
      exchangeT0(command, (bytes) => this.transmitRaw(bytes), { dropCase4Le: this.protocol === 'T0' }),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Like transmit, but a status word other than 9000 is a StatusWordError. */
  async transmitOk(command: CommandApdu): Promise<Uint8Array> {
    const response = await this.transmit(command);
    if (!isSuccess(response.sw)) {
      throw new StatusWordError(response.sw, statusWordText(response.sw), describe(command));
    }
    return response.data;
  }

  /** One raw APDU exchange with the timeout; no T=0 rules. */
  transmitRaw(bytes: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new PcscError('not_connected', `${this.readerName}: closed`));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise<Uint8Array>((resolve, reject) => {
      let settled = false;
      const fail = (error: PcscError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => {
        const error = new PcscError(
          'timeout',
          `${this.readerName}: no answer to ${hex(bytes.subarray(0, 4))} in ${this.#timeoutMs} ms`,
        );
        // The native call may still be blocked; nothing more can be sent on this handle.
        this.abort(error);
        fail(error);
      }, this.#timeoutMs);
      this.#pending.add(fail);
      // A card pulled mid-command shows first as an empty answer or "transaction failed"; pcscd reports
      // the removal itself only at its next poll. Wait that long for the monitor's verdict (abort) before
      // calling it a plain failure.
      const suspicious = (error: PcscError): void => {
        clearTimeout(timer);
        setTimeout(() => fail(error), this.#removalGraceMs);
      };
      try {
        this.#reader.transmit(Buffer.from(bytes), RESPONSE_BUFFER, this.#protocolValue, (error, data) => {
          if (settled) return;
          const what = `SCardTransmit ${hex(bytes.subarray(0, 4))}`;
          if (error) {
            const typed = toPcscError(error, what);
            if (typed.failure === 'failure') {
              suspicious(typed);
              return;
            }
            this.abort(typed);
            fail(typed);
            return;
          }
          if (data.length === 0) {
            suspicious(new PcscError('failure', `${what}: empty answer`));
            return;
          }
          settled = true;
          clearTimeout(timer);
          this.#pending.delete(fail);
          resolve(new Uint8Array(data));
        });
      } catch (error) {
        fail(toPcscError(error, 'SCardTransmit'));
      }
    });
  }

  /** Ends the connection; never throws (the card may already be gone). */
  async close(disposition: Disposition = 'reset'): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.abort(new PcscError('not_connected', `${this.readerName}: closed`));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      try {
        this.#reader.disconnect(SCARD_DISPOSITION[disposition], () => {
          clearTimeout(timer);
          resolve();
        });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
    this.#onClose?.();
  }
}

function describe(command: CommandApdu): string {
  return hex(encodeCommandApdu({ cla: command.cla, ins: command.ins, p1: command.p1, p2: command.p2 }));
}
