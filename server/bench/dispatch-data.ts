/**
 * The data of `bench:dispatch`, loaded with multi-row INSERTs of 2,000 rows (no HTTP): bench providers, each
 * with its admin (`bench_admin_<n>`, role provider_admin); their caregivers spread over the demo county's
 * communities (the caregiver's region), each with a health certificate (one in ten expired), most with a
 * caregiver certificate, six weekly shifts, a work base near their community's elders, one in 25 on leave
 * today; past confirmed visits to the same elders (continuity); and open accepted orders without a
 * caregiver, for elders of every community, each accepted by one bench provider.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { elders } from '../src/modules/elder/elder.table.ts';
import { orders } from '../src/modules/order/order.table.ts';
import { organisations } from '../src/modules/organisation/organisation.table.ts';
import { serviceItems } from '../src/modules/service/service.table.ts';
import { staffBases, staffCertificates, staffLeaves, staffShifts } from '../src/modules/staff/staff.table.ts';
import { userRoles, users } from '../src/modules/user/user.table.ts';
import type { Platform } from '../src/platform/context.ts';

export interface DispatchData {
  /** Bench provider ids, and the username of each one's admin (same index). */
  providers: { id: string; admin: string }[];
  /** Open accepted orders and the index of their provider. */
  open: { id: string; provider: number }[];
  communities: number;
}

const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>, size = 2000) => {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
};

