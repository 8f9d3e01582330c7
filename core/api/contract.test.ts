import { describe, expect, it } from 'vitest';
import { callTimeoutMs, DEFAULT_CALL_TIMEOUT_MS, kioskCalls } from './contract.ts';

describe('call timeouts of the screen', () => {
  it('waits long enough for a citizen at the card terminal and for the DNIe, and not long for the rest', () => {
    expect(callTimeoutMs('recibo.pay')).toBeGreaterThanOrEqual(5 * 60_000);
    expect(callTimeoutMs('identification.submitPin')).toBeGreaterThanOrEqual(60_000);
    expect(callTimeoutMs('devices.list')).toBe(DEFAULT_CALL_TIMEOUT_MS);
  });

  it('never shortens a call below the client base, and knows every call', () => {
    for (const method of Object.keys(kioskCalls) as Array<keyof typeof kioskCalls>) {
      expect(callTimeoutMs(method, 30_000)).toBeGreaterThanOrEqual(30_000);
    }
    expect(callTimeoutMs('recibo.pay', 20 * 60_000)).toBe(20 * 60_000);
  });
});
