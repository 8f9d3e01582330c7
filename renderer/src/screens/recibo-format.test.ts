import { describe, expect, it } from 'vitest';
import { formatAmount, formatIsoDay, groupDigits } from './recibo-format.ts';

describe('recibo formatting on screen', () => {
  it('formats euros in each language', () => {
    expect(formatAmount(123456, 'es')).toBe('1.234,56\u00a0€');
    expect(formatAmount(4250, 'eu')).toBe('42,50\u00a0€');
    expect(formatAmount(5, 'gl')).toBe('0,05\u00a0€');
    expect(formatAmount(123456789, 'ca')).toBe('1.234.567,89\u00a0€');
    expect(formatAmount(123456, 'en')).toBe('€1,234.56');
  });

  it('writes dates and long numbers as on the paper', () => {
    expect(formatIsoDay('2026-03-31')).toBe('31/03/2026');
    expect(groupDigits('123456789012')).toBe('1234 5678 9012');
  });
});
