import { DEVICE_TYPE_LABELS, type AlarmStats, type AlarmStatsCounts, type Locale } from '@yiyang/contracts';
import ExcelJS from '../../platform/exceljs.ts';
import { neutraliseSpreadsheetCell } from '../../platform/masking.ts';

type Label = { zh: string; en: string };
/** Sources, kinds and outcomes as the report prints them (the console's texts are in web/src/i18n). */
const LABELS: Record<string, Label> = {
  phone_sos: { zh: '手机一键呼叫', en: 'Phone SOS' },
  hotline: { zh: '12349 来电', en: '12349 call' },
  vendor_http: { zh: '厂商平台', en: 'Vendor cloud' },
  unknown: { zh: '未登记设备', en: 'Unregistered device' },
  ...DEVICE_TYPE_LABELS,
};
const KINDS: Record<string, Label> = {
  sos: { zh: '一键呼叫', en: 'SOS' },
  fall: { zh: '跌倒', en: 'Fall' },
  smoke: { zh: '烟雾', en: 'Smoke' },
  gas: { zh: '燃气', en: 'Gas' },
  water: { zh: '水浸', en: 'Water leak' },
  door: { zh: '门磁', en: 'Door' },
  bed_exit: { zh: '离床', en: 'Bed exit' },
  vital: { zh: '体征异常', en: 'Vital signs' },
  other: { zh: '其他', en: 'Other' },
};
const OUTCOMES: Record<string, Label> = {
  real: { zh: '真实求助', en: 'Real emergency' },
  false_alarm: { zh: '误报', en: 'False alarm' },
  test: { zh: '测试', en: 'Test' },
  device_fault: { zh: '设备故障', en: 'Device fault' },
  open: { zh: '未结案', en: 'Not closed' },
};

const label = (map: Record<string, Label>, key: string, l: Locale) =>
  map[key]?.[l === 'zh-CN' ? 'zh' : 'en'] ?? key;
const pct = (v: number | null) => (v === null ? '' : v);
const PCT = '0.0%';

/** The columns every grouping sheet shares after its first (what is grouped). */
const COUNT_COLUMNS: {
  zh: string;
  en: string;
  value: (c: AlarmStatsCounts) => number | string;
  pct?: true;
}[] = [
  { zh: '警情数', en: 'Alarms', value: (c) => c.total },
  { zh: '60秒内认领率', en: 'Acknowledged ≤ 60 s', value: (c) => pct(c.ack60Share), pct: true },
  { zh: '180秒内认领率', en: 'Acknowledged ≤ 180 s', value: (c) => pct(c.ack180Share), pct: true },
  { zh: '派员数', en: 'Responder dispatches', value: (c) => c.doorDue },
  { zh: '45分钟内到场率', en: 'At the door ≤ 45 min', value: (c) => pct(c.door45Share), pct: true },
  { zh: '误报数', en: 'False alarms', value: (c) => c.falseAlarms },
  { zh: '误报率', en: 'False-alarm rate', value: (c) => pct(c.falseShare), pct: true },
];

function groupSheet<T extends AlarmStatsCounts>(
  wb: ExcelJS.Workbook,
  l: Locale,
  name: Label,
  first: { zh: string; en: string; value: (row: T) => string },
  rows: readonly T[],
) {
  const zh = l === 'zh-CN';
  const ws = wb.addWorksheet(zh ? name.zh : name.en);
  ws.columns = [{ width: 24 }, ...COUNT_COLUMNS.map(() => ({ width: 16 }))];
  ws.addRow([zh ? first.zh : first.en, ...COUNT_COLUMNS.map((c) => (zh ? c.zh : c.en))]).font = {
    bold: true,
  };
  for (const r of rows)
    ws.addRow([neutraliseSpreadsheetCell(first.value(r)), ...COUNT_COLUMNS.map((c) => c.value(r))]);
  COUNT_COLUMNS.forEach((c, i) => {
    if (c.pct) ws.getColumn(i + 2).numFmt = PCT;
  });
}

/**
 * The month's answering report (issue 17 §4) as a workbook: the summary against the targets, then per day,
 * device type, seat and region, and outcomes and kinds. Staff names only; no elder appears in it.
 */
