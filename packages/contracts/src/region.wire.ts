/** Wire shapes of `/api/v1/regions…` (STANDARDS.md §5.2). */
import { z } from 'zod';

export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  urbanRuralCode: z.string().nullable(),
  hasChildren: z.boolean(),
});
export type RegionView = z.infer<typeof regionView>;

export const regionListView = z.object({ items: z.array(regionView) });

export const regionDetailView = regionView.extend({
  divisionVersion: z.number(),
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  childCounts: z.record(z.string(), z.number()),
  history: z.array(
    z.object({
      change: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
      divisionVersion: z.number(),
      at: z.string(),
    }),
  ),
});
export type RegionDetailView = z.infer<typeof regionDetailView>;
