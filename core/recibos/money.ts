/**
 * Euro amounts as integer cents (spanish-formats.md §7). No float ever holds money: formatting hands
 * Intl.NumberFormat an exact decimal string, parsing builds cents from the digits with BigInt.
 */
import { MoneyError } from './money-error.ts';

/** A whole number of euro cents, within Number.MAX_SAFE_INTEGER. `12345` is 123,45 €. */
export type Cents = number;

/** The kiosk's screen languages (DESIGN/STYLE: catalogues in es, ca, gl, eu, en). */
export const KIOSK_LANGUAGES = ['es', 'ca', 'gl', 'eu', 'en'] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];

/** Locale used for each language; English in its euro-area form (same output as en-GB). */
const LOCALES: Record<KioskLanguage, string> = {
  es: 'es-ES',
  ca: 'ca-ES',
  gl: 'gl-ES',
  eu: 'eu-ES',
  en: 'en-IE',
};

const formatters = new Map<KioskLanguage, Intl.NumberFormat>();

function formatterFor(language: KioskLanguage): Intl.NumberFormat {
  let formatter = formatters.get(language);
  if (formatter === undefined) {
    // useGrouping 'always': CLDR's es has minimumGroupingDigits 2, so the default prints 1234,56 € (§7).
    formatter = new Intl.NumberFormat(LOCALES[language], {
      style: 'currency',
      currency: 'EUR',
      useGrouping: 'always',
    });
    formatters.set(language, formatter);
  }
  return formatter;
}

export function isCents(value: unknown): value is Cents {
  return Number.isSafeInteger(value);
}

/** `123456` → `'1234.56'`, `-5` → `'-0.05'`: the exact decimal, built from the integer's digits. */
export function centsToDecimalString(cents: Cents): `${number}` {
  if (!isCents(cents)) throw new MoneyError('money.cents_invalid', `not a safe integer: ${String(cents)}`);
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}` as `${number}`;
}

/**
 * An amount for screens and receipts: es/ca/gl/eu `1.234,56 €` (no-break space U+00A0 before €;
 * eu writes negatives with U+2212), en `€1,234.56`.
 */
export function formatEuros(cents: Cents, language: KioskLanguage = 'es'): string {
  return formatterFor(language).format(centsToDecimalString(cents));
}

export interface ParseAmountOptions {
  /** Largest acceptable amount; defaults to Number.MAX_SAFE_INTEGER cents. */
  readonly maxCents?: Cents;
}

const GROUPED_INTEGER = /^[1-9][0-9]{0,2}$/;

/** `1.234.567` with `.` as the separator → `1234567`; undefined if the groups are not 1-3 then 3s. */
function ungroup(integer: string, separator: string): string | undefined {
  const groups = integer.split(separator);
  const [first, ...rest] = groups;
  if (first === undefined || !GROUPED_INTEGER.test(first)) return undefined;
  return rest.every((g) => /^[0-9]{3}$/.test(g)) ? groups.join('') : undefined;
}

function splitAmount(text: string): { integer: string; fraction: string } {
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  const invalid = () =>
    new MoneyError('money.amount_invalid', `pattern not recognised (${text.length} chars)`);
  if (dots === 0 && commas === 0) return { integer: text, fraction: '' };

  let decimal: string | undefined;
  let group: string | undefined;
  if (dots > 0 && commas > 0) {
    // Both kinds: the last one is the decimal separator (1.234,56 or 1,234.56).
    decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    group = decimal === ',' ? '.' : ',';
    if ((decimal === ',' ? commas : dots) !== 1) throw invalid();
  } else {
    const separator = dots > 0 ? '.' : ',';
    if ((dots || commas) > 1) {
      // 1.234.567 (or 1,234,567): only thousands separators, whole euros.
      const integer = ungroup(text, separator);
      if (integer === undefined) throw invalid();
      return { integer, fraction: '' };
    }
    const [integer = '', fraction = ''] = text.split(separator);
    if (fraction.length === 3 && GROUPED_INTEGER.test(integer)) {
      // 1.234 is 1234 € in Spanish and 1,234 € in English; 1,234 the other way round. Ask again.
      throw new MoneyError('money.amount_ambiguous', `one "${separator}" followed by 3 digits`);
    }
    decimal = separator;
  }

  const [integerPart = '', fraction = ''] = text.split(decimal);
  const integer = group === undefined ? integerPart : ungroup(integerPart, group);
  if (integer === undefined || fraction === '') throw invalid();
  return { integer, fraction };
}

/**
 * A typed amount into cents: `12,50`, `12.50`, `12,5`, `1.234,56`, `1,234.56`, `1234`, `12,50 €`.
 * Refused with `MoneyError`: empty, signs or letters, more than 2 decimals, misplaced thousands
 * separators, and `1.234` / `1,234` (thousands or decimals? the kiosk asks again rather than guess).
 */
export function parseEuroAmount(input: string, options: ParseAmountOptions = {}): Cents {
  if (typeof input !== 'string')
    throw new MoneyError('money.amount_invalid', `expected a string, got ${typeof input}`);
  const text = input.trim().replace(/^€\s*/, '').replace(/\s*€$/, '');
  if (text === '') throw new MoneyError('money.amount_empty');
  if (!/^[0-9.,]+$/.test(text)) {
    throw new MoneyError(
      'money.amount_invalid',
      `characters other than digits, "." and "," (${text.length} chars)`,
    );
  }
  const { integer, fraction } = splitAmount(text);
  if (fraction.length > 2) throw new MoneyError('money.too_many_decimals', `${fraction.length} decimals`);
  if (!/^[0-9]*$/.test(integer) || !/^[0-9]*$/.test(fraction) || integer + fraction === '') {
    throw new MoneyError('money.amount_invalid', 'no digits');
  }
  const cents = BigInt(integer === '' ? '0' : integer) * 100n + BigInt(fraction.padEnd(2, '0'));
  const max = BigInt(options.maxCents ?? Number.MAX_SAFE_INTEGER);
  if (cents > max) throw new MoneyError('money.amount_too_large', `more than ${max} cents`);
  return Number(cents);
}
