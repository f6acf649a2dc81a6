import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { regionLevel, regionPrefix } from '@yiyang/contracts';
import { covers, type AuthContext } from '../../../platform/access.ts';
import type { Actor } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { DigestMap } from '../../../platform/digestMap.ts';
import { DomainError } from '../../../platform/errors.ts';
import { WorkerPool } from '../../../platform/workers.ts';
import { REQUIRED_IMPORT_KEYS } from './elder.import.columns.ts';
import { deferElderIndexes, restoreDeferredIndexes, wantsBulkMode } from './elder.import.indexes.ts';
import { DEFAULT_READ_LIMITS } from './elder.import.limits.ts';
import { openRows, type ByteCounter, type ImportFormat, type RowSource } from './elder.import.read.ts';
import { elderImportRepo, type ImportJobRow } from './elder.import.repo.ts';
import {
  batchProcessor,
  type BatchCopy,
  type BatchResult,
  type BatchSetup,
  type Issue,
  type RawRow,
  type RowResult,
} from './elder.import.rows.ts';
import {
  IMPORT_STALE_MS,
  MAX_ISSUES,
  type Counts,
  type ImportDeps,
  type ImportTimings,
  type ValidRow,
  type WriteContext,
} from './elder.import.types.ts';
import { ImportWriter } from './elder.import.writer.ts';
import { findRegion } from '../../region/index.ts';

/** Rows per write transaction (COPY of elders, tags and first versions, one audit entry). */
// Each transaction costs ~85 ms beyond its COPY (lookup, audit, event, commit, progress): 20,000 rows
// rather than 5,000 took that from 3.9 s to 1.6 s per 200,000 rows. A failed batch loses at most this many.
const BATCH = 20_000;
/** Rows per message to a worker thread. */
const CHUNK = 1_000;
const EMPTY = new Uint8Array(0);
/** Files smaller than this are checked in the calling thread: starting workers costs ~0.5 s. */
const WORKERS_MIN_BYTES = 512 * 1024;
const WORKER_MODULE = new URL('./elder.import.worker.ts', import.meta.url);

/**
 * One import job from its spooled file to its end state: read rows, check
 * and encrypt them in chunks (worker threads, or this thread for small
 * files), drop in-file duplicates, collect valid rows into batches and write
 * each batch (elder.import.writer.ts) while the next one is read and checked.
 */
export class ImportRun {
  private readonly repo;
  private readonly writer: ImportWriter;
  private readonly counter: ByteCounter = { read: 0 };
  private readonly counts: Counts = {
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    reportRows: 0,
  };
  readonly timings: ImportTimings = {
    read: 0,
    check: 0,
    waitCheck: 0,
    waitWrite: 0,
    write: 0,
    copy: 0,
    lookup: 0,
    indexes: 0,
    finalise: 0,
  };
  private deferred = 0;
  private threads = 0;
  private pool: WorkerPool<RawRow[], BatchResult> | null = null;
  private local: ((rows: RawRow[]) => BatchResult) | null = null;
  // The write of the previous batch runs while the next one is read and checked.
  private writing: Promise<void> = Promise.resolve();
  private writeError: { err: unknown } | null = null;
  private batch: ValidRow[] = [];
  private issues: Issue[] = [];
  private readonly batchRows: number;
  private readonly inFlight: { chunk: RawRow[]; result: Promise<BatchResult> }[] = [];
  private maxInFlight = 1;
  // In-file duplicates: 16 bytes of the blind index → first row, in typed arrays (bounded memory).
  private readonly seen = new DigestMap();
  private readonly regions: RegionRules;
  private ctx!: WriteContext;

  constructor(
    private readonly deps: ImportDeps,
    private readonly auth: AuthContext,
    private readonly actor: Actor,
    private readonly job: ImportJobRow,
    private readonly path: string,
    private readonly format: ImportFormat,
  ) {
    this.repo = elderImportRepo(deps.db);
    this.writer = new ImportWriter(deps);
    this.batchRows = deps.batch ?? BATCH;
    this.regions = new RegionRules(deps.db, auth, job);
  }

  async run(): Promise<void> {
    try {
      const source = await this.open();
      if (!source) return;
      await this.deferIndexes();
      this.startChecks(source.header);
      await this.readAll(source.rows);
      await this.finish();
    } catch (err) {
      await this.fail(err);
      throw err;
    } finally {
      await this.pool?.close();
      await rm(this.path, { force: true });
    }
  }

  /** The job is running and its file open; null (job failed) when the header lacks a required column. */
  private async open(): Promise<RowSource | null> {
    const { job, counter } = this;
    await this.repo.updateJob(job.id, { status: 'running', startedAt: new Date() });
    const source = await openRows(this.path, this.format, counter, this.deps.limits ?? DEFAULT_READ_LIMITS);
    const missing = REQUIRED_IMPORT_KEYS.filter((k) => !source.columns.includes(k));
    if (!missing.length) return source;
    for await (const _ of source.rows) void _; // let the reader finish and close the file
    await this.repo.updateJob(job.id, {
      status: 'failed',
      errorCode: 'elder.import.no_header',
      finishedAt: new Date(),
      bytesRead: counter.read,
    });
    return null;
  }

