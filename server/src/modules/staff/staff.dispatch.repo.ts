import { queryText, type Executor } from '../../platform/db.ts';

/**
 * Everything dispatch needs of a provider's caregivers for one visit window, in ONE statement (decision
 * 023): the active accounts with the caregiver role, their work base, the certificate kinds valid on the
 * visit's day (aggregated in PostgreSQL: never every certificate row), the shifts of the window's weekdays
 * only, and whether any leave touches the window's days. Each part is an index probe per caregiver
 * (staff_certificates_user_idx, staff_shifts_user_idx, staff_leaves_user_idx), so a 500-caregiver provider
 * reads ≈ its own rows, not the tables. Fixed text, prepared once per connection.
 */
const dispatchFacts = (oneUser: boolean) => `
SELECT u.id, u.display_name, u.organisation_id, b.lat, b.lng,
  ARRAY(SELECT DISTINCT c.kind FROM staff_certificates c
    WHERE c.user_id = u.id AND c.revoked_at IS NULL AND c.issued_on <= $2::date
      AND (c.expires_on IS NULL OR c.expires_on >= $2::date)) AS kinds,
  ARRAY(SELECT s.weekday::text || ' ' || s.start_time || ' ' || s.end_time FROM staff_shifts s
    WHERE s.user_id = u.id AND s.weekday = ANY($3::smallint[])) AS shifts,
  EXISTS(SELECT 1 FROM staff_leaves l
    WHERE l.user_id = u.id AND l.to_date >= $4::date AND l.from_date <= $5::date) AS on_leave
FROM users u
LEFT JOIN staff_bases b ON b.user_id = u.id
WHERE u.organisation_id = ANY($1::uuid[]) AND u.status = 'active'${oneUser ? ' AND u.id = $6::uuid' : ''}
  AND EXISTS(SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = 'caregiver')
ORDER BY u.display_name, u.id`;
const ALL = dispatchFacts(false);
const ONE = dispatchFacts(true);

export interface DispatchFactsRow {
  id: string;
  display_name: string;
  organisation_id: string;
  lat: number | null;
  lng: number | null;
  kinds: string[];
  /** "weekday HH:MM HH:MM" of the asked weekdays. */
  shifts: string[];
  on_leave: boolean;
}

export const dispatchFactsRows = (
  db: Executor,
  q: {
    organisationIds: string[];
    onDate: string;
    weekdays: number[];
    fromDate: string;
    toDate: string;
    /** Only this caregiver (assignment's check). */
    userId?: string | undefined;
  },
) =>
  queryText<DispatchFactsRow>(db, q.userId ? ONE : ALL, [
    q.organisationIds,
    q.onDate,
    q.weekdays,
    q.fromDate,
    q.toDate,
    ...(q.userId ? [q.userId] : []),
  ]);

/**
 * A provider's caregivers as the per-instance cache keeps them (decision 023): every certificate not revoked,
 * every weekly shift, the leave ending on or after `leaveFrom`; with the provider's version in the same
 * snapshot (staff_dispatch_versions, bumped by triggers), so a cached copy is never newer than its version.
 * Always one row at least: with no caregiver, one row of the version and nulls.
 */
const PROVIDER_FACTS = `
WITH v AS (SELECT coalesce((SELECT version FROM staff_dispatch_versions WHERE organisation_id = $1::uuid), 0)
  AS version)
SELECT v.version, c.* FROM v LEFT JOIN LATERAL (
  SELECT u.id, u.display_name, b.lat, b.lng,
    ARRAY(SELECT k.kind || ' ' || k.issued_on::text || ' ' || coalesce(k.expires_on::text, '')
      FROM staff_certificates k WHERE k.user_id = u.id AND k.revoked_at IS NULL) AS certs,
    ARRAY(SELECT s.weekday::text || ' ' || s.start_time || ' ' || s.end_time FROM staff_shifts s
      WHERE s.user_id = u.id) AS shifts,
    ARRAY(SELECT l.from_date::text || ' ' || l.to_date::text FROM staff_leaves l
      WHERE l.user_id = u.id AND l.to_date >= $2::date) AS leaves
  FROM users u
  LEFT JOIN staff_bases b ON b.user_id = u.id
  WHERE u.organisation_id = $1::uuid AND u.status = 'active'
    AND EXISTS(SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = 'caregiver')
) c ON true
ORDER BY c.display_name, c.id`;
const VERSION = `SELECT coalesce((SELECT version FROM staff_dispatch_versions WHERE organisation_id = $1::uuid), 0)
  AS version`;

export interface ProviderFactsRow {
  version: string | number;
  id: string | null;
  display_name: string;
  lat: number | null;
  lng: number | null;
  /** "kind issued_on expires_on" (expires_on empty when none). */
  certs: string[];
  /** "weekday HH:MM HH:MM". */
  shifts: string[];
  /** "from_date to_date". */
  leaves: string[];
}

export const providerFactsRows = (db: Executor, organisationId: string, leaveFrom: string) =>
  queryText<ProviderFactsRow>(db, PROVIDER_FACTS, [organisationId, leaveFrom]);

export const providerVersion = async (db: Executor, organisationId: string): Promise<number> => {
  const [r] = await queryText<{ version: string | number }>(db, VERSION, [organisationId]);
  return Number(r?.version ?? 0);
};
