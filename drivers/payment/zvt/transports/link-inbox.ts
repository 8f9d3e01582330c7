/**
 * What every transport hands to {@link ZvtLink.receive}: APDUs and decode errors in arrival order, one
 * waiter at a time, a timeout per wait, and a closed state that answers every later wait at once (the
 * session then reports `link_lost`, never a silent hang).
 */
import type { ZvtApdu } from '../apdu.ts';
import type { ZvtDecodeError } from '../errors.ts';
import type { LinkReceive } from '../session.ts';

const MAX_TIMER_MS = 2_147_483_647;

type Item = Exclude<LinkReceive, { kind: 'timeout' } | { kind: 'closed' }>;

export class LinkInbox {
  readonly #items: Item[] = [];
  #waiter: ((r: LinkReceive) => void) | undefined;
  #closed: string | undefined;

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Items waiting to be received (tests, diagnostics). */
  get size(): number {
    return this.#items.length;
  }

  pushApdu(apdu: ZvtApdu): void {
    this.#push({ kind: 'apdu', apdu });
  }

  pushError(error: ZvtDecodeError): void {
    this.#push({ kind: 'error', error });
  }

  /** Marks the channel gone; items already queued are still delivered first. */
  close(detail: string): void {
    if (this.#closed !== undefined) return;
    this.#closed = detail;
    if (this.#items.length === 0) this.#wake({ kind: 'closed', detail });
  }

  /** Drops queued items (late messages of a command that already ended); returns how many. */
  discard(): number {
    return this.#items.splice(0).length;
  }

  /** Forgets queued items and the closed state (a fresh connection starts with an empty inbox). */
  reopen(): void {
    this.#items.length = 0;
    this.#closed = undefined;
  }

  receive(timeoutMs: number): Promise<LinkReceive> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.#closed !== undefined) return Promise.resolve({ kind: 'closed', detail: this.#closed });
    // A second concurrent receive would steal APDUs from the session; the session never does it.
    this.#wake({ kind: 'timeout' });
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          if (this.#waiter === done) this.#waiter = undefined;
          resolve({ kind: 'timeout' });
        },
        // setTimeout fires at once for delays past 2^31-1 ms; "wait forever" must really wait.
        Math.min(MAX_TIMER_MS, Math.max(0, timeoutMs)),
      );
      const done = (r: LinkReceive): void => {
        clearTimeout(timer);
        resolve(r);
      };
      this.#waiter = done;
    });
  }

  #push(item: Item): void {
    if (this.#closed !== undefined) return;
    if (this.#waiter !== undefined) this.#wake(item);
    else this.#items.push(item);
  }

  #wake(r: LinkReceive): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(r);
  }
}
