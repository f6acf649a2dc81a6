/**
 * Pure rules of the facility module (decision 028): what "operating as of a date" and "serving as of a
 * date" mean. Dates are China calendar dates, 'YYYY-MM-DD' (platform/dates.ts).
 */

export interface FacilityPeriod {
  status: string;
  openedOn: string | null;
  closedOn: string | null;
}

/**
 * Was the facility operating on `asOf`? Status operating or closed (a closed one operated until it
 * closed), opened_on null (open since before records) or ≤ asOf, and closed_on null or > asOf. Planned and
 * building facilities never operate.
 */
export function operatingOn(f: FacilityPeriod, asOf: string): boolean {
  if (f.status !== 'operating' && f.status !== 'closed') return false;
  if (f.openedOn !== null && f.openedOn > asOf) return false;
  if (f.closedOn !== null && f.closedOn <= asOf) return false;
  return f.status === 'operating' || f.closedOn !== null;
}

/** Does a coverage row [validFrom, validTo) hold on `asOf`? */
export function servingOn(row: { validFrom: string; validTo: string | null }, asOf: string): boolean {
  return row.validFrom <= asOf && (row.validTo === null || row.validTo > asOf);
}