  /** Indexes a crashed import left deferred come back before anything else (decision 008). */
  private async deferIndexes(): Promise<void> {
    const { db, bulk } = this.deps;
    await restoreDeferredIndexes(db, { orphans: true, staleMs: IMPORT_STALE_MS });
    if (!this.job.dryRun && bulk && (await wantsBulkMode(db, this.job.fileBytes, bulk))) {
      const started = performance.now();
      this.deferred = await deferElderIndexes(db, this.job.id);
      this.timings.indexes += performance.now() - started;
    }
  }

  /** Threads that validate and encrypt rows: none for small files (starting them costs more). */
  private workerCount(fileBytes: number): number {
    const w = this.deps.workers;
    if (fileBytes < (w?.minBytes ?? WORKERS_MIN_BYTES)) return 0;
    return w?.count ?? Math.min(4, availableParallelism());
  }

  private startChecks(header: (string | undefined)[]): void {
    const { auth, actor, job } = this;
    const now = this.deps.now?.() ?? new Date();
    const setup: BatchSetup = {
      header,
      now: now.getTime(),
      write: !job.dryRun,
      actor: { userId: actor.userId, name: actor.name },
    };
    this.threads = this.workerCount(job.fileBytes);
    try {
      if (this.threads > 0)
        this.pool = new WorkerPool(WORKER_MODULE, this.threads, { keys: this.deps.cipher.share(), setup });
    } catch (err) {
      // The same results in this thread, only slower.
      this.deps.log?.error({ err, jobId: job.id }, 'elder import: worker threads unavailable');
      this.threads = 0;
    }
    this.local = this.pool ? null : batchProcessor(this.deps.cipher, setup);
    this.maxInFlight = Math.max(1, (this.pool?.size ?? 0) * 3);
    this.ctx = { auth, actor, job, header, now, elderKeys: [], batchNo: 0, timings: this.timings };
  }

  private async readAll(source: AsyncIterable<RawRow>): Promise<void> {
    const rows = source[Symbol.asyncIterator]();
    let chunk: RawRow[] = [];
    for (;;) {
      const reading = performance.now();
      const next = await rows.next();
      this.timings.read += performance.now() - reading;
      if (next.done) break;
      chunk.push(next.value);
      if (chunk.length < CHUNK) continue;
      this.submit(chunk);
      chunk = [];
      while (this.inFlight.length > this.maxInFlight) await this.settle();
    }
    if (chunk.length) this.submit(chunk);
    while (this.inFlight.length) await this.settle();
  }

  private submit(chunk: RawRow[]): void {
    const result = this.pool ? this.pool.run(chunk) : Promise.resolve(this.local!(chunk));
    // A job that fails leaves batches in flight: their rejections are expected, not unhandled.
    result.catch(() => {});
    this.inFlight.push({ chunk, result });
  }

  private async settle(): Promise<void> {
    const next = this.inFlight.shift()!;
    const waited = performance.now();
    const result = await next.result;
    this.timings.waitCheck += performance.now() - waited;
    await this.accept(next.chunk, result);
  }

  /** A checked chunk: problems to the report, first occurrences of valid rows to the batch. */
  private async accept(chunk: RawRow[], result: BatchResult): Promise<void> {
    if (result.elderKeys.length) this.ctx.elderKeys = result.elderKeys;
    this.timings.check += result.ms;
    let k = 0;
    for (let i = 0; i < result.rows.length; i++) {
      const r = result.rows[i]!;
      this.counts.total++;
      await this.addRegionIssue(r);
      if (r.issues.length) {
        this.counts.failed++;
        this.issues.push(...r.issues);
      } else if (this.firstInFile(r)) {
        while (chunk[k]!.row !== r.row) k++;
        this.batch.push(validRow(r, i, result.copy, chunk[k]!));
      }
      if (this.batch.length >= this.batchRows || this.issues.length >= this.batchRows)
        await this.flushBatch();
    }
  }

  /** The residence rules that need the registry, in the row's issues at the place the worker left for them. */
  private async addRegionIssue(r: RowResult): Promise<void> {
    if (!r.region) return;
    const ri = await this.regions.issue(r.region.code);
    if (ri)
      r.issues.splice(r.region.at, 0, {
        row: r.row,
        column: 'regionCode',
        kind: 'error',
        code: ri.code,
        ...(ri.params ? { params: ri.params } : {}),
      });
  }

  /** False (and an issue) when an earlier row of the file has the same ID number. */
  private firstInFile(r: RowResult): boolean {
    const first = this.seen.getOrSet(r.hash!, r.row);
    if (first === undefined) return true;
    this.counts.failed++;
    this.issues.push({
      row: r.row,
      column: 'idNumber',
      kind: 'error',
      code: 'elder.import.duplicate_in_file',
      params: { row: first },
    });
    return false;
  }

