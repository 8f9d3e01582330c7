/** Test doubles shared by the transport tests and the factory test. */
import { EventEmitter } from 'node:events';
import type { HidDevice } from './hid-link.ts';

/** In-memory stand-in for node-hid's HID object (no kernel HID device can be created here). */
export class FakeHidDevice extends EventEmitter implements HidDevice {
  readonly reports: Uint8Array[] = [];
  closed = false;
  failWrites = false;
  onReport: (report: Uint8Array) => void = () => {};
  write(report: number[] | Buffer): number {
    if (this.failWrites) throw new Error('could not write to HID device');
    const bytes = Uint8Array.from(report);
    this.reports.push(bytes);
    this.onReport(bytes);
    return bytes.length;
  }
  close(): void {
    this.closed = true;
  }
  /** The device sends a report, as node-hid emits it. */
  input(report: Uint8Array): void {
    this.emit('data', Buffer.from(report));
  }
}
