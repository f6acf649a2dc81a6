/**
 * Calendar dates (`YYYY-MM-DD`, China Standard Time) shared by every module: what day it is in China,
 * date arithmetic and ages. `now` is always a parameter.
 */

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The calendar date in China Standard Time (UTC+8) at the given instant. */
export function chinaDate(instant: Date): Ymd {
  const shifted = new Date(instant.getTime() + 8 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function formatYmd({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` → Ymd when it is a real calendar date, else null. */
export function parseIsoDate(text: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * The date in `year` on which a period that started on `from` completes.
 * 民法典 Art. 202: with no corresponding day (29 Feb in a common year) the
 * period ends on the last day of that month, i.e. 28 Feb.
 */
export function anniversary(from: Ymd, year: number): Ymd {
  return { year, month: from.month, day: Math.min(from.day, daysInMonth(year, from.month)) };
}

/** Age in whole years on `on` (someone born on 29 Feb turns a year older on 28 Feb in common years). */
export function ageOn(birth: Ymd, on: Ymd): number {
  const birthday = anniversary(birth, on.year);
  const reached = on.month > birthday.month || (on.month === birthday.month && on.day >= birthday.day);
  return on.year - birth.year - (reached ? 0 : 1);
}

/** The date when year, month and day make a real calendar date, else null. */
export function realDate(year: number, month: number, day: number): Ymd | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Today's date in China (`YYYY-MM-DD`). */
export function todayIso(now: Date): string {
  return formatYmd(chinaDate(now));
}

/** The instant a China calendar day (`YYYY-MM-DD`) begins: its midnight at UTC+8. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** `YYYY-MM-DD` plus `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Same day `months` later (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whole years on `now` (China date) for a `YYYY-MM-DD` birth date. */
export function ageOf(birthDate: string, now: Date): number {
  const birth = parseIsoDate(birthDate);
  if (!birth) throw new RangeError(`not a date: ${birthDate}`);
  return ageOn(birth, chinaDate(now));
}
