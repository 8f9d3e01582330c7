/**
 * Civil dates as ISO `YYYY-MM-DD` text, the form the database takes and returns (central/db/database.ts).
 * Arithmetic goes through day numbers on the UTC calendar, which has no daylight-saving gaps.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function parseIsoDate(iso: IsoDate): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(iso);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** Days since 1970-01-01. The text must be a real date (`parseIsoDate`). */
export function dayNumber(iso: IsoDate): number {
  const date = parseIsoDate(iso)!;
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

export function isoFromDayNumber(days: number): IsoDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same day `years` years later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(iso: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(iso)!;
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** Full years lived on `on` by someone born on `birth` (the legal age: birthday reached counts). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birth)!;
  const o = parseIsoDate(on)!;
  const hadBirthday = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (hadBirthday ? 0 : 1);
}
