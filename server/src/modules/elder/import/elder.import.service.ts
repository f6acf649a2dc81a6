import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from '../../../platform/exceljs.ts';
import { formatMessage, regionLevel, regionPrefix, type Locale } from '@yiyang/contracts';
import { assertCovers, covers, type AuthContext } from '../../../platform/access.ts';
import type { Actor } from '../../../platform/audit.ts';
import { copyIn, joinBytes } from '../../../platform/copy.ts';
import type { FieldCipher } from '../../../platform/crypto.ts';
import type { Db, Executor } from '../../../platform/db.ts';
import { DigestMap } from '../../../platform/digestMap.ts';
import { DomainError, isUniqueViolation, notFound } from '../../../platform/errors.ts';
import { neutraliseSpreadsheetCell } from '../../../platform/masking.ts';
import { transact, type TransactDeps } from '../../../platform/uow.ts';
import { WorkerPool } from '../../../platform/workers.ts';
import { regionRepo } from '../../region/region.repo.ts';
import { elderRepo, type ElderRow } from '../elder.repo.ts';
import { maskedDiff, todayIso, type ElderPlain } from '../elder.rules.ts';
import { elderColumns, type ElderService } from '../elder.service.ts';
import { IMPORT_COLUMN_BY_KEY, IMPORT_COLUMNS, REQUIRED_IMPORT_KEYS } from './elder.import.columns.ts';
import { openRows, sniffFormat, type ByteCounter, type ImportFormat } from './elder.import.read.ts';
import {
  DEFAULT_IMPORT_MAX_MB,
  DEFAULT_READ_LIMITS,
  limitParams,
  tooLarge,
  type ReadLimits,
} from './elder.import.limits.ts';
import { elderImportRepo, type ImportJobRow } from './elder.import.repo.ts';
import {
  deferElderIndexes,
  restoreDeferredIndexes,
  wantsBulkMode,
  type BulkRule,
} from './elder.import.indexes.ts';
import {
  batchProcessor,
  checkRow,
  elderCopyTarget,
  IMPORT_COPY,
  IMPORT_REASON,
  sheetRow,
  type BatchResult,
  type BatchSetup,
  type Issue,
  type RawRow,
} from './elder.import.rows.ts';

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
/** Row problems kept per job; `failed` still counts every failing row. */
const MAX_ISSUES = 10_000;
/** A running job whose heartbeat is older than this lost its instance. */
export const IMPORT_STALE_MS = 5 * 60_000;

/** Uploads are spooled to `<tmpdir>/yy-import-<uuid>` while they are checked and imported. */
const SPOOL_PREFIX = 'yy-import-';

/**
 * Removes spooled uploads that an instance killed mid-import left behind: those not written for
 * `olderThanMs` (default a day; no import runs that long, and instances on one machine share the
 * folder, so a recent file may be another instance's running import). Returns how many went.
 */
export async function removeStaleSpools(
  opts: { dir?: string; olderThanMs?: number; now?: Date } = {},
): Promise<number> {
  const dir = opts.dir ?? tmpdir();
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? 24 * 3_600_000);
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null); // gone meanwhile
    if (!info?.isFile() || info.mtimeMs >= cutoff) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

export type OnDuplicate = 'skip' | 'update';

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

interface ValidRow {
  row: number;
  hash: string;
  /** COPY lines of the new record (elder.import.rows.ts), views of the batch's UTF-8 buffers. */
  elder: Uint8Array;
  tags: Uint8Array;
  version: Uint8Array;
  /** The row as read, for an update (re-checked then: updates are the rare path). */
  raw: RawRow;
}

interface WriteContext {
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

interface Counts {
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  reportRows: number;
}

/**
 * A row's write was refused (a data or integrity error such as a record
 * registered meanwhile, or a domain rule): worth retrying row by row.
 * Anything else (connection lost, a bug) aborts the job.
 */
function rowLevelFailure(err: unknown): boolean {
  if (err instanceof DomainError) return true;
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(e.code)) return true;
  return false;
}

