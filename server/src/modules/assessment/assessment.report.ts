/**
 * The printable ability-assessment report (老年人能力评估报告) as an A4 PDF:
 * GB/T 42195-2022 Appendix C and MZ/T 039-2013 Appendix C (STANDARDS.md §1.6,
 * §2.6; PRODUCT.md §4.3). Pure: standard data, a scoring result and the
 * identifiers in, PDF bytes out; no database, no HTTP.
 *
 * Everything standard-specific comes from the standard's data: the report
 * sections and their entries (`standard.report`), level and grade names, the
 * change rules, the Appendix A labels and options (评估原因, 性别), the
 * signature blocks, and the item-by-item appendix (`standard.items`). The
 * same code prints both standards.
 *
 * Font: Noto Sans SC (SIL OFL 1.1) from `@embedpdf/fonts-sc`; pdfkit embeds
 * only the glyphs used (docs/decisions/003-report-pdf-font.md).
 */
import PDFDocument from 'pdfkit';
import { CONTENT_WIDTH, MARGIN, ReportCanvas } from '../../platform/pdfCanvas.ts';
import { PDF_FONT, registerPdfFonts } from '../../platform/pdfFonts.ts';
import {
  appendixTable,
  fieldLabel,
  identificationRows,
  resultRows,
  SEP,
  signatureRows,
} from './assessment.report.content.ts';
import { ReportInputError, type ReportInput } from './assessment.report.types.ts';

export * from './assessment.report.types.ts';

// ---- font ----

/** The embedded font (docs/decisions/003-report-pdf-font.md; platform/pdfFonts.ts). */
export const REPORT_FONT = PDF_FONT;

// ---- entry point ----

/** An A4 document with the report's metadata, its bytes collected as they are written. */
function openDocument(input: ReportInput, title: string, created: Date) {
  const { standard, assessment } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      // No personal data in the metadata: it is shown by viewers and indexed by search tools.
      Title: `${title} ${assessment.number}`,
      Subject: `${standard.standardCode}《${standard.zh}》`,
      Author: assessment.agencyName,
      Creator: 'Yiyang 颐养',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerPdfFonts(doc);
  return { doc, done };
}

/**
 * Renders the Appendix C report of `result` as an A4 PDF: identifiers, the
 * dimension results, total, initial level, the change rules that fired and
 * why, the final level, signature blocks, and the item-by-item appendix.
 * Throws ReportInputError when the input cannot be printed.
 */
export async function renderReportPdf(input: ReportInput): Promise<Buffer> {
  const { standard, result, elder, assessment } = input;
  const layout = standard.report;
  if (!layout)
    throw new ReportInputError('assessment.report_unavailable', { standard: standard.standardCode });
  if (result.standardCode !== standard.standardCode) {
    throw new ReportInputError('assessment.report_standard_mismatch', {
      standard: standard.standardCode,
      result: result.standardCode,
    });
  }
  // Validate every value before drawing anything.
  const idRows = identificationRows(standard, elder, assessment);
  const { doc, done } = openDocument(input, layout.zh, input.generatedAt ?? new Date());

  const canvas = new ReportCanvas(doc);
  canvas.heading(layout.zh, 18, 2);
  canvas.subheading(`依据 ${standard.standardCode}《${standard.zh}》`, 10);
  const labelWidth = 72;
  const valueWidth = CONTENT_WIDTH / 2 - labelWidth;
  canvas.table({ widths: [labelWidth, valueWidth, labelWidth, valueWidth], rows: idRows });

  // Wide enough a value column for the GB/T level options on two lines.
  const resultLabel = 118;
  canvas.table({
    widths: [resultLabel, CONTENT_WIDTH - resultLabel],
    rows: resultRows(standard, result, layout),
  });

  const half = (CONTENT_WIDTH - resultLabel) / 2;
  canvas.table({
    widths: [resultLabel, half, half],
    rows: signatureRows(layout, assessment),
    keepTogether: true,
  });

  canvas.newPage();
  canvas.heading(`附表  评估项目得分明细`, 13, 2);
  canvas.subheading(`依据 ${standard.itemsClause}`, 8);
  canvas.table(appendixTable(standard, result));

  canvas.decoratePages(
    `${layout.zh}（续）${SEP}${fieldLabel(standard, 'A.2.1', '姓名')}：${elder.name}${SEP}评估编号：${assessment.number}`,
    `${standard.standardCode} ${layout.zh}`,
    `评估编号：${assessment.number}`,
  );
  doc.end();
  return done;
}