  /** Hands the batch to the writer once the previous write is done; the write runs in the background. */
  private async flushBatch(): Promise<void> {
    const { timings, counts, job } = this;
    const rows = this.batch;
    const found = this.issues;
    this.batch = [];
    this.issues = [];
    // The batch's registry lookup runs on another connection while the previous batch is written: the
    // file's own duplicates are already out (DigestMap), and a record registered meanwhile by someone
    // else is caught by the unique index as before.
    const registered = this.writer.registered(this.ctx, rows);
    registered.catch(() => {});
    const waited = performance.now();
    await this.writing;
    timings.waitWrite += performance.now() - waited;
    if (this.writeError) throw this.writeError.err;
    const processed = counts.total;
    this.writing = (async () => {
      const started = performance.now();
      const result = await this.writer.flush(this.ctx, rows, await registered);
      timings.write += performance.now() - started;
      found.push(...result.issues);
      counts.created += result.created;
      counts.updated += result.updated;
      counts.skipped += result.skipped;
      counts.failed += result.failed;
      counts.processed = processed;
      const keep = found.slice(0, Math.max(0, MAX_ISSUES - counts.reportRows));
      if (keep.length)
        await this.repo.insertIssues(keep.map((i) => ({ jobId: job.id, ...i, params: i.params ?? {} })));
      counts.reportRows += keep.length;
      await this.repo.updateJob(job.id, { ...counts, processed, bytesRead: this.counter.read });
    })().catch((err: unknown) => {
      this.writeError = { err };
    });
  }

  private async finish(): Promise<void> {
    const { job, timings, counts } = this;
    await this.flushBatch();
    await this.writing;
    if (this.writeError) throw this.writeError.err;
    if (this.deferred) {
      const started = performance.now();
      await restoreDeferredIndexes(this.deps.db, { jobId: job.id });
      timings.indexes += performance.now() - started;
    }
    const finishing = performance.now();
    await this.repo.updateJob(job.id, {
      ...counts,
      status: 'completed',
      finishedAt: new Date(),
      bytesRead: job.fileBytes,
    });
    timings.finalise += performance.now() - finishing;
    this.deps.log?.info?.(
      { jobId: job.id, rows: counts.total, dedupBytes: this.seen.bytes, threads: this.threads, timings },
      'elder import finished',
    );
  }

  private async fail(err: unknown): Promise<void> {
    const { job } = this;
    // Wait for a write in progress: its batch commits whole or not at all, and the counts must say which.
    await this.writing;
    if (this.deferred)
      await restoreDeferredIndexes(this.deps.db, { jobId: job.id }).catch((e: unknown) =>
        this.deps.log?.error({ err: e, jobId: job.id }, 'elder import: indexes left for start-up'),
      );
    await this.repo
      .updateJob(job.id, {
        ...this.counts,
        status: 'failed',
        errorCode:
          err instanceof DomainError
            ? err.code
            : this.writeError
              ? 'elder.import.write_failed'
              : 'elder.import.unreadable',
        finishedAt: new Date(),
      })
      .catch(() => {});
  }
}

/** Row `i` of a checked chunk with its slices of the chunk's COPY buffers (none for a dry run). */
function validRow(r: RowResult, i: number, copy: BatchCopy | null, raw: RawRow): ValidRow {
  const bytes = (t: 0 | 1 | 2, buffer: Uint8Array | undefined) =>
    buffer && copy ? buffer.subarray(i ? copy.ends[3 * (i - 1) + t] : 0, copy.ends[3 * i + t]) : EMPTY;
  return {
    row: r.row,
    hash: r.hash!,
    elder: bytes(0, copy?.elders),
    tags: bytes(1, copy?.tags),
    version: bytes(2, copy?.versions),
    raw,
  };
}

/** The residence rules that need the registry, cached per code for the job. */
class RegionRules {
  private readonly regions = new Map<string, { code: string; params?: Record<string, unknown> } | null>();
  private readonly prefix: string;

  constructor(
    private readonly db: Db,
    private readonly auth: AuthContext,
    job: ImportJobRow,
  ) {
    this.prefix = regionPrefix(job.regionCode);
  }

  async issue(code: string) {
    if (this.regions.has(code)) return this.regions.get(code)!;
    let issue: { code: string; params?: Record<string, unknown> } | null = null;
    if (!(await findRegion(this.db, code))) issue = { code: 'region.unknown', params: { code } };
    else if (regionLevel(code) !== 'village') issue = { code: 'elder.region_not_village' };
    else if (!covers(this.auth.scope, { regionCode: code })) issue = { code: 'auth.out_of_scope' };
    else if (!code.startsWith(this.prefix)) issue = { code: 'elder.import.out_of_region' };
    this.regions.set(code, issue);
    return issue;
  }
}
