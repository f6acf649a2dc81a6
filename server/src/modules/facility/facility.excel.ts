import {
  FACILITY_STATUS_LABELS,
  FACILITY_TIER_LABELS,
  FACILITY_ZONE_LABELS,
  OPERATING_MODE_LABELS,
  type Locale,
} from '@yiyang/contracts';
import ExcelJS from '../../platform/exceljs.ts';
import { neutraliseSpreadsheetCell } from '../../platform/masking.ts';
import type { FacilityView, PlanTable } from './facility.schema.ts';

type Labels = Record<string, { zh: string; en: string }>;
const label = (labels: Labels, code: string | null, l: Locale) =>
  code ? ((l === 'zh-CN' ? labels[code]?.zh : labels[code]?.en) ?? code) : '';
const SEP = /[、,，;；\s]+/;

/**
 * The columns of the facility workbook: the export writes them, the import reads them by header (either
 * language), so an exported list edited and imported again round-trips. `key` null: export only.
 */
export const COLUMNS: {
  key: string | null;
  zh: string;
  en: string;
  width: number;
  value: (f: FacilityView, l: Locale) => string | number | null;
}[] = [
  { key: 'name', zh: '设施名称', en: 'Name', width: 28, value: (f) => f.name },
  {
    key: 'tier',
    zh: '设施层级',
    en: 'Tier',
    width: 18,
    value: (f, l) => label(FACILITY_TIER_LABELS, f.tier, l),
  },
  { key: 'regionCode', zh: '所在区划代码', en: 'Region code', width: 15, value: (f) => f.regionCode },
  { key: null, zh: '所在区划', en: 'Region', width: 20, value: (f) => f.regionName },
  { key: 'address', zh: '地址', en: 'Address', width: 28, value: (f) => f.address },
  { key: 'lat', zh: '纬度', en: 'Latitude', width: 11, value: (f) => f.lat },
  { key: 'lng', zh: '经度', en: 'Longitude', width: 11, value: (f) => f.lng },
  {
    key: 'floorAreaM2',
    zh: '建筑面积（平方米）',
    en: 'Floor area (m²)',
    width: 12,
    value: (f) => f.floorAreaM2,
  },
  { key: 'beds', zh: '床位数', en: 'Beds', width: 8, value: (f) => f.beds },
  { key: 'nursingBeds', zh: '护理型床位数', en: 'Nursing beds', width: 10, value: (f) => f.nursingBeds },
  {
    key: 'operatingMode',
    zh: '运营模式',
    en: 'Operating mode',
    width: 14,
    value: (f, l) => label(OPERATING_MODE_LABELS, f.operatingMode, l),
  },
  { key: null, zh: '运营机构', en: 'Operator', width: 24, value: (f) => f.operatorName },
  {
    key: 'status',
    zh: '状态',
    en: 'Status',
    width: 8,
    value: (f, l) => label(FACILITY_STATUS_LABELS, f.status, l),
  },
  { key: 'plannedYear', zh: '计划建设年份', en: 'Planned year', width: 10, value: (f) => f.plannedYear },
  { key: 'openedOn', zh: '启用日期', en: 'Opened on', width: 12, value: (f) => f.openedOn },
  { key: null, zh: '停用日期', en: 'Closed on', width: 12, value: (f) => f.closedOn },
  { key: 'openingHours', zh: '开放时间', en: 'Opening hours', width: 16, value: (f) => f.openingHours },
  {
    key: 'zones',
    zh: '功能区',
    en: 'Zones',
    width: 30,
    value: (f, l) => f.zones.map((z) => label(FACILITY_ZONE_LABELS, z, l)).join(l === 'zh-CN' ? '、' : ', '),
  },
  { key: 'services', zh: '服务项目', en: 'Services', width: 30, value: (f) => f.services.join('、') },
  { key: 'note', zh: '备注', en: 'Note', width: 24, value: (f) => f.note },
];