export class ElderImportService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: TransactDeps & {
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
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

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
    const path = join(tmpdir(), `${SPOOL_PREFIX}${randomUUID()}`);
    let head = Buffer.alloc(0);
    const sniff = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input.stream, sniff, createWriteStream(path));
      if (input.stream.truncated) throw tooLarge(this.deps.maxMb ?? DEFAULT_IMPORT_MAX_MB);
    } catch (err) {
      await rm(path, { force: true });
      if (err instanceof DomainError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw tooLarge(this.deps.maxMb ?? DEFAULT_IMPORT_MAX_MB);
      throw err;
    }
    const format = sniffFormat(head, input.fileName);
    if (!format) {
      await rm(path, { force: true });
      throw new DomainError('elder.import.unsupported_file', { status: 415 });
    }
    const { size } = await stat(path);
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
    const run = this.run(auth, actor, job, path, format)
      .catch((err: unknown) => this.deps.log?.error({ err, jobId: job.id }, 'elder import failed'))
      .finally(() => {
        this.running.delete(run);
      });
    this.running.add(run);
    return this.view(job);
  }

  /** Threads that validate and encrypt rows: none for small files (starting them costs more). */
  private workerCount(fileBytes: number): number {
    const w = this.deps.workers;
    if (fileBytes < (w?.minBytes ?? WORKERS_MIN_BYTES)) return 0;
    return w?.count ?? Math.min(4, availableParallelism());
  }

  private async run(
    auth: AuthContext,
    actor: Actor,
    job: ImportJobRow,
    path: string,
    format: ImportFormat,
  ): Promise<void> {
    const repo = elderImportRepo(this.deps.db);
    const counter: ByteCounter = { read: 0 };
    const counts: Counts = {
      total: 0,
      processed: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      failed: 0,
      reportRows: 0,
    };
    const timings: ImportTimings = {
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
    let deferred = 0;
    let pool: WorkerPool<RawRow[], BatchResult> | null = null;
    // The write of the previous batch runs while the next one is read and checked.
    let writing: Promise<void> = Promise.resolve();
    let writeError: { err: unknown } | null = null;
    try {
      await repo.updateJob(job.id, { status: 'running', startedAt: new Date() });
      const source = await openRows(path, format, counter, this.deps.limits ?? DEFAULT_READ_LIMITS);
      const missing = REQUIRED_IMPORT_KEYS.filter((k) => !source.columns.includes(k));
      if (missing.length) {
        for await (const _ of source.rows) void _; // let the reader finish and close the file
        await repo.updateJob(job.id, {
          status: 'failed',
          errorCode: 'elder.import.no_header',
          finishedAt: new Date(),
          bytesRead: counter.read,
        });
        return;
      }
      // Indexes a crashed import left deferred come back before anything else (decision 008).
      await restoreDeferredIndexes(this.deps.db, { orphans: true, staleMs: IMPORT_STALE_MS });
      if (
        !job.dryRun &&
        this.deps.bulk &&
        (await wantsBulkMode(this.deps.db, job.fileBytes, this.deps.bulk))
      ) {
        const started = performance.now();
        deferred = await deferElderIndexes(this.deps.db, job.id);
        timings.indexes += performance.now() - started;
      }
      const now = this.now();
      const setup: BatchSetup = {
        header: source.header,
        now: now.getTime(),
        write: !job.dryRun,
        actor: { userId: actor.userId, name: actor.name },
      };
      let threads = this.workerCount(job.fileBytes);
      try {
        if (threads > 0)
          pool = new WorkerPool(WORKER_MODULE, threads, { keys: this.deps.cipher.share(), setup });
      } catch (err) {
        // The same results in this thread, only slower.
        this.deps.log?.error({ err, jobId: job.id }, 'elder import: worker threads unavailable');
        threads = 0;
      }
      const local = pool ? null : batchProcessor(this.deps.cipher, setup);
      const regions = new RegionRules(this.deps.db, auth, job);
      // In-file duplicates: 16 bytes of the blind index → first row, in typed arrays (bounded memory).
      const seen = new DigestMap();
      const ctx: WriteContext = {
        auth,
        actor,
        job,
        header: source.header,
        now,
        elderKeys: [],
        batchNo: 0,
        timings,
      };

      const batchRows = this.deps.batch ?? BATCH;
      let batch: ValidRow[] = [];
      let issues: Issue[] = [];
      const flush = async () => {
        const rows = batch;
        const found = issues;
        batch = [];
        issues = [];
        // The batch's registry lookup runs on another connection while the previous batch is written: the
        // file's own duplicates are already out (DigestMap), and a record registered meanwhile by someone
        // else is caught by the unique index as before.
        const registered = this.registered(ctx, rows);
        registered.catch(() => {});
        const waited = performance.now();
        await writing;
        timings.waitWrite += performance.now() - waited;
        if (writeError) throw writeError.err;
        const processed = counts.total;
        writing = (async () => {
          const started = performance.now();
          const result = await this.flush(ctx, rows, await registered);
          timings.write += performance.now() - started;
          found.push(...result.issues);
          counts.created += result.created;
          counts.updated += result.updated;
          counts.skipped += result.skipped;
          counts.failed += result.failed;
          counts.processed = processed;
          const keep = found.slice(0, Math.max(0, MAX_ISSUES - counts.reportRows));
          if (keep.length)
            await repo.insertIssues(keep.map((i) => ({ jobId: job.id, ...i, params: i.params ?? {} })));
          counts.reportRows += keep.length;
          await repo.updateJob(job.id, { ...counts, processed, bytesRead: counter.read });
        })().catch((err: unknown) => {
          writeError = { err };
        });
      };
      const accept = async (chunk: RawRow[], result: BatchResult) => {
        if (result.elderKeys.length) ctx.elderKeys = result.elderKeys;
        timings.check += result.ms;
        const copy = result.copy;
        let k = 0;
        for (let i = 0; i < result.rows.length; i++) {
          const r = result.rows[i]!;
          counts.total++;
          if (r.region) {
            const ri = await regions.issue(r.region.code);
            if (ri)
              r.issues.splice(r.region.at, 0, {
                row: r.row,
                column: 'regionCode',
                kind: 'error',
                code: ri.code,
                ...(ri.params ? { params: ri.params } : {}),
              });
          }
          if (r.issues.length) {
            counts.failed++;
            issues.push(...r.issues);
          } else {
            const first = seen.getOrSet(r.hash!, r.row);
            if (first !== undefined) {
              counts.failed++;
              issues.push({
                row: r.row,
                column: 'idNumber',
                kind: 'error',
                code: 'elder.import.duplicate_in_file',
                params: { row: first },
              });
            } else {
              while (chunk[k]!.row !== r.row) k++;
              const bytes = (t: 0 | 1 | 2, buffer: Uint8Array | undefined) =>
                buffer && copy
                  ? buffer.subarray(i ? copy.ends[3 * (i - 1) + t] : 0, copy.ends[3 * i + t])
                  : EMPTY;
              batch.push({
                row: r.row,
                hash: r.hash!,
                elder: bytes(0, copy?.elders),
                tags: bytes(1, copy?.tags),
                version: bytes(2, copy?.versions),
                raw: chunk[k]!,
              });
            }
          }
          if (batch.length >= batchRows || issues.length >= batchRows) await flush();
        }
      };

      const inFlight: { chunk: RawRow[]; result: Promise<BatchResult> }[] = [];
      const maxInFlight = Math.max(1, (pool?.size ?? 0) * 3);
      const settle = async () => {
        const next = inFlight.shift()!;
        const waited = performance.now();
        const result = await next.result;
        timings.waitCheck += performance.now() - waited;
        await accept(next.chunk, result);
      };
      let chunk: RawRow[] = [];
      const submit = () => {
        const result = pool ? pool.run(chunk) : Promise.resolve(local!(chunk));
        // A job that fails leaves batches in flight: their rejections are expected, not unhandled.
        result.catch(() => {});
        inFlight.push({ chunk, result });
        chunk = [];
      };
      const rows = source.rows[Symbol.asyncIterator]();
      for (;;) {
        const reading = performance.now();
        const next = await rows.next();
        timings.read += performance.now() - reading;
        if (next.done) break;
        chunk.push(next.value);
        if (chunk.length < CHUNK) continue;
        submit();
        while (inFlight.length > maxInFlight) await settle();
      }
      if (chunk.length) submit();
      while (inFlight.length) await settle();
      await flush();
      await writing;
      // Set by the write's own promise: TypeScript cannot see that assignment from here.
      if (writeError) throw (writeError as { err: unknown }).err;
      if (deferred) {
        const started = performance.now();
        await restoreDeferredIndexes(this.deps.db, { jobId: job.id });
        timings.indexes += performance.now() - started;
      }
      const finishing = performance.now();
      await repo.updateJob(job.id, {
        ...counts,
        status: 'completed',
        finishedAt: new Date(),
        bytesRead: job.fileBytes,
      });
      timings.finalise += performance.now() - finishing;
      this.deps.log?.info?.(
        { jobId: job.id, rows: counts.total, dedupBytes: seen.bytes, threads, timings },
        'elder import finished',
      );
    } catch (err) {
      // Wait for a write in progress: its batch commits whole or not at all, and the counts must say which.
      await writing;
      if (deferred)
        await restoreDeferredIndexes(this.deps.db, { jobId: job.id }).catch((e: unknown) =>
          this.deps.log?.error({ err: e, jobId: job.id }, 'elder import: indexes left for start-up'),
        );
      await repo
        .updateJob(job.id, {
          ...counts,
          status: 'failed',
          errorCode:
            err instanceof DomainError
              ? err.code
              : writeError
                ? 'elder.import.write_failed'
                : 'elder.import.unreadable',
          finishedAt: new Date(),
        })
        .catch(() => {});
      throw err;
    } finally {
      await pool?.close();
      await rm(path, { force: true });
    }
  }

  /** The registry's records with the ID numbers of `batch`, by blind index. */
  private async registered(ctx: WriteContext, batch: ValidRow[]): Promise<Map<string, ElderRow>> {
    if (batch.length === 0) return new Map();
    const looking = performance.now();
    const found = await elderImportRepo(this.deps.db).eldersByIdNumberHashes(batch.map((b) => b.hash));
    ctx.timings.lookup += performance.now() - looking;
    return new Map(found.map((e) => [e.idNumberHash, e]));
  }

  /** Sorts a batch by what the registry holds (`existing`) and (unless a dry run) writes it, one transaction. */
  private async flush(ctx: WriteContext, batch: ValidRow[], existing: Map<string, ElderRow>) {
    const { auth, actor, job } = ctx;
    const out = { created: 0, updated: 0, skipped: 0, failed: 0, issues: [] as Issue[] };
    if (batch.length === 0) return out;
    const creates: ValidRow[] = [];
    const updates: { row: ValidRow; elder: ElderRow }[] = [];
    for (const b of batch) {
      const e = existing.get(b.hash);
      if (!e) creates.push(b);
      else if (job.onDuplicate === 'skip') {
        out.skipped++;
        out.issues.push({
          row: b.row,
          column: 'idNumber',
          kind: 'skipped',
          code: 'elder.import.duplicate_skipped',
        });
      } else if (!covers(auth.scope, { regionCode: e.regionCode, organisationId: e.organisationId })) {
        out.failed++;
        out.issues.push({
          row: b.row,
          column: 'idNumber',
          kind: 'error',
          code: 'elder.import.duplicate_out_of_scope',
        });
      } else updates.push({ row: b, elder: e });
    }
    if (job.dryRun) {
      out.created += creates.length;
      out.updated += updates.length;
      return out;
    }
    if (creates.length + updates.length === 0) return out;
    const batchNo = ++ctx.batchNo;
    await transact(this.deps, actor, async (tx, uow) => {
      let result: { created: number; updated: number; unchanged: number };
      try {
        result = await tx.transaction((sp) => this.write(sp, ctx, batchNo, creates, updates));
      } catch (err) {
        if (!rowLevelFailure(err)) throw err;
        // Some row failed (e.g. registered meanwhile by someone else): one savepoint per row, so the others land.
        result = { created: 0, updated: 0, unchanged: 0 };
        const single = [
          ...creates.map((c) => ({ row: c.row, run: () => [[c], []] as const })),
          ...updates.map((u) => ({ row: u.row.row, run: () => [[], [u]] as const })),
        ];
        for (const s of single) {
          const [c, u] = s.run();
          try {
            const r = await tx.transaction((sp) => this.write(sp, ctx, batchNo, [...c], [...u]));
            result.created += r.created;
            result.updated += r.updated;
            result.unchanged += r.unchanged;
          } catch (err) {
            if (!rowLevelFailure(err)) throw err;
            out.failed++;
            out.issues.push({
              row: s.row,
              column: isUniqueViolation(err) ? 'idNumber' : null,
              kind: 'error',
              code: isUniqueViolation(err) ? 'elder.duplicate_id_number' : 'elder.import.write_failed',
            });
          }
        }
      }
      out.created += result.created;
      out.updated += result.updated;
      out.skipped += result.unchanged;
      if (result.created + result.updated > 0) {
        let fromRow = Infinity;
        let toRow = -Infinity;
        for (const b of batch) {
          fromRow = Math.min(fromRow, b.row);
          toRow = Math.max(toRow, b.row);
        }
        uow.audit({
          action: 'elder.import',
          entityType: 'elder_import_job',
          entityId: job.id,
          regionCode: job.regionCode,
          organisationId: job.organisationId,
          summary: `批量导入老人：新增 ${result.created} 名，更新 ${result.updated} 名`,
          detail: { jobId: job.id, created: result.created, updated: result.updated, fromRow, toRow },
          reason: IMPORT_REASON,
        });
        uow.emit({
          topic: 'elder.imported',
          regionCode: job.regionCode,
          payload: { jobId: job.id, created: result.created, updated: result.updated },
        });
      }
    });
    return out;
  }

  /** Writes new records by COPY (elders, then tags, then first versions) and updates row by row. */
  private async write(
    tx: Executor,
    ctx: WriteContext,
    batchNo: number,
    creates: ValidRow[],
    updates: { row: ValidRow; elder: ElderRow }[],
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const repo = elderRepo(tx);
    const { cipher } = this.deps;
    const today = todayIso(ctx.now);
    let updated = 0;
    let unchanged = 0;
    if (creates.length) {
      const started = performance.now();
      await copyIn(tx, elderCopyTarget(ctx.elderKeys), joinBytes(creates.map((c) => c.elder)));
      await copyIn(tx, IMPORT_COPY.tags, joinBytes(creates.map((c) => c.tags)));
      await this.deps.faults?.midBatch?.(batchNo);
      await copyIn(tx, IMPORT_COPY.versions, joinBytes(creates.map((c) => c.version)));
      ctx.timings.copy += performance.now() - started;
    }
    for (const { row: valid, elder } of updates) {
      const sheet = sheetRow(ctx.header, valid.raw);
      const row = sheet && checkRow(sheet, ctx.now).checked;
      if (!row) throw new Error('an import row changed between its check and its update');
      const before = this.deps.elders.plain(elder);
      const after: ElderPlain = { ...before };
      for (const k of row.provided) (after as unknown as Record<string, unknown>)[k] = row.plain[k];
      if (row.provided.has('health'))
        after.health = {
          ...(before.health ?? { allergies: [], medications: [], familyDoctor: null }),
          chronicDiseases: row.plain.health?.chronicDiseases ?? [],
        };
      const held = new Set(
        (await repo.tagsOf([elder.id]))
          .filter((t) => t.validFrom <= today && (t.validTo === null || t.validTo >= today))
          .map((t) => t.code),
      );
      const newTags = row.tags.filter((t) => !held.has(t));
      const diff = maskedDiff(before, after);
      if (!diff && newTags.length === 0) {
        unchanged++;
        continue;
      }
      const e = await repo.updateVersioned(elder.id, elder.version, diff ? elderColumns(cipher, after) : {});
      if (!e) throw new DomainError('common.conflict', { status: 409 });
      if (newTags.length)
        await repo.insertTags(
          newTags.map((code) => ({ elderId: elder.id, code, validFrom: today, source: 'manual' })),
        );
      await repo.insertVersion({
        elderId: elder.id,
        version: e.version,
        kind: 'update',
        changedBy: ctx.actor.userId,
        changedByName: ctx.actor.name,
        reason: IMPORT_REASON,
        before: { ...(diff?.before ?? {}), ...(newTags.length ? { tags: [...held] } : {}) },
        after: { ...(diff?.after ?? {}), ...(newTags.length ? { tags: [...held, ...newTags] } : {}) },
      });
      updated++;
    }
    return { created: creates.length, updated, unchanged };
  }

  // -------------------------------------------------------------------------
  // Reading jobs

  private view(j: ImportJobRow, locale: Locale = 'zh-CN'): ImportJobView {
    const stale =
      (j.status === 'running' || j.status === 'queued') &&
      Date.now() - j.updatedAt.getTime() > IMPORT_STALE_MS;
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
      errorMessage:
        errorCode && formatMessage(errorCode, locale, limitParams(this.deps.limits ?? DEFAULT_READ_LIMITS)),
      createdAt: j.createdAt.toISOString(),
      finishedAt: j.finishedAt?.toISOString() ?? null,
    };
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
    return rows.map((r) => {
      const col = r.column ? IMPORT_COLUMN_BY_KEY.get(r.column) : undefined;
      return {
        row: r.row,
        column: r.column,
        columnLabel: col ? (locale === 'zh-CN' ? col.zh : col.en) : null,
        kind: r.kind as 'error' | 'skipped',
        code: r.code,
        message: formatMessage(r.code, locale, r.params),
      };
    });
  }

  /** The row-level report as a workbook (row, column, code, message). */
  async issuesWorkbook(auth: AuthContext, jobId: string, locale: Locale): Promise<Buffer> {
    const job = this.view(await this.job(auth, jobId));
    const items = await this.issues(auth, jobId, locale);
    const zh = locale === 'zh-CN';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(zh ? '错误报告' : 'Errors');
    ws.columns = [
      { header: zh ? '行号' : 'Row', key: 'row', width: 8 },
      { header: zh ? '列' : 'Column', key: 'column', width: 18 },
      { header: zh ? '类型' : 'Kind', key: 'kind', width: 10 },
      { header: zh ? '错误代码' : 'Code', key: 'code', width: 32 },
      { header: zh ? '说明' : 'Message', key: 'message', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const i of items)
      ws.addRow({
        row: i.row,
        column: i.columnLabel ?? '',
        kind: i.kind === 'error' ? (zh ? '错误' : 'Error') : zh ? '跳过' : 'Skipped',
        code: i.code,
        message: i.message,
      });
    const info = wb.addWorksheet(zh ? '任务' : 'Job');
    info.columns = [
      { key: 'k', width: 16 },
      { key: 'v', width: 40 },
    ];
    const field = (k: string, en: string, v: string | number) => info.addRow({ k: zh ? k : en, v });
    field('导入任务', 'Job', job.jobId);
    field('文件', 'File', neutraliseSpreadsheetCell(job.fileName));
    field('试导入', 'Dry run', job.dryRun ? (zh ? '是' : 'yes') : zh ? '否' : 'no');
    field('总行数', 'Rows', job.total);
    field('新增', 'Created', job.created);
    field('更新', 'Updated', job.updated);
    field('跳过', 'Skipped', job.skipped);
    field('失败', 'Failed', job.failed);
    // Stored, not deflated: a report is small, and its text stays greppable (the authorization walk reads it).
    return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  }

  // -------------------------------------------------------------------------
  // Template

  async template(auth: AuthContext, regionCode: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Yiyang 颐养';
    const ws = wb.addWorksheet('老年人信息', { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = IMPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const header = ws.getRow(1);
    IMPORT_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.required ? `${c.zh}*` : c.zh;
      cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
      cell.note = c.note;
    });
    const keys = ws.getRow(2);
    IMPORT_COLUMNS.forEach((c, i) => (keys.getCell(i + 1).value = c.key));
    keys.hidden = true;
    // Text format so that 18-digit numbers and codes keep every digit.
    for (const k of ['idNumber', 'phone', 'regionCode', 'birthDate', 'residenceSince'])
      ws.getColumn(k).numFmt = '@';

    // Drop-down lists from a hidden sheet (inline lists are limited to 255 characters).
    const opts = wb.addWorksheet('选项', { state: 'hidden' });
    let col = 0;
    IMPORT_COLUMNS.forEach((c, i) => {
      if (c.kind !== 'enum' && c.kind !== 'bool') return;
      col++;
      const labels = Object.values(c.options ?? {});
      opts.getCell(1, col).value = c.key;
      labels.forEach((l, r) => (opts.getCell(r + 2, col).value = l));
      const letter = opts.getColumn(col).letter;
      const target = ws.getColumn(i + 1).letter;
      // exceljs has range validations but leaves them out of its typings.
      (ws as unknown as { dataValidations: DataValidations }).dataValidations.add(
        `${target}3:${target}10000`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`'选项'!$${letter}$2:$${letter}$${labels.length + 1}`],
          showErrorMessage: true,
          errorTitle: c.zh,
          error: '请从下拉列表中选择',
        },
      );
    });

    const help = wb.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'zh', width: 18 },
      { header: '必填', key: 'required', width: 8 },
      { header: '说明', key: 'note', width: 70 },
      { header: '示例', key: 'example', width: 24 },
    ];
    help.getRow(1).font = { bold: true };
    for (const c of IMPORT_COLUMNS)
      help.addRow({ zh: c.zh, required: c.required ? '是' : '', note: c.note, example: c.example });
    help.addRow({});
    for (const line of [
      '1. 从第 3 行开始填写，每位老人一行；第 2 行为系统列名，请勿修改或删除。',
      '2. 年满 60 周岁方可登记；证件号码重复的行按导入时的选择跳过或更新。',
      '3. 单元格不能以 = + - @ 开头，也不能包含公式。',
      '4. 建议先“试导入”，根据错误报告修改后再正式导入。',
    ])
      help.addRow({ zh: line });

    const villages = wb.addWorksheet('社区代码');
    villages.columns = [
      { header: '社区/村代码', key: 'code', width: 16 },
      { header: '名称', key: 'name', width: 30 },
    ];
    villages.getRow(1).font = { bold: true };
    const rows = (await regionRepo(this.deps.db).listUnder(regionPrefix(regionCode)))
      .filter(
        (r) =>
          !r.retiredAt && regionLevel(r.code) === 'village' && covers(auth.scope, { regionCode: r.code }),
      )
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, 20_000);
    for (const r of rows) villages.addRow({ code: r.code, name: r.name });
    villages.getColumn('code').numFmt = '@';
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
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
    if (!(await regionRepo(this.db).find(code))) issue = { code: 'region.unknown', params: { code } };
    else if (regionLevel(code) !== 'village') issue = { code: 'elder.region_not_village' };
    else if (!covers(this.auth.scope, { regionCode: code })) issue = { code: 'auth.out_of_scope' };
    else if (!code.startsWith(this.prefix)) issue = { code: 'elder.import.out_of_region' };
    this.regions.set(code, issue);
    return issue;
  }
}
