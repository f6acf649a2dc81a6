import { formatMessage, type Locale } from '@yiyang/contracts';
import { IMPORT_COLUMN_BY_KEY } from './elder.import.columns.ts';
import { limitParams, type ReadLimits } from './elder.import.limits.ts';
import type { ImportIssueRow, ImportJobRow } from './elder.import.repo.ts';
import {
  IMPORT_STALE_MS,
  type ImportIssueView,
  type ImportJobView,
  type OnDuplicate,
} from './elder.import.types.ts';

// What a client sees of an import job and its row-level report, in the caller's language.

export function jobView(j: ImportJobRow, locale: Locale, limits: ReadLimits): ImportJobView {
  const stale =
    (j.status === 'running' || j.status === 'queued') && Date.now() - j.updatedAt.getTime() > IMPORT_STALE_MS;
  const status = stale ? 'failed' : (j.status as ImportJobView['status']);
  const errorCode = stale ? 'elder.import.interrupted' : j.errorCode;
  return {
    jobId: j.id,
    status,
    dryRun: j.dryRun,
    onDuplicate: j.onDuplicate as OnDuplicate,
    fileName: j.fileName,
    regionCode: j.regionCode,
    total: j.total,
    processed: j.processed,
    created: j.created,
    updated: j.updated,
    skipped: j.skipped,
    failed: j.failed,
    progress: status === 'completed' ? 1 : j.fileBytes ? Math.min(0.99, j.bytesRead / j.fileBytes) : 0,
    reportRows: j.reportRows,
    errorCode,
    errorMessage: errorCode && formatMessage(errorCode, locale, limitParams(limits)),
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export function issueView(r: ImportIssueRow, locale: Locale): ImportIssueView {
  const col = r.column ? IMPORT_COLUMN_BY_KEY.get(r.column) : undefined;
  return {
    row: r.row,
    column: r.column,
    columnLabel: col ? (locale === 'zh-CN' ? col.zh : col.en) : null,
    kind: r.kind as 'error' | 'skipped',
    code: r.code,
    message: formatMessage(r.code, locale, r.params),
  };
}