export async function alarmReportWorkbook(s: AlarmStats, l: Locale): Promise<Buffer> {
  const zh = l === 'zh-CN';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yiyang 颐养';
  const sum = wb.addWorksheet(zh ? '概况' : 'Summary');
  sum.columns = [{ width: 30 }, { width: 16 }, { width: 12 }, { width: 10 }];
  sum.addRow([zh ? '紧急呼叫接警统计月报' : 'Emergency calls: monthly answering report']).font = {
    bold: true,
    size: 14,
  };
  sum.addRow([zh ? '区域' : 'Region', neutraliseSpreadsheetCell(s.regionName), s.regionCode]);
  sum.addRow([zh ? '月份' : 'Month', s.month]);
  sum.addRow([]);
  sum.addRow([
    zh ? '指标' : 'Measure',
    zh ? '实际' : 'Actual',
    zh ? '目标' : 'Target',
    zh ? '达标' : 'Met',
  ]).font = {
    bold: true,
  };
  const met = (v: number | null, target: number) =>
    v === null ? '' : v >= target ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
  const kpi = (name: string, v: number | null, target: number) => {
    const row = sum.addRow([name, pct(v), target, met(v, target)]);
    row.getCell(2).numFmt = PCT;
    row.getCell(3).numFmt = PCT;
  };
  kpi(zh ? '60秒内认领率' : 'Acknowledged within 60 s', s.ack60Share, s.targets.ack60);
  kpi(zh ? '180秒内认领率' : 'Acknowledged within 180 s', s.ack180Share, s.targets.ack180);
  kpi(zh ? '45分钟内到场率' : 'At the door within 45 minutes', s.door45Share, s.targets.door45);
  sum.addRow([]);
  const plain: [string, string, number | string | null][] = [
    ['警情总数', 'Alarms', s.total],
    ['未结案', 'Not closed', s.open],
    ['已认领', 'Acknowledged', s.acknowledged],
    ['认领用时中位数（秒）', 'Median time to acknowledge (s)', s.ackP50Seconds],
    ['认领用时90分位（秒）', '90th percentile to acknowledge (s)', s.ackP90Seconds],
    ['派员数', 'Responder dispatches', s.doorDue],
    ['到场用时中位数（分钟）', 'Median time to the door (min)', s.doorP50Minutes],
    ['到场用时90分位（分钟）', '90th percentile to the door (min)', s.doorP90Minutes],
    ['误报数', 'False alarms', s.falseAlarms],
    ['在用设备', 'Devices in service', s.devices.total],
    ['在线设备（当前）', 'Devices online (now)', s.devices.online],
  ];
  for (const [z, e, v] of plain) sum.addRow([zh ? z : e, v ?? '']);
  const fr = sum.addRow([zh ? '误报率' : 'False-alarm rate', pct(s.falseShare)]);
  fr.getCell(2).numFmt = PCT;

  groupSheet(wb, l, { zh: '每日', en: 'Daily' }, { zh: '日期', en: 'Date', value: (r) => r.date }, s.daily);
  groupSheet(
    wb,
    l,
    { zh: '按设备类型', en: 'By device type' },
    { zh: '设备类型/来源', en: 'Device type / source', value: (r) => label(LABELS, r.type, l) },
    s.byDeviceType,
  );
  groupSheet(
    wb,
    l,
    { zh: '按坐席', en: 'By seat' },
    { zh: '坐席', en: 'Seat', value: (r) => r.seatName ?? '' },
    s.bySeat,
  );
  groupSheet(
    wb,
    l,
    { zh: '按区域', en: 'By region' },
    { zh: '区域', en: 'Region', value: (r) => r.regionName },
    s.byRegion,
  );
  const out = wb.addWorksheet(zh ? '结果与类型' : 'Outcomes and kinds');
  out.columns = [{ width: 20 }, { width: 12 }];
  out.addRow([zh ? '结案结果' : 'Outcome', zh ? '数量' : 'Count']).font = { bold: true };
  for (const o of s.byOutcome) out.addRow([label(OUTCOMES, o.outcome ?? 'open', l), o.count]);
  out.addRow([]);
  out.addRow([zh ? '警情类型' : 'Kind', zh ? '数量' : 'Count']).font = { bold: true };
  for (const k of s.byKind) out.addRow([label(KINDS, k.kind, l), k.count]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
