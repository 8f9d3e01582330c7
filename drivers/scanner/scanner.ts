/**
 * The kiosk's view of a barcode scanner, whatever its wire: it says when something was scanned, when
 * something went wrong, and whether it is there at all. The adapters (hid-scanner.ts,
 * serial-scanner.ts) are thin: they feed bytes to a pure decoder and forward its events.
 * The scanner does not parse recibos: core/recibos validates the text it delivers.
 */
import { EventEmitter } from 'node:events';
import type { KioskError } from '../common/kiosk-error.ts';
import type { DecodeEvent } from './scan.ts';

/** `ready`: open and reading; `disconnected`: the device failed or went away; `closed`: we closed it. */
export type ScannerState = 'ready' | 'disconnected' | 'closed';

export type ScannerMode = 'hid-pos' | 'keyboard-wedge' | 'serial';

export type ScannerEvents = {
  /** A complete scan: its text (AIM identifier split off) and the identifier when known (`]C1`). */
  scan: [text: string, symbology: string | undefined];
  /** A bad report, a too long scan, a transport failure. The scanner keeps going unless `state` says not. */
  error: [error: KioskError];
  state: [state: ScannerState];
};

export interface BarcodeScanner {
  readonly mode: ScannerMode;
  readonly state: ScannerState;
  on<E extends keyof ScannerEvents>(event: E, listener: (...args: ScannerEvents[E]) => void): this;
  off<E extends keyof ScannerEvents>(event: E, listener: (...args: ScannerEvents[E]) => void): this;
  /** Stops reading and releases the device; idempotent. */
  close(): Promise<void>;
}

/** What the adapters share: event plumbing and the state machine. */
export abstract class ScannerBase extends EventEmitter<ScannerEvents> implements BarcodeScanner {
  abstract readonly mode: ScannerMode;
  private current: ScannerState = 'ready';

  get state(): ScannerState {
    return this.current;
  }

  abstract close(): Promise<void>;

  protected setState(state: ScannerState): void {
    if (state === this.current || this.current === 'closed') return;
    this.current = state;
    this.emit('state', state);
  }

  /** Errors go to 'error' listeners; with none, they are dropped rather than crash the kiosk (EventEmitter rule). */
  protected reportError(error: KioskError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  protected deliver(events: readonly DecodeEvent[]): void {
    for (const event of events) {
      if (event.kind === 'scan') this.emit('scan', event.scan.text, event.scan.symbology);
      else this.reportError(event.error);
    }
  }
}
