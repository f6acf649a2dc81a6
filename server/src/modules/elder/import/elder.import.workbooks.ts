import type { Locale } from '@yiyang/contracts';
import ExcelJS from '../../../platform/exceljs.ts';
import { neutraliseSpreadsheetCell } from '../../../platform/masking.ts';
import { IMPORT_COLUMNS } from './elder.import.columns.ts';
import type { ImportIssueView, ImportJobView } from './elder.import.types.ts';

// The import's two workbooks (ExcelJS layout only): the 摸底表 template and a job's error report.

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** The row-level report as a workbook (row, column, code, message). */
export async function issuesWorkbook(
  job: ImportJobView,
  items: ImportIssueView[],
  locale: Locale,
): Promise<Buffer> {
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

/** The 摸底表 template: the sheet to fill, its drop-down lists, the instructions, and `villages` to choose from. */
export async function templateWorkbook(villages: { code: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yiyang 颐养';
  const ws = dataSheet(wb);
  optionLists(wb, ws);
  helpSheet(wb);
  villagesSheet(wb, villages);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function dataSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
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
  return ws;
}

/** Drop-down lists from a hidden sheet (inline lists are limited to 255 characters). */
function optionLists(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
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
    (ws as unknown as { dataValidations: DataValidations }).dataValidations.add(`${target}3:${target}10000`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'选项'!$${letter}$2:$${letter}$${labels.length + 1}`],
      showErrorMessage: true,
      errorTitle: c.zh,
      error: '请从下拉列表中选择',
    });
  });
}

function helpSheet(wb: ExcelJS.Workbook): void {
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
}

function villagesSheet(wb: ExcelJS.Workbook, rows: { code: string; name: string }[]): void {
  const villages = wb.addWorksheet('社区代码');
  villages.columns = [
    { header: '社区/村代码', key: 'code', width: 16 },
    { header: '名称', key: 'name', width: 30 },
  ];
  villages.getRow(1).font = { bold: true };
  for (const r of rows) villages.addRow({ code: r.code, name: r.name });
  villages.getColumn('code').numFmt = '@';
}
