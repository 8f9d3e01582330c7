/**
 * An in-memory stand-in for node-hid's `HID` object: no kernel HID device can be created in CI (uhid
 * needs root), so tests drive the adapter through the same events node-hid emits: 'data' with one
 * input report as a Buffer, 'error' when a read fails.
 */
import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '../hid-scanner.ts';

export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;

  /** Sends input reports as node-hid would, one 'data' event each. */
  sendReports(reports: readonly Uint8Array[]): void {
    for (const report of reports) this.emit('data', Buffer.from(report));
  }

  /** What node-hid does when the device is unplugged: a read error, then no more data. */
  fail(message = 'could not read from HID device'): void {
    this.emit('error', new Error(message));
  }

  close(): void {
    this.closed = true;
  }
}
