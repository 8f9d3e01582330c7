import { describe, expect, it } from 'vitest';
import { COMPACT_HID_POS_LAYOUT, encodeHidPosReports } from './hid-pos.ts';
import { HidScanner, hidPosLayoutOfHidraw, openHidScanner } from './hid-scanner.ts';
import { ScannerTransportError } from './errors.ts';
import { keyboardReportsFor } from './keyboard-wedge.ts';
import type { ScannerEvents } from './scanner.ts';
import { textToBytes } from './symbology.ts';
import { FakeHidDevice } from './testing/fake-hid-device.ts';

const RECIBO = '905212807930000000001791100255334000001000'; // spanish-formats.md §1.7

function record(scanner: HidScanner): {
  scans: ScannerEvents['scan'][];
  errors: string[];
  states: string[];
} {
  const seen = { scans: [] as ScannerEvents['scan'][], errors: [] as string[], states: [] as string[] };
  scanner.on('scan', (text, symbology) => seen.scans.push([text, symbology]));
  scanner.on('error', (error) => seen.errors.push(error.code));
  scanner.on('state', (state) => seen.states.push(state));
  return seen;
}

describe('HidScanner in HID POS mode', () => {
  it('emits a scan for the reports of one scan, and an error for a bad report', () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'hid-pos' });
    const seen = record(scanner);
    expect(scanner.mode).toBe('hid-pos');
    expect(scanner.state).toBe('ready');
    device.sendReports(encodeHidPosReports(textToBytes(RECIBO), ']C1', undefined, [16]));
    device.sendReports([Uint8Array.of(0x02, 0x01)]);
    expect(seen.scans).toEqual([[RECIBO, ']C1']]);
    expect(seen.errors).toEqual(['scanner.hid_report_truncated']);
  });

  it('uses the layout it is given', () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'hid-pos', layout: COMPACT_HID_POS_LAYOUT });
    const seen = record(scanner);
    device.sendReports(encodeHidPosReports(textToBytes(RECIBO), undefined, COMPACT_HID_POS_LAYOUT));
    expect(seen.scans).toEqual([[RECIBO, undefined]]);
  });

  it('goes to disconnected with a transport error when node-hid reports a read error', () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'hid-pos' });
    const seen = record(scanner);
    device.fail();
    expect(seen.errors).toEqual(['scanner.transport']);
    expect(seen.states).toEqual(['disconnected']);
    expect(scanner.state).toBe('disconnected');
  });

  it('close releases the device, says closed once, and ignores later reports', async () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'hid-pos' });
    const seen = record(scanner);
    await scanner.close();
    await scanner.close();
    expect(device.closed).toBe(true);
    expect(seen.states).toEqual(['closed']);
    device.sendReports(encodeHidPosReports(textToBytes(RECIBO), ']C1'));
    device.fail();
    expect(seen.scans).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('does not crash the process on a bad report when nobody listens for errors', () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'hid-pos' });
    const scans: string[] = [];
    scanner.on('scan', (text) => scans.push(text));
    expect(() => device.sendReports([Uint8Array.of(0x02)])).not.toThrow();
    device.sendReports(encodeHidPosReports(textToBytes(RECIBO), ']C1'));
    expect(scans).toEqual([RECIBO]);
  });
});

describe('HidScanner in keyboard-wedge mode', () => {
  it('times the reports with the clock it is given: a burst is a scan, slow typing is not', () => {
    const device = new FakeHidDevice();
    let now = 0;
    let step = 8;
    const scanner = new HidScanner(device, { mode: 'keyboard-wedge', now: () => (now += step) });
    const seen = record(scanner);
    device.sendReports(keyboardReportsFor(`]C1${RECIBO}\r`));
    step = 200;
    device.sendReports(keyboardReportsFor(`${RECIBO}\r`));
    expect(seen.scans).toEqual([[RECIBO, ']C1']]);
    expect(scanner.mode).toBe('keyboard-wedge');
  });

  it('reports a non-keyboard report as an error', () => {
    const device = new FakeHidDevice();
    const scanner = new HidScanner(device, { mode: 'keyboard-wedge', now: () => 0 });
    const seen = record(scanner);
    device.sendReports([Uint8Array.of(1, 2, 3)]);
    expect(seen.errors).toEqual(['scanner.keyboard_report_invalid']);
  });
});

describe('opening real HID devices', () => {
  it('refuses a device that does not exist with a transport error', () => {
    expect(() => openHidScanner({ path: '/dev/hidraw-does-not-exist' }, { mode: 'hid-pos' })).toThrow(
      ScannerTransportError,
    );
  });

  it('has no descriptor layout for a device that does not exist', () => {
    expect(hidPosLayoutOfHidraw('/dev/hidraw-does-not-exist')).toBeNull();
  });
});
