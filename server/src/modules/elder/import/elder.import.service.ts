import { regionLevel, regionPrefix, type Locale } from '@yiyang/contracts';
import type { Readable } from 'node:stream';
import { assertCovers, covers, type AuthContext } from '../../../platform/access.ts';
import type { Actor } from '../../../platform/audit.ts';
import { DomainError, notFound } from '../../../platform/errors.ts';
import { issueView, jobView } from './elder.import.jobs.ts';
import { DEFAULT_IMPORT_MAX_MB, DEFAULT_READ_LIMITS } from './elder.import.limits.ts';
import { elderImportRepo, type ImportJobRow } from './elder.import.repo.ts';
import { ImportRun } from './elder.import.run.ts';
import { spoolUpload } from './elder.import.spool.ts';
import {
  MAX_ISSUES,
  type ImportDeps,
  type ImportIssueView,
  type ImportJobView,
  type OnDuplicate,
} from './elder.import.types.ts';
import { issuesWorkbook, templateWorkbook } from './elder.import.workbooks.ts';
import { regionsUnder } from '../../region/index.ts';

export { removeStaleSpools } from './elder.import.spool.ts';
export { IMPORT_STALE_MS } from './elder.import.types.ts';
export type {
  ImportDeps,
  ImportIssueView,
  ImportJobView,
  ImportTimings,
  OnDuplicate,
} from './elder.import.types.ts';

/**
 * The 摸底表 import's use cases: start a job from an upload (spooled, then run
 * in the background by elder.import.run.ts), read a job and its report, and the
 * template to fill in.
 */
export class ElderImportService {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: ImportDeps) {}

  /** The area an import or a template is for: the caller's own region unless a node inside it is named. */
  target(auth: AuthContext, regionCode: string | undefined): string {
    const code = regionCode ?? auth.regionCode;
    if (!code) throw new DomainError('auth.out_of_scope', { status: 403 });
    assertCovers(auth, { regionCode: code }, '/query/regionCode');
    return code;
  }

  /** Waits for the jobs this instance runs (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  // -------------------------------------------------------------------------
  // Upload → job

  async start(
    auth: AuthContext,
    actor: Actor,
    input: {
      regionCode: string;
      dryRun: boolean;
      onDuplicate: OnDuplicate;
      fileName: string;
      stream: Readable & { truncated?: boolean };
    },
  ): Promise<ImportJobView> {
    const { path, format, size } = await spoolUpload(
      input.stream,
      input.fileName,
      this.deps.maxMb ?? DEFAULT_IMPORT_MAX_MB,
    );
    const job = await elderImportRepo(this.deps.db).insertJob({
      regionCode: input.regionCode,
      organisationId: auth.organisationId,
      createdBy: actor.userId,
      createdByName: actor.name,
      fileName: input.fileName.slice(0, 200),
      format,
      dryRun: input.dryRun,
      onDuplicate: input.onDuplicate,
      fileBytes: size,
    });
    const run = new ImportRun(this.deps, auth, actor, job, path, format)
      .run()
      .catch((err: unknown) => this.deps.log?.error({ err, jobId: job.id }, 'elder import failed'))
      .finally(() => {
        this.running.delete(run);
      });
    this.running.add(run);
    return this.view(job);
  }

  // -------------------------------------------------------------------------
  // Reading jobs

  private view(j: ImportJobRow, locale: Locale = 'zh-CN'): ImportJobView {
    return jobView(j, locale, this.deps.limits ?? DEFAULT_READ_LIMITS);
  }

  private async job(auth: AuthContext, jobId: string): Promise<ImportJobRow> {
    const j = await elderImportRepo(this.deps.db).findJobInScope(auth.scope, jobId);
    if (!j) throw notFound('elder.import.job_not_found');
    return j;
  }

  async get(auth: AuthContext, jobId: string, locale?: Locale): Promise<ImportJobView> {
    return this.view(await this.job(auth, jobId), locale);
  }

  async issues(auth: AuthContext, jobId: string, locale: Locale): Promise<ImportIssueView[]> {
    const j = await this.job(auth, jobId);
    const rows = await elderImportRepo(this.deps.db).issues(j.id, MAX_ISSUES);
    return rows.map((r) => issueView(r, locale));
  }

  /** The row-level report as a workbook (row, column, code, message). */
  async issuesWorkbook(auth: AuthContext, jobId: string, locale: Locale): Promise<Buffer> {
    const job = this.view(await this.job(auth, jobId));
    const items = await this.issues(auth, jobId, locale);
    return issuesWorkbook(job, items, locale);
  }

  // -------------------------------------------------------------------------
  // Template

  /** The template, with the communities and villages under `regionCode` that the caller may import into. */
  async template(auth: AuthContext, regionCode: string): Promise<Buffer> {
    const villages = (await regionsUnder(this.deps.db, regionPrefix(regionCode)))
      .filter(
        (r) =>
          !r.retiredAt && regionLevel(r.code) === 'village' && covers(auth.scope, { regionCode: r.code }),
      )
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, 20_000);
    return templateWorkbook(villages);
  }
}
