import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioBook } from './scenarios.ts';

describe('scenario selection', () => {
  it('takes queued scenarios first, then per-amount rules, then the default', () => {
    const book = new ScenarioBook();
    book.setDefault({ kind: 'approved', statusDelayMs: 5 });
    book.setForAmount(1313, { kind: 'pin-wrong' });
    book.queueNext({ kind: 'declined' }, { kind: 'customer-abort' });
    expect(book.take(1313).kind).toBe('declined');
    expect(book.take(500).kind).toBe('customer-abort');
    expect(book.take(1313).kind).toBe('pin-wrong');
    expect(book.take(500)).toEqual({ kind: 'approved', statusDelayMs: 5 });
    book.setForAmount(1313, undefined);
    expect(book.take(1313).kind).toBe('approved');
    book.reset();
    expect(book.default).toEqual({ kind: 'approved' });
  });

  it('parses the CLI notation', () => {
    expect(parseScenario('declined:51')).toEqual({
      kind: 'declined',
      resultCode: 0x51,
      statusDelayMs: undefined,
    });
    expect(parseScenario('approved@800')).toEqual({ kind: 'approved', statusDelayMs: 800 });
    expect(parseScenario('timeout:5000')).toMatchObject({ kind: 'timeout', silenceMs: 5000 });
    expect(parseScenario('reboot-recorded')).toMatchObject({ kind: 'reboot', recorded: true });
    expect(parseScenario('reboot-lost:100')).toMatchObject({ kind: 'reboot', recorded: false, downMs: 100 });
    expect(parseScenario('nonsense')).toBeUndefined();
    expect(parseScenario('approved@x')).toBeUndefined();
  });
});
