import { addDays, todayIso } from '../../platform/dates.ts';
import type { Executor } from '../../platform/db.ts';
import {
  dispatchFactsRows,
  providerFactsRows,
  providerVersion,
  type ProviderFactsRow,
} from './staff.dispatch.repo.ts';
import { availableFor, localDayParts, validKindsOn, type LeaveLike, type ShiftLike } from './staff.rules.ts';

/** A provider's caregiver as dispatch sees it (issue 14). */
export interface CaregiverFacts {
  userId: string;
  organisationId: string;
  displayName: string;
  /** Work base for distance (rounded to ≈110 m; never the home address), null when not recorded. */
  base: { lat: number; lng: number } | null;
  /** Certificate kinds valid on the date asked (health_certificate included), sorted. */
  validKinds: string[];
}

interface Cached {
  userId: string;
  displayName: string;
  base: { lat: number; lng: number } | null;
  certs: { kind: string; issuedOn: string; expiresOn: string | null }[];
  shifts: ShiftLike[];
  leaves: LeaveLike[];
}
interface Entry {
  version: number;
  /** Leave ending before this date is not kept: windows starting before it are read from the tables. */
  leaveFrom: string;
  caregivers: Cached[];
}

/** Providers kept per database handle (per instance); the oldest is dropped beyond this. */
const MAX_PROVIDERS = 500;
const caches = new WeakMap<object, Map<string, Entry>>();

const shiftOf = (s: string): ShiftLike => {
  const [weekday, startTime, endTime] = s.split(' ');
  return { weekday: Number(weekday), startTime: startTime!, endTime: endTime! };
};
const leaveOf = (s: string): LeaveLike => {
  const [fromDate, toDate] = s.split(' ');
  return { fromDate: fromDate!, toDate: toDate! };
};
const cachedOf = (r: ProviderFactsRow & { id: string }): Cached => ({
  userId: r.id,
  displayName: r.display_name,
  base: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
  certs: r.certs.map((c) => {
    const [kind, issuedOn, expiresOn] = c.split(' ');
    return { kind: kind!, issuedOn: issuedOn!, expiresOn: expiresOn || null };
  }),
  shifts: r.shifts.map(shiftOf),
  leaves: r.leaves.map(leaveOf),
});

/**
 * A provider's caregivers from the per-instance cache, re-read (one statement) when the provider's version
 * moved since (decision 023); null when the window starts before the cached leave (read the tables).
 */
async function cachedProvider(
  db: Executor,
  organisationId: string,
  fromDate: string,
): Promise<Cached[] | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(organisationId);
  if (hit && fromDate < hit.leaveFrom) return null;
  if (hit && (await providerVersion(db, organisationId)) === hit.version) return hit.caregivers;
  const leaveFrom = addDays(todayIso(new Date()), -1);
  if (fromDate < leaveFrom) return null;
  const rows = await providerFactsRows(db, organisationId, leaveFrom);
  const entry: Entry = {
    version: Number(rows[0]?.version ?? 0),
    leaveFrom,
    caregivers: rows.filter((r): r is ProviderFactsRow & { id: string } => r.id !== null).map(cachedOf),
  };
  cache.delete(organisationId);
  if (cache.size >= MAX_PROVIDERS) cache.delete(cache.keys().next().value!);
  cache.set(organisationId, entry);
  return entry.caregivers;
}

/**
 * Dispatch's read (decision 023): the active caregivers of these providers (by name within each), with the kinds
 * valid on `onDate`, and those available for the whole window [start, end) — weekly shifts cover it and no
 * leave touches its days (staff.rules.ts `availableFor`). From the per-provider cache, or, for one caregiver
 * (`onlyUserId`) or a window before the cached leave, in one statement reading only their rows.
 */
export async function dispatchFactsOf(
  db: Executor,
  organisationIds: string[],
  onDate: string,
  start: Date,
  end: Date,
  onlyUserId?: string,
): Promise<{ caregivers: CaregiverFacts[]; available: Set<string> }> {
  const available = new Set<string>();
  const caregivers: CaregiverFacts[] = [];
  if (organisationIds.length === 0) return { caregivers, available };
  const parts = end.getTime() > start.getTime() ? localDayParts(start, end) : [];
  const fromDate = parts[0]?.date ?? onDate;
  const cached = onlyUserId
    ? null
    : await Promise.all([...new Set(organisationIds)].map((id) => cachedProvider(db, id, fromDate)));
  if (cached && cached.every((c) => c !== null)) {
    const orgs = [...new Set(organisationIds)];
    cached.forEach((list, i) => {
      for (const c of list!) {
        if (parts.length && availableFor(c.shifts, c.leaves, start, end)) available.add(c.userId);
        caregivers.push({
          userId: c.userId,
          organisationId: orgs[i]!,
          displayName: c.displayName,
          base: c.base,
          validKinds: validKindsOn(c.certs, onDate),
        });
      }
    });
    return { caregivers, available };
  }
  const rows = await dispatchFactsRows(db, {
    organisationIds,
    onDate,
    weekdays: [...new Set(parts.map((p) => p.weekday))],
    fromDate,
    toDate: parts.at(-1)?.date ?? onDate,
    userId: onlyUserId,
  });
  for (const r of rows) {
    if (parts.length && !r.on_leave && availableFor(r.shifts.map(shiftOf), [], start, end))
      available.add(r.id);
    caregivers.push({
      userId: r.id,
      organisationId: r.organisation_id,
      displayName: r.display_name,
      base: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
      validKinds: r.kinds.sort(),
    });
  }
  return { caregivers, available };
}
