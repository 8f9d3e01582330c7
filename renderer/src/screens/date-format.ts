/**
 * Dates on the session screens in each language's own long form (CLDR): "23 de febrero de 2027",
 * "23 de febrer del 2027", "23 de febreiro de 2027", "2027ko otsailaren 23", "23 February 2027" (British
 * order: a kiosk in Europe). Through Intl where the runtime has the language; Chromium's (and so
 * Electron's) ICU ships without Galician and Basque and would answer in American English, so for a
 * language it lacks the same CLDR pattern is applied from the tables below (a test checks that both give
 * the same text). Basque: CLDR writes "2027(e)ko … 23(a)" because the suffix depends on how the year is
 * read aloud; we resolve it ("2027ko", "2021eko") and drop the "(a)".
 */
import type { LanguageCode } from '../../../core/api/contract.ts';

const LOCALES: Readonly<Record<LanguageCode, string>> = {
  es: 'es-ES',
  ca: 'ca-ES',
  gl: 'gl-ES',
  eu: 'eu-ES',
  en: 'en-GB',
};

const MONTHS: Readonly<Record<LanguageCode, readonly string[]>> = {
  es: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
  ca: 'gener febrer març abril maig juny juliol agost setembre octubre novembre desembre'.split(' '),
  gl: 'xaneiro febreiro marzo abril maio xuño xullo agosto setembro outubro novembro decembro'.split(' '),
  eu: 'urtarrila otsaila martxoa apirila maiatza ekaina uztaila abuztua iraila urria azaroa abendua'.split(
    ' ',
  ),
  en: 'January February March April May June July August September October November December'.split(' '),
};

/** `2027-02-23` (a calendar day, no time zone) in the language's long date form. */
export function formatLongDate(iso: string, language: LanguageCode): string {
  const locale = LOCALES[language];
  const day = new Date(`${iso}T00:00:00Z`);
  if (Intl.DateTimeFormat.supportedLocalesOf(locale).length === 0) return fromTables(day, language);
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (language !== 'eu') return format.format(day);
  return format
    .formatToParts(day)
    .map((part) =>
      part.type === 'literal'
        ? part.value.replace('(e)ko', basqueYearSuffix(day.getUTCFullYear())).replace('(a)', '')
        : part.value,
    )
    .join('');
}

/** The CLDR long date pattern of each language, for runtimes whose ICU lacks it. */
export function fromTables(day: Date, language: LanguageCode): string {
  const d = day.getUTCDate();
  const y = day.getUTCFullYear();
  const month = MONTHS[language][day.getUTCMonth()] ?? '';
  switch (language) {
    case 'es':
    case 'gl':
      return `${d} de ${month} de ${y}`;
    case 'ca':
      return `${d} ${/^[aeiouàèéíòóú]/.test(month) ? 'd’' : 'de '}${month} del ${y}`;
    case 'eu':
      return `${y}${basqueYearSuffix(y)} ${month}ren ${d}`;
    case 'en':
      return `${d} ${month} ${y}`;
  }
}

/**
 * "-ko" or "-eko" after a year written in digits: "-eko" when its last spoken word ends in a consonant
 * (bat 1, bost 5, hamar 10, hamabost 15, ehun 100), "-ko" otherwise (bi, hiru… hogei, mila).
 */
export function basqueYearSuffix(year: number): string {
  const lastTwo = year % 100;
  if (lastTwo === 0) return year % 1000 === 0 ? 'ko' : 'eko';
  return [1, 5, 10, 15].includes(lastTwo % 20) ? 'eko' : 'ko';
}
