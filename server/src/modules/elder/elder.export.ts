import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from '../../platform/exceljs.ts';
import type { Locale } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { maskIdNumber, maskName, maskPhone, neutraliseSpreadsheetCell } from '../../platform/masking.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import type { ElderListItem, ElderListQuery } from './elder.schema.ts';
import type { ElderService } from './elder.service.ts';
import {
  ASSESSMENT_TAG_LABELS,
  DERIVED_TAG_LABELS,
  ELDER_STATUS_LABELS,
  ELDER_TAG_LABELS,
  LIVING_SITUATION_LABELS,
} from './elder.vocab.ts';

export type ElderExportQuery = Omit<ElderListQuery, 'limit' | 'cursor'>;

const PAGE = 200;
type Labels = Record<string, { 'zh-CN': string; 'en-US': string }>;
const TAG_LABELS: Labels = { ...ELDER_TAG_LABELS, ...ASSESSMENT_TAG_LABELS, ...DERIVED_TAG_LABELS };

const COLUMNS: {
  key: string;
  zh: string;
  en: string;
  width: number;
  value: (e: ElderListItem, l: Locale) => string | number;
}[] = [
  { key: 'name', zh: '姓名', en: 'Name', width: 10, value: (e) => e.nameMasked },
  {
    key: 'sex',
    zh: '性别',
    en: 'Sex',
    width: 6,
    value: (e, l) => (e.sex === 'male' ? (l === 'zh-CN' ? '男' : 'Male') : l === 'zh-CN' ? '女' : 'Female'),
  },
  { key: 'age', zh: '年龄', en: 'Age', width: 6, value: (e) => e.age },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', width: 22, value: (e) => e.idNumberMasked },
  { key: 'phone', zh: '联系电话', en: 'Phone', width: 14, value: (e) => e.phoneMasked ?? '' },
  { key: 'region', zh: '所属社区/村', en: 'Community', width: 24, value: (e) => e.regionName ?? '' },
  { key: 'regionCode', zh: '社区/村代码', en: 'Community code', width: 15, value: (e) => e.regionCode },
  { key: 'address', zh: '居住地址', en: 'Address', width: 24, value: (e) => e.addressMasked ?? '' },
  {
    key: 'livingSituation',
    zh: '居住情况',
    en: 'Living situation',
    width: 14,
    value: (e, l) =>
      e.livingSituation
        ? ((LIVING_SITUATION_LABELS as Labels)[e.livingSituation]?.[l] ?? e.livingSituation)
        : '',
  },
  {
    key: 'tags',
    zh: '类别',
    en: 'Categories',
    width: 28,
    value: (e, l) =>
      [...e.tags.map((t) => t.code), ...e.derivedTags]
        .map((c) => TAG_LABELS[c]?.[l] ?? c)
        .join(l === 'zh-CN' ? '、' : ', '),
  },
  {
    key: 'status',
    zh: '状态',
    en: 'Status',
    width: 10,
    value: (e, l) => (ELDER_STATUS_LABELS as Labels)[e.status]?.[l] ?? e.status,
  },
  { key: 'createdAt', zh: '登记时间', en: 'Registered', width: 20, value: (e) => e.createdAt.slice(0, 10) },
];

/**
 * The registry list as a workbook (PRODUCT.md §4.2, STANDARDS.md §7): the
 * list's filters and scope, values masked as in list views, every cell
 * neutralised against formula injection, streamed page by page, and one
 * `elder.export` audit entry with the filter and the row count.
 */
export class ElderExportService {
  constructor(private readonly deps: TransactDeps & { elders: ElderService }) {}

  async export(auth: AuthContext, actor: Actor, q: ElderExportQuery, locale: Locale): Promise<Readable> {
    if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
    // The first page before any byte is sent: a bad filter is still a problem+json.
    const first = await this.deps.elders.list(auth, { ...q, limit: PAGE });
    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet(locale === 'zh-CN' ? '老年人名单' : 'Elders');
    ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const header = ws.addRow(COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en)));
    header.font = { bold: true };
    header.commit();
    const run = async () => {
      let page = first;
      let rows = 0;
      for (;;) {
        for (const e of page.items) {
          ws.addRow(COLUMNS.map((c) => neutraliseSpreadsheetCell(c.value(e, locale)))).commit();
          rows++;
        }
        if (!page.nextCursor) break;
        page = await this.deps.elders.list(auth, { ...q, limit: PAGE, cursor: page.nextCursor });
      }
      await transact(this.deps, actor, async (_tx, uow) => {
        uow.audit({
          action: 'elder.export',
          entityType: 'elder',
          regionCode: q.regionCode ?? auth.regionCode,
          organisationId: auth.organisationId,
          summary: `导出老人名单 ${rows} 条（脱敏）`,
          detail: { filter: auditFilter(q), rows, masked: true },
        });
      });
      ws.commit();
      await wb.commit();
    };
    run().catch((err: unknown) => out.destroy(err as Error));
    return out;
  }
}

/** The filter as recorded: search terms that identify a person are masked like any other view. */
function auditFilter(q: ElderExportQuery): Record<string, unknown> {
  const f: Record<string, unknown> = { ...q };
  if (q.q) f.q = maskName(q.q);
  if (q.idNumber) f.idNumber = maskIdNumber(q.idNumber);
  if (q.phone) f.phone = maskPhone(q.phone);
  for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
  return f;
}
