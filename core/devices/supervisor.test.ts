import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../api/contract.ts';
import { DeviceSupervisor } from './supervisor.ts';

const pending = { health: 'unknown', code: 'driver_pending' } as const;
const initial = {
  cardReader: pending,
  printer: pending,
  paymentTerminal: pending,
  scanner: pending,
  central: pending,
};

describe('DeviceSupervisor', () => {
  it('reports a change once, with the instant it happened', () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const supervisor = new DeviceSupervisor(() => now, initial);
    const seen: DeviceState[][] = [];
    supervisor.subscribe((devices) => seen.push(devices));
    now = new Date('2026-11-23T10:05:00Z');
    supervisor.report('printer', { health: 'warning', code: 'paper_near_end' });
    supervisor.report('printer', { health: 'warning', code: 'paper_near_end' });
    expect(seen).toHaveLength(1);
    expect(supervisor.get('printer')).toEqual({
      device: 'printer',
      health: 'warning',
      code: 'paper_near_end',
      since: '2026-11-23T10:05:00.000Z',
    });
    expect(supervisor.get('cardReader').since).toBe('2026-11-23T10:00:00.000Z');
    supervisor.report('printer', { health: 'warning', code: 'paper_near_end', detail: 'DLE EOT 4 = 0x0c' });
    expect(seen).toHaveLength(2);
  });
});
