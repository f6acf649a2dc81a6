/** Wire shape of `/api/v1/stats/overview`: counts for the console home page. */
import { z } from 'zod';

export const statsOverviewView = z.object({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  counts: z.object({
    streets: z.number(),
    towns: z.number(),
    communities: z.number(),
    villages: z.number(),
    organisations: z.number(),
    users: z.number(),
    elders: z.number(),
  }),
});
export type StatsOverview = z.infer<typeof statsOverviewView>;
