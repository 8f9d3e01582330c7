/**
 * A civil date without time or zone. The kiosk decides what "today" is in the municipality's zone
 * (Europe/Madrid or Atlantic/Canary) and passes it in; nothing here reads a clock.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Day of the year, 1-366 (the "día juliano" of Cuaderno 60, §1.3). */
export function dayOfYear(date: CalendarDate): number {
  const before = DAYS_BEFORE_MONTH[date.month - 1] ?? 0;
  return before + date.day + (date.month > 2 && isLeapYear(date.year) ? 1 : 0);
}

/** Inverse of `dayOfYear`; `undefined` when the year has no such day (0, 366 in a common year, 367+). */
export function fromDayOfYear(year: number, ordinal: number): CalendarDate | undefined {
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > daysInYear(year)) return undefined;
  let remaining = ordinal;
  for (let month = 1; month <= 12; month++) {
    const length = daysInMonth(year, month);
    if (remaining <= length) return { year, month, day: remaining };
    remaining -= length;
  }
  return undefined;
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `2025-11-30`: for logs and ledgers; screens format dates through the locale catalogue. */
export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
