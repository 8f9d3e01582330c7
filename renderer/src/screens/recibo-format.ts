/**
 * Amounts and dates on the recibo screens. The renderer imports nothing from core but the contract, so
 * this mirrors core/recibos formatEuros: es/ca/gl/eu `1.234,56 €` (no-break space before €, grouping
 * from 4 digits, which Intl's `es` leaves ungrouped), en `€1,234.56`. Integer cents only.
 */
import type { LanguageCode } from '../../../core/api/contract.ts';

function group(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export function formatAmount(cents: number, language: LanguageCode): string {
  const whole = group(String(Math.floor(cents / 100)), language === 'en' ? ',' : '.');
  const fraction = String(cents % 100).padStart(2, '0');
  return language === 'en' ? `€${whole}.${fraction}` : `${whole},${fraction}\u00a0€`;
}

/** `2026-03-31` → `31/03/2026` (en: `31/03/2026` too: the date printed on Spanish recibos). */
export function formatIsoDay(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** Digits in groups of four, so a person can compare them with the paper. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
