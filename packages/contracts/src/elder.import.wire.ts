/** Wire shapes of the 摸底表 import (`/api/v1/elders/import…`, PRODUCT.md §4.2). */
import { z } from 'zod';

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const IMPORT_ON_DUPLICATE = ['skip', 'update'] as const;
export type ImportOnDuplicate = (typeof IMPORT_ON_DUPLICATE)[number];

export const importJobView = z.object({
  jobId: z.uuid(),
  status: z.enum(IMPORT_JOB_STATUSES),
  dryRun: z.boolean(),
  onDuplicate: z.enum(IMPORT_ON_DUPLICATE),
  fileName: z.string(),
  regionCode: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  progress: z.number(),
  reportRows: z.number().int(),
  errorCode: z.string().nullable(),
  /** The error in the language of the request (Accept-Language). */
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobView>;

export const importIssuesView = z.object({
  jobId: z.uuid(),
  items: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      columnLabel: z.string().nullable(),
      kind: z.enum(['error', 'skipped']),
      code: z.string(),
      message: z.string(),
    }),
  ),
});
export type ImportIssues = z.infer<typeof importIssuesView>;
export type ImportIssue = ImportIssues['items'][number];
