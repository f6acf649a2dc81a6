import type { FieldCipher } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db.ts';
import { haversineKm } from '../../platform/geo.ts';
import { elderHomePosition, findElder } from '../elder/index.ts';
import { responderRepo, type AlarmRow } from './alarm.repo.ts';

export interface RankedResponder {
  userId: string;
  name: string;
  regionCode: string;
  /** From the responder's base to the alarm (its position, else the elder's home); null when unknown. */
  distanceKm: number | null;
  /** Asked before on this alarm (did not accept in time, or was replaced). */
  tried: boolean;
  /** On another open alarm: listed, not sent. */
  busy: boolean;
}

/** Where help must go: the alarm's own position (a watch, the phone), else the first elder's home. */
export async function alarmTarget(
  db: Executor,
  cipher: FieldCipher,
  alarm: Pick<AlarmRow, 'lat' | 'lng' | 'elderIds'>,
): Promise<{ lat: number; lng: number } | null> {
  if (alarm.lat !== null && alarm.lng !== null) return { lat: alarm.lat, lng: alarm.lng };
  const elder = alarm.elderIds[0] ? await findElder(db, alarm.elderIds[0]) : null;
  if (!elder) return null;
  const home = elderHomePosition(cipher, elder);
  return home.lat === null || home.lng === null ? null : { lat: home.lat, lng: home.lng };
}

/**
 * Responders who could go, nearest first (by distance from their base, until facilities exist): registered
 * and available, serving the alarm's district. Those busy with another open alarm or already tried come
 * last.
 */
export async function rankResponders(
  db: Executor,
  cipher: FieldCipher,
  alarm: AlarmRow,
  limit = 10,
): Promise<RankedResponder[]> {
  const repo = responderRepo(db);
  const [target, candidates, busy] = await Promise.all([
    alarmTarget(db, cipher, alarm),
    repo.respondersUnder(alarm.regionCode.slice(0, 6)),
    repo.busyResponders(alarm.id),
  ]);
  const tried = new Set(alarm.triedResponders);
  return candidates
    .filter((c) => c.userId !== alarm.responderId)
    .map((c) => ({
      userId: c.userId,
      name: c.name,
      regionCode: c.regionCode,
      distanceKm: target ? Math.round(haversineKm(c, target) * 10) / 10 : null,
      tried: tried.has(c.userId),
      busy: busy.has(c.userId),
    }))
    .sort(
      (a, b) =>
        Number(a.busy) - Number(b.busy) ||
        Number(a.tried) - Number(b.tried) ||
        (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}