export async function loadDispatchData(
  p: Platform,
  n: { caregivers: number; providers: number; orders: number; countyCode: string },
): Promise<DispatchData> {
  const db = p.db;
  // The county's communities with elders, and where their elders live (the mean of the rounded positions).
  const places = (
    await db
      .select({
        code: elders.regionCode,
        lat: sql<number | null>`avg(${elders.lat})::float8`,
        lng: sql<number | null>`avg(${elders.lng})::float8`,
      })
      .from(elders)
      .where(sql`${elders.regionCode} LIKE ${`${n.countyCode.slice(0, 6)}%`}`)
      .groupBy(elders.regionCode)
      .orderBy(elders.regionCode)
  ).map((r) => ({ code: r.code, lat: r.lat ?? 29.75, lng: r.lng ?? 106.6 }));
  if (!places.length) throw new Error('no elders in the demo county');
  const providers = Array.from({ length: n.providers }, (_, i) => ({
    id: randomUUID(),
    admin: `bench_admin_${i + 1}`,
  }));
  await db.insert(organisations).values(
    providers.map((pr, i) => ({
      id: pr.id,
      name: `压测服务机构${i + 1}`,
      type: 'provider',
      regionCode: n.countyCode,
    })),
  );
  const [pw] = await db.select({ h: users.passwordHash }).from(users).where(eq(users.username, 'provider'));
  const admins = providers.map((pr, i) => ({ id: randomUUID(), org: pr.id, i }));
  await db.insert(users).values(
    admins.map((a) => ({
      id: a.id,
      username: `bench_admin_${a.i + 1}`,
      displayName: `压测机构${a.i + 1}调度`,
      passwordHash: pw!.h,
      organisationId: a.org,
    })),
  );
  await db.insert(userRoles).values(admins.map((a) => ({ userId: a.id, roleCode: 'provider_admin' })));

  // k: the caregiver's number within their provider (what the one-in-N rules below count).
  const cg = Array.from({ length: n.caregivers }, (_, i) => ({
    id: randomUUID(),
    org: providers[i % n.providers]!.id,
    place: places[Math.floor(i / n.providers) % places.length]!,
    i,
    k: Math.floor(i / n.providers),
  }));
  await chunk(cg, (part) =>
    db.insert(users).values(
      part.map((c) => ({
        id: c.id,
        username: `bench_cg_${c.i}`,
        displayName: `护理员${c.i}`,
        passwordHash: pw!.h,
        organisationId: c.org,
        regionCode: c.place.code,
      })),
    ),
  );
  await chunk(cg, (part) =>
    db.insert(userRoles).values(part.map((c) => ({ userId: c.id, roleCode: 'caregiver' }))),
  );
  await chunk(
    cg,
    (part) =>
      db.insert(staffCertificates).values(
        part.flatMap((c) => [
          {
            userId: c.id,
            organisationId: c.org,
            kind: 'health_certificate',
            number: `B-JKZ-${c.i}`,
            issuedOn: '2026-01-01',
            expiresOn: c.k % 10 === 0 ? '2026-06-30' : '2099-12-31',
          },
          ...(c.k % 7 === 0
            ? []
            : [
                {
                  userId: c.id,
                  organisationId: c.org,
                  kind: 'caregiver',
                  level: 4,
                  number: `B-CG-${c.i}`,
                  issuedOn: '2024-01-01',
                },
              ]),
        ]),
      ),
    1000,
  );
  await chunk(
    cg,
    (part) =>
      db.insert(staffShifts).values(
        part.flatMap((c) =>
          [1, 2, 3, 4, 5, 6, 7]
            .filter((d) => (d + c.i) % 7 !== 0)
            .map((weekday) => ({
              userId: c.id,
              weekday,
              startTime: '08:00',
              endTime: c.i % 3 ? '18:00' : '12:00',
            })),
        ),
      ),
    1000,
  );
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await chunk(
    cg.filter((c) => c.k % 25 === 0),
    (part) =>
      db
        .insert(staffLeaves)
        .values(part.map((c) => ({ userId: c.id, fromDate: today, toDate: today, reason: '事假' }))),
  );
  await chunk(cg, (part) =>
    db.insert(staffBases).values(
      part.map((c) => ({
        userId: c.id,
        // Within about ±3 km of the community's elders, rounded to ≈110 m like the module stores them.
        lat: Math.round((c.place.lat + (((c.i * 37) % 61) - 30) / 1000) * 1000) / 1000,
        lng: Math.round((c.place.lng + (((c.i * 53) % 61) - 30) / 1000) * 1000) / 1000,
      })),
    ),
  );

  // Orders: elders taken round the communities, each order with one bench provider.
  const elderRows = await db
    .select({ id: elders.id, regionCode: elders.regionCode })
    .from(elders)
    .where(sql`${elders.regionCode} LIKE ${`${n.countyCode.slice(0, 6)}%`}`)
    .orderBy(elders.regionCode, elders.id);
  const [item] = await db.select().from(serviceItems).where(eq(serviceItems.code, 'SH0201')).limit(1);
  if (!item) throw new Error('service item SH0201 missing from the demo catalogue');
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(1, 0, 0, 0); // 09:00 in China: inside most shifts
  const elderAt = (i: number) => elderRows[(i * 7919) % elderRows.length]!;
  const order = (i: number, status: string, caregiverId: string | null, at: Date) => ({
    regionCode: elderAt(i).regionCode,
    elderId: elderAt(i).id,
    itemId: item.id,
    itemCode: item.code,
    itemName: item.name,
    requiredCredentials: item.requiredCredentials,
    providerId: providers[i % n.providers]!.id,
    offeredTo: [providers[i % n.providers]!.id],
    caregiverId,
    channel: 'hotline',
    orderedByName: 'bench',
    plannedStart: at,
    plannedEnd: new Date(at.getTime() + item.durationMinutes * 60_000),
    priceCents: item.priceCents,
    elderShareCents: item.priceCents,
    fundingSource: 'self_pay',
    status,
  });
  // Five past visits per open order, by caregivers of the same provider (i and i + 5·orders share one).
  const past = Array.from({ length: 5 * n.orders }, (_, i) =>
    order(
      i % n.orders,
      'confirmed',
      cg[((i % n.orders) % n.providers) + n.providers * (i % 50)]?.id ?? null,
      new Date(start.getTime() - ((i % 60) + 1) * 86_400_000),
    ),
  );
  await chunk(past, (part) => db.insert(orders).values(part), 1000);
  const open: DispatchData['open'] = [];
  await chunk(
    Array.from({ length: n.orders }, (_, i) => i),
    async (part) => {
      const rows = await db
        .insert(orders)
        .values(part.map((i) => order(i, 'accepted', null, new Date(start.getTime() + (i % 10) * 3_600_000))))
        .returning({ id: orders.id });
      rows.forEach((r, k) => open.push({ id: r.id, provider: part[k]! % n.providers }));
    },
    1000,
  );
  await db.execute(sql`ANALYZE`);
  return { providers, open, communities: places.length };
}
