import type { CertificateRow } from './staff.repo.ts';

/** Is a certificate valid on a calendar date (YYYY-MM-DD)? Issued on or before, not expired before. */
export function certificateValidOn(c: Pick<CertificateRow, 'issuedOn' | 'expiresOn'>, date: string): boolean {
  return c.issuedOn <= date && (c.expiresOn === null || c.expiresOn >= date);
}

/** The best certificate of a kind for a date: a valid one with the latest expiry, else the latest one. */
export function bestCertificate<T extends Pick<CertificateRow, 'issuedOn' | 'expiresOn'>>(
  certs: T[],
  date: string,
): T | null {
  const key = (c: T) => c.expiresOn ?? '9999-12-31';
  const sorted = [...certs].sort((a, b) => key(b).localeCompare(key(a)));
  return sorted.find((c) => certificateValidOn(c, date)) ?? sorted[0] ?? null;
}

/** The kinds among `certs` that are valid on `date` (revoked ones must be filtered out before). */
export function validKindsOn(
  certs: Pick<CertificateRow, 'kind' | 'issuedOn' | 'expiresOn'>[],
  date: string,
): string[] {
  return [...new Set(certs.filter((c) => certificateValidOn(c, date)).map((c) => c.kind))].sort();
}

/** China Standard Time has no daylight saving: local time is UTC+8 all year. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Minutes since midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export interface ShiftLike {
  weekday: number;
  startTime: string;
  endTime: string;
}
export interface LeaveLike {
  fromDate: string;
  toDate: string;
}

/** One local (CST) day's part of a window: its date, ISO weekday and minutes [from, to). */
interface DayPart {
  date: string;
  weekday: number;
  from: number;
  to: number;
}

/** Splits the instant window [start, end) into its parts per local calendar day. */
export function localDayParts(start: Date, end: Date): DayPart[] {
  const parts: DayPart[] = [];
  let s = start.getTime() + CST_OFFSET_MS;
  const e = end.getTime() + CST_OFFSET_MS;
  while (s < e) {
    const dayStart = Math.floor(s / DAY_MS) * DAY_MS;
    const partEnd = Math.min(e, dayStart + DAY_MS);
    const d = new Date(dayStart);
    parts.push({
      date: d.toISOString().slice(0, 10),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
      from: Math.round((s - dayStart) / 60_000),
      to: Math.round((partEnd - dayStart) / 60_000),
    });
    s = partEnd;
  }
  return parts;
}

/** Do the shifts of a weekday, joined where they touch, cover the minutes [from, to)? */
function shiftsCover(shifts: ShiftLike[], weekday: number, from: number, to: number): boolean {
  const spans = shifts
    .filter((x) => x.weekday === weekday)
    .map((x) => [minutesOf(x.startTime), minutesOf(x.endTime)] as const)
    .sort((a, b) => a[0] - b[0]);
  let reached = from;
  for (const [s, e] of spans) {
    if (s > reached) break;
    reached = Math.max(reached, e);
    if (reached >= to) return true;
  }
  return reached >= to;
}

/**
 * Is someone with these weekly shifts and leave available for the whole window [start, end)? Every local
 * day part must lie inside that weekday's shifts, and no leave may touch a day of the window.
 */
export function availableFor(shifts: ShiftLike[], leaves: LeaveLike[], start: Date, end: Date): boolean {
  if (end.getTime() <= start.getTime()) return false;
  return localDayParts(start, end).every(
    (p) =>
      shiftsCover(shifts, p.weekday, p.from, p.to) &&
      !leaves.some((l) => l.fromDate <= p.date && l.toDate >= p.date),
  );
}

/** A work base rounded to BASE_POSITION_DECIMALS: coarse enough not to be an address. */
export function coarsePosition(
  p: { lat: number; lng: number },
  decimals: number,
): { lat: number; lng: number } {
  const f = 10 ** decimals;
  return { lat: Math.round(p.lat * f) / f, lng: Math.round(p.lng * f) / f };
}

/** Rows grouped by their `userId`. */
export function byUser<T extends { userId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.userId);
    if (list) list.push(r);
    else out.set(r.userId, [r]);
  }
  return out;
}
