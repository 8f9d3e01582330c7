import { describe, expect, it } from 'vitest';
import { WIRE_PATTERNS } from './contract.ts';
import { heartbeatDevices } from './heartbeat-devices.ts';

const since = '2026-11-23T09:00:00.000Z';

describe('heartbeatDevices', () => {
  it('names devices and codes as central accepts them and leaves central out', () => {
    const devices = heartbeatDevices([
      { device: 'cardReader', health: 'error', code: 'reader_absent', since, detail: 'x'.repeat(600) },
      { device: 'printer', health: 'warning', code: 'paper_near_end', since },
      { device: 'paymentTerminal', health: 'unknown', code: 'starting', since },
      { device: 'scanner', health: 'unknown', code: 'not_configured', since },
      { device: 'central', health: 'error', code: 'offline', since },
    ]);
    expect(devices.map((d) => [d.device, d.state, d.code])).toEqual([
      ['card_reader', 'error', 'card_reader.reader_absent'],
      ['printer', 'warning', 'printer.paper_near_end'],
      ['payment_terminal', 'warning', 'payment_terminal.starting'],
      ['scanner', 'absent', 'scanner.not_configured'],
    ]);
    expect(devices[0]?.detail).toHaveLength(500);
    for (const d of devices) {
      expect(WIRE_PATTERNS.device.test(d.device)).toBe(true);
      expect(WIRE_PATTERNS.eventType.test(d.code ?? '')).toBe(true);
    }
  });
});
