/**
 * What a transport gives the terminal: whole APDUs in (queued), whole APDUs out. The serial link
 * (serial-link.ts) and the TCP link (tcp-server.ts) both implement it; tests use MemoryLink-like fakes.
 */
import { ZvtLinkError } from './errors.ts';

export interface ApduLink {
  /** Sends one APDU; resolves when the link layer accepted it (serial: ACK byte received). */
  send(apdu: Uint8Array): Promise<void>;
  /** Next APDU from the ECR, or undefined after `timeoutMs` (0 = only what is already queued). */
  receive(timeoutMs: number): Promise<Uint8Array | undefined>;
  readonly closed: boolean;
}

export function linkClosedError(detail: string): ZvtLinkError {
  return new ZvtLinkError('zvtsim.link_closed', 'Se ha cerrado la conexión con la caja (ECR).', detail);
}

/** FIFO of received APDUs with one waiting reader. */
export class ApduQueue {
  #items: Uint8Array[] = [];
  #waiter: ((apdu: Uint8Array | undefined) => void) | undefined;
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  push(apdu: Uint8Array): void {
    if (this.#closed) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(apdu);
    } else {
      this.#items.push(apdu);
    }
  }

  clear(): void {
    this.#items = [];
  }

  close(): void {
    this.#closed = true;
    this.#items = [];
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(undefined);
  }

  receive(timeoutMs: number): Promise<Uint8Array | undefined> {
    const first = this.#items.shift();
    if (first) return Promise.resolve(first);
    if (this.#closed) return Promise.reject(linkClosedError('receive on a closed link'));
    if (timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            if (this.#waiter === done) this.#waiter = undefined;
            resolve(undefined);
          }, timeoutMs)
        : undefined;
      const done = (apdu: Uint8Array | undefined): void => {
        clearTimeout(timer);
        if (apdu === undefined) reject(linkClosedError('link closed while waiting'));
        else resolve(apdu);
      };
      this.#waiter = done;
    });
  }
}