/** The list as a workbook (the list's filters and scope; every cell neutralised against formulas). */
export async function facilityWorkbook(items: FacilityView[], l: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(l === 'zh-CN' ? '养老服务设施' : 'Facilities');
  ws.columns = COLUMNS.map((c, i) => ({ key: String(i), width: c.width }));
  ws.addRow(COLUMNS.map((c) => (l === 'zh-CN' ? c.zh : c.en))).font = { bold: true };
  for (const f of items) ws.addRow(COLUMNS.map((c) => neutraliseSpreadsheetCell(c.value(f, l) ?? '')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A plan table in `000_…` 附件2/附件3's layout: two header rows, one row per unit, 合计 last. */
export async function planWorkbook(t: PlanTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.table === '2' ? '附件2' : '附件3');
  const y = t.years.map((v) => `${v}年`);
  const centre = t.table === '2' ? '街道养老服务中心（个）' : '镇养老服务中心（个）';
  const units = t.table === '2' ? '社区数量（个）' : '行政村数量（个）';
  const points = t.table === '2' ? '社区养老服务站（个）' : '村级互助养老点（个）';
  const n = 1 + t.years.length;
  ws.addRow([`附件${t.table}`]);
  ws.addRow([t.title]);
  ws.addRow(['序号', '街镇', centre, ...Array(n - 1).fill(''), units, points, ...Array(n - 1).fill('')]);
  ws.addRow(['', '', '现有数', ...y, '', '现有数', ...y]);
  const last = 2 + n + 1 + n;
  ws.mergeCells(2, 1, 2, last);
  ws.mergeCells(3, 1, 4, 1);
  ws.mergeCells(3, 2, 4, 2);
  ws.mergeCells(3, 3, 3, 2 + n);
  ws.mergeCells(3, 3 + n, 4, 3 + n);
  ws.mergeCells(3, 4 + n, 3, last);
  // Zero is a blank cell, as in the plan's own tables.
  const cell = (v: number) => (v === 0 ? null : v);
  for (const r of t.rows)
    ws.addRow([
      r.seq,
      r.name,
      cell(r.centres.existing),
      ...r.centres.planned.map(cell),
      r.units,
      cell(r.points.existing),
      ...r.points.planned.map(cell),
    ]);
  ws.addRow([
    '合计',
    '',
    cell(t.total.centres.existing),
    ...t.total.centres.planned.map(cell),
    t.total.units,
    cell(t.total.points.existing),
    ...t.total.points.planned.map(cell),
  ]);
  ws.getRow(2).font = { bold: true, size: 14 };
  ws.getColumn(2).width = 14;
  for (const row of [3, 4]) ws.getRow(row).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

const byLabel = (labels: Labels) => {
  const m = new Map<string, string>();
  for (const [code, t] of Object.entries(labels))
    for (const s of [code, t.zh, t.en]) m.set(s.toLowerCase(), code);
  return (s: string) => m.get(s.toLowerCase()) ?? s;
};
const TIER = byLabel(FACILITY_TIER_LABELS);
const STATUS = byLabel(FACILITY_STATUS_LABELS);
const MODE = byLabel(OPERATING_MODE_LABELS);
const ZONE = byLabel(FACILITY_ZONE_LABELS);

/** One data row of an import: its sheet row number and the raw fields (codes mapped from labels). */
export interface ImportRow {
  row: number;
  values: Record<string, unknown>;
}

export class ImportFileError extends Error {
  constructor(
    readonly code: 'facility.import_unreadable' | 'facility.import_missing_column' | 'facility.import_empty',
    readonly column?: string,
  ) {
    super(code);
  }
}

const num = (s: string) => (s === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);

/** Reads the first sheet: a header row naming the columns (either language), then one facility a row. */
export async function readImport(buf: Buffer): Promise<ImportRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('facility.import_unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('facility.import_unreadable');
  const header = new Map<number, string>();
  ws.getRow(1).eachCell((c, col) => {
    const t = cellText(c.value).trim();
    const def = COLUMNS.find((d) => d.key && (d.zh === t || d.en === t));
    if (def?.key) header.set(col, def.key);
  });
  for (const required of ['name', 'tier', 'regionCode'])
    if (![...header.values()].includes(required))
      throw new ImportFileError(
        'facility.import_missing_column',
        COLUMNS.find((c) => c.key === required)!.zh,
      );
  const rows: ImportRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const raw: Record<string, string> = {};
    for (const [col, key] of header) raw[key] = cellText(r.getCell(col).value).trim();
    if (Object.values(raw).every((v) => v === '')) return;
    const v: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(raw)) {
      if (s === '') continue;
      if (k === 'tier') v[k] = TIER(s);
      else if (k === 'status') v[k] = STATUS(s);
      else if (k === 'operatingMode') v[k] = MODE(s);
      else if (k === 'zones') v[k] = s.split(SEP).filter(Boolean).map(ZONE);
      else if (k === 'services') v[k] = s.split(SEP).filter(Boolean);
      else if (['lat', 'lng', 'floorAreaM2', 'beds', 'nursingBeds', 'plannedYear'].includes(k)) v[k] = num(s);
      else v[k] = s;
    }
    rows.push({ row: n, values: v });
  });
  if (rows.length === 0) throw new ImportFileError('facility.import_empty');
  return rows;
}
