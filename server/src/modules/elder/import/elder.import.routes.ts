import { z } from 'zod';
import { importIssuesView as issuesView, importJobView } from '@yiyang/contracts/wire';
import { actorOf, attachment, authOf, type App } from '../../../platform/http.ts';
import { DomainError } from '../../../platform/errors.ts';
import { parseText, text } from '../../../platform/text.ts';
import { regionCodeSchema } from '../../../platform/schemas.ts';
import { elderListQuery } from '../elder.schema.ts';
import type { ElderExportService } from '../elder.export.ts';
import type { ElderImportService } from './elder.import.service.ts';
import { cnIdCheckChar } from '../idNumber.ts';

const tags = ['elders'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const jobParams = z.object({ jobId: z.uuid() }).strict();
const victimJob = { params: { jobId: '{{victim.importJobId}}' } };

const importQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    onDuplicate: z.enum(['skip', 'update']).default('skip'),
  })
  .strict();
// The job keeps the uploaded file's name (at most 200 characters, never cut inside a character).
const fileName = text().transform((s) => [...s].slice(0, 200).join(''));

export { importJobView };

const exportQuery = elderListQuery.omit({ limit: true, cursor: true });

// A valid, unregistered elder for the authorization walk's upload probe (a dry run: writes no elder).
const PROBE_ID = `11010119500101998${cnIdCheckChar('11010119500101998')}`;
const probeCsv = `姓名,证件号码,所属社区/村代码\n越权导入,${PROBE_ID},{{victim.regionCode}}\n`;

/** 摸底表 import and masked export (PRODUCT.md §4.2), under /api/v1/elders. */
export function elderImportRoutes(app: App, imports: ElderImportService, exports: ElderExportService): void {
  uploadRoutes(app, imports);
  jobRoutes(app, imports);
  exportRoutes(app, exports);
}

/** The template and the upload that starts a job. */
function uploadRoutes(app: App, imports: ElderImportService): void {
  app.get(
    '/api/v1/elders/import/template',
    {
      config: { access: 'elder:import', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: z.object({ regionCode: regionCodeSchema.optional() }).strict() },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const buf = await imports.template(auth, imports.target(auth, req.query.regionCode));
      return reply
        .type(XLSX)
        .header('content-disposition', attachment('老年人信息摸底表模板.xlsx'))
        .send(buf);
    },
  );
  app.post(
    '/api/v1/elders/import',
    {
      config: {
        access: 'elder:import',
        authz: {
          query: { regionCode: '{{victim.regionCode}}', dryRun: 'true' },
          upload: { fileName: 'probe.csv', contentType: 'text/csv', content: probeCsv },
        },
        idempotent: { exempt: 'an upload (multipart): each one is its own job, answered with its id' },
      },
      schema: { tags, querystring: importQuery, response: { 202: importJobView } },
    },
    async (req, reply) => {
      const auth = authOf(req);
      // Scope first: nothing of the upload is read for an area the caller does not cover.
      const regionCode = imports.target(auth, req.query.regionCode);
      if (!req.isMultipart()) throw new DomainError('elder.import.unsupported_file', { status: 415 });
      const file = await req.file();
      if (!file) throw new DomainError('elder.import.file_required', { status: 400 });
      const job = await imports.start(auth, actorOf(req), {
        regionCode,
        dryRun: req.query.dryRun,
        onDuplicate: req.query.onDuplicate,
        fileName: parseText(fileName, file.filename, '/body/file'),
        stream: file.file,
      });
      return reply.status(202).send(job);
    },
  );
}

/** A job's progress and its row-level report. */
function jobRoutes(app: App, imports: ElderImportService): void {
  app.get(
    '/api/v1/elders/import/:jobId',
    {
      config: { access: 'elder:import', authz: victimJob },
      schema: { tags, params: jobParams, response: { 200: importJobView } },
    },
    (req) => imports.get(authOf(req), req.params.jobId, req.locale),
  );
  app.get(
    '/api/v1/elders/import/:jobId/errors',
    {
      config: { access: 'elder:import', authz: victimJob },
      schema: { tags, params: jobParams, response: { 200: issuesView } },
    },
    async (req) => ({
      jobId: req.params.jobId,
      items: await imports.issues(authOf(req), req.params.jobId, req.locale),
    }),
  );
  app.get(
    '/api/v1/elders/import/:jobId/errors.xlsx',
    {
      config: { access: 'elder:import', authz: victimJob },
      schema: { tags, params: jobParams },
    },
    async (req, reply) => {
      const buf = await imports.issuesWorkbook(authOf(req), req.params.jobId, req.locale);
      return reply.type(XLSX).header('content-disposition', attachment('导入错误报告.xlsx')).send(buf);
    },
  );
}

/** The masked list as a workbook. */
function exportRoutes(app: App, exports: ElderExportService): void {
  app.get(
    '/api/v1/elders/export.xlsx',
    {
      config: { access: 'elder:export', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: exportQuery },
    },
    async (req, reply) => {
      const stream = await exports.export(authOf(req), actorOf(req), req.query, req.locale);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`老年人名单-${day}.xlsx`))
        .send(stream);
    },
  );
}
