import type { AuthContext } from '../../../platform/access.ts';
import type { Actor } from '../../../platform/audit.ts';
import type { FieldCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import type { TransactDeps } from '../../../platform/uow.ts';
import type { ElderService } from '../elder.service.ts';
import type { BulkRule } from './elder.import.indexes.ts';
import type { ReadLimits } from './elder.import.limits.ts';
import type { ImportJobRow } from './elder.import.repo.ts';
import type { RawRow } from './elder.import.rows.ts';

// The shapes shared by the 摸底表 import's service, run, writer and job views.

export type OnDuplicate = 'skip' | 'update';

export type ImportDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  elders: ElderService;
  log?: { error(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  now?: () => Date;
  /** Largest accepted upload, in MiB (config IMPORT_MAX_MB). */
  maxMb?: number;
  /** Rows, cell length and unzipped size past which a file is refused (default: the config defaults). */
  limits?: ReadLimits;
  /** Worker threads for row checks and encryption (default: one per core, up to 4) and the file size from which they start. */
  workers?: { count?: number; minBytes?: number };
  /** Rows per write transaction (default 20,000). */
  batch?: number;
  /** PostgreSQL only: when a large import into a small registry builds the indexes at its end (decision 008). */
  bulk?: BulkRule;
  /** Tests: runs inside each write transaction between the elders/tags COPY and the versions COPY. */
  faults?: { midBatch?(batchNo: number): void | Promise<void> };
};

export interface ImportJobView {
  jobId: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  dryRun: boolean;
  onDuplicate: OnDuplicate;
  fileName: string;
  regionCode: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** 0–1, by bytes of the file read. */
  progress: number;
  /** Rows listed in the error report (capped). */
  reportRows: number;
  errorCode: string | null;
  /** The error in the caller's language (with the limits of elder.import.limits.ts). */
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportIssueView {
  row: number;
  column: string | null;
  columnLabel: string | null;
  kind: 'error' | 'skipped';
  code: string;
  message: string;
}

export interface ValidRow {
  row: number;
  hash: string;
  /** COPY lines of the new record (elder.import.rows.ts), views of the batch's UTF-8 buffers. */
  elder: Uint8Array;
  tags: Uint8Array;
  version: Uint8Array;
  /** The row as read, for an update (re-checked then: updates are the rare path). */
  raw: RawRow;
}

export interface WriteContext {
  auth: AuthContext;
  actor: Actor;
  job: ImportJobRow;
  header: (string | undefined)[];
  now: Date;
  /** Column keys of the elders COPY lines (from the row processor). */
  elderKeys: string[];
  batchNo: number;
  timings: ImportTimings;
}

/**
 * Where a job's time went (ms), for the benchmark: `read` and the waits are the
 * calling thread's wall clock, `check` the sum over worker threads, `write` the
 * batch transactions (COPY, updates, audit, event, commit, progress) and `copy`
 * their COPYs.
 */
export interface ImportTimings {
  read: number;
  check: number;
  waitCheck: number;
  waitWrite: number;
  write: number;
  copy: number;
  /** The batches' lookups of their ID numbers in the registry, each beside the previous batch's write. */
  lookup: number;
  /** Dropping (bulk mode) and building the deferred indexes. */
  indexes: number;
  finalise: number;
}

export interface Counts {
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  reportRows: number;
}

/** Row problems kept per job; `failed` still counts every failing row. */
export const MAX_ISSUES = 10_000;
/** A running job whose heartbeat is older than this lost its instance. */
export const IMPORT_STALE_MS = 5 * 60_000;
