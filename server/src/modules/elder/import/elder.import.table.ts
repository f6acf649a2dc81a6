import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * 摸底表 imports (PRODUCT.md §4.2). A job runs in the background of the
 * instance that received the upload and records its progress here, so any
 * instance can answer `GET /elders/import/{jobId}`. Scoped like elders: by
 * the region the import targets and the caller's organisation.
 */
export const elderImportJobs = pgTable(
  'elder_import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The area the rows must lie in (the caller's region or a node below it).
    regionCode: text('region_code').notNull(),
    organisationId: uuid('organisation_id'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    // Original file name as uploaded (no personal data expected; shown in the console).
    fileName: text('file_name').notNull(),
    format: text('format').notNull(), // xlsx | csv
    dryRun: boolean('dry_run').notNull(),
    onDuplicate: text('on_duplicate').notNull(), // skip | update
    status: text('status').notNull().default('queued'), // queued | running | completed | failed
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    fileBytes: integer('file_bytes').notNull().default(0),
    // Bytes of the file read so far: the progress of a job whose row count is not known until the end.
    bytesRead: integer('bytes_read').notNull().default(0),
    // Row problems recorded (capped; `failed` counts them all).
    reportRows: integer('report_rows').notNull().default(0),
    errorCode: text('error_code'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    // Heartbeat: a running job whose instance died stops moving (interrupted jobs are failed on start-up).
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('elder_import_jobs_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('elder_import_jobs_created_idx').on(t.createdAt),
  ],
);

/** Row-level problems of a job: spreadsheet row, column key, code (+ params). Never the cell value. */
export const elderImportIssues = pgTable(
  'elder_import_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => elderImportJobs.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    column: text('column'),
    kind: text('kind').notNull(), // error | skipped
    code: text('code').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('elder_import_issues_job_idx').on(t.jobId, t.row)],
);

/**
 * Secondary indexes of `elders` that a large import dropped to build once at
 * its end (decision 008). Written in the transaction that drops them, deleted
 * in the one that recreates each, so after any crash this table lists exactly
 * what is missing; `restoreDeferredIndexes` rebuilds it (end of the job,
 * start-up). `definition` is PostgreSQL's own `pg_get_indexdef`.
 */
export const elderDeferredIndexes = pgTable('elder_deferred_indexes', {
  name: text('name').primaryKey(),
  definition: text('definition').notNull(),
  jobId: uuid('job_id').notNull(),
  deferredAt: timestamp('deferred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
