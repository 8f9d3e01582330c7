/**
 * node-hid adapter for HID POS scanners and keyboard-wedge scanners read as a HID keyboard. The device
 * is anything that emits node-hid's events ('data' with one input report, 'error'), so tests use an
 * in-memory fake: no kernel HID device can be created in CI.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import HID from 'node-hid';
import { ScannerTransportError } from './errors.ts';
import { hidPosLayoutFromDescriptor } from './hid-descriptor.ts';
import { HidPosDecoder, type HidPosDecoderOptions, type HidPosLayout } from './hid-pos.ts';
import { KeyboardWedgeDecoder, type KeyboardWedgeOptions } from './keyboard-wedge.ts';
import { ScannerBase, type ScannerMode } from './scanner.ts';

/** The part of node-hid's `HID` class the adapter uses. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
}

export type HidScannerOptions =
  | ({ readonly mode: 'hid-pos' } & HidPosDecoderOptions)
  | ({
      readonly mode: 'keyboard-wedge';
      /** Clock for the burst timing, in ms; `performance.now` by default. */
      readonly now?: () => number;
    } & KeyboardWedgeOptions);

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class HidScanner extends ScannerBase {
  readonly mode: ScannerMode;
  private readonly device: HidDeviceLike;
  private closed = false;

  constructor(device: HidDeviceLike, options: HidScannerOptions) {
    super();
    this.device = device;
    this.mode = options.mode;
    let decode: (report: Uint8Array) => void;
    if (options.mode === 'hid-pos') {
      const decoder = new HidPosDecoder(options);
      decode = (report) => this.deliver(decoder.push(report));
    } else {
      const decoder = new KeyboardWedgeDecoder(options);
      const now = options.now ?? (() => performance.now());
      decode = (report) => this.deliver(decoder.push(report, now()));
    }
    device.on('data', (report) => {
      if (!this.closed) decode(report);
    });
    device.on('error', (error) => {
      if (this.closed) return;
      // node-hid reports a failed read (device unplugged) this way and stops reading.
      this.reportError(new ScannerTransportError(`HID read failed: ${describe(error)}`, { cause: error }));
      this.setState('disconnected');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.setState('closed');
    this.device.removeAllListeners('data');
    try {
      this.device.close();
    } catch {
      // Closing a device that is already gone fails; there is nothing left to release.
    }
  }
}

/** Which HID device to open: a path from `listHidScanners`, or the first with this vendor/product id. */
export type HidDeviceSelector =
  | { readonly path: string }
  | { readonly vendorId: number; readonly productId: number };

/**
 * The HID POS layout of a Linux hidraw device (`/dev/hidrawN`), read from its report descriptor in
 * sysfs; null when the file cannot be read or has no Scanned Data Report we understand.
 */
export function hidPosLayoutOfHidraw(devicePath: string): HidPosLayout | null {
  try {
    const descriptor = readFileSync(`/sys/class/hidraw/${basename(devicePath)}/device/report_descriptor`);
    return hidPosLayoutFromDescriptor(new Uint8Array(descriptor));
  } catch {
    return null;
  }
}

/**
 * Opens a real device through node-hid and wraps it. In HID POS mode without a `layout`, the layout is
 * read from the device's report descriptor when opened by hidraw path, else the Honeywell preset.
 */
export function openHidScanner(selector: HidDeviceSelector, options: HidScannerOptions): HidScanner {
  if (options.mode === 'hid-pos' && options.layout === undefined && 'path' in selector) {
    const layout = hidPosLayoutOfHidraw(selector.path);
    if (layout !== null) options = { ...options, layout };
  }
  let device: HID.HID;
  try {
    device =
      'path' in selector ? new HID.HID(selector.path) : new HID.HID(selector.vendorId, selector.productId);
  } catch (error) {
    const which =
      'path' in selector
        ? selector.path
        : `${selector.vendorId.toString(16)}:${selector.productId.toString(16)}`;
    throw new ScannerTransportError(`cannot open HID device ${which}: ${describe(error)}`, { cause: error });
  }
  return new HidScanner(device, options);
}

/** HID usage page/usage pairs of the two modes (HID Usage Tables: 0x8C/0x02 Bar Code Scanner, 0x01/0x06 Keyboard). */
export const HID_USAGE = {
  barcodeScanner: { usagePage: 0x8c, usage: 0x02 },
  keyboard: { usagePage: 0x01, usage: 0x06 },
} as const;

export interface HidScannerCandidate {
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly product: string | undefined;
  readonly mode: 'hid-pos' | 'keyboard-wedge';
}

/**
 * HID interfaces that may be a scanner: every Bar Code Scanner collection, and the keyboards of
 * `vendorId` when given (a wedge scanner is indistinguishable from a keyboard but by its ids).
 * ASSUMPTION: usagePage/usage are filled by hidapi's hidraw backend (it reads them from the descriptor).
 */
export async function listHidScanners(vendorId?: number): Promise<HidScannerCandidate[]> {
  let devices: HID.Device[];
  try {
    devices = await HID.devicesAsync();
  } catch (error) {
    throw new ScannerTransportError(`cannot list HID devices: ${describe(error)}`, { cause: error });
  }
  const found: HidScannerCandidate[] = [];
  for (const device of devices) {
    if (device.path === undefined) continue;
    const base = {
      path: device.path,
      vendorId: device.vendorId,
      productId: device.productId,
      product: device.product,
    };
    const { barcodeScanner, keyboard } = HID_USAGE;
    if (device.usagePage === barcodeScanner.usagePage && device.usage === barcodeScanner.usage) {
      found.push({ ...base, mode: 'hid-pos' });
    } else if (
      vendorId === device.vendorId &&
      device.usagePage === keyboard.usagePage &&
      device.usage === keyboard.usage
    ) {
      found.push({ ...base, mode: 'keyboard-wedge' });
    }
  }
  return found;
}
