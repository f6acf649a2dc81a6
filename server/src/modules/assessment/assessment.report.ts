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
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

import { formatAssessmentMessage, type AssessmentMessageCode } from './assessment.errors.ts';
import type { FiredRule, ScoredAssessment } from './assessment.scoring.ts';
import type {
  AssessmentDimension,
  AssessmentStandard,
  FieldOption,
  FormField,
  ReportEntry,
  ReportLayout,
} from './standards/types.ts';

// ---- input ----

/** A calendar date: 'YYYY-MM-DD', or a Date (printed as the date in China, Asia/Shanghai). */
export type CalendarDate = string | Date;

/**
 * A.1.3 评估原因. GB/T 42195 and MZ/T 039 word the options differently; the
 * report prints the standard's own wording (MZ/T 039 calls 'first' 'initial').
 */
export type ReportReason = 'first' | 'initial' | 'routine' | 'immediate' | 'dispute_review' | 'other';

export interface ReportElder {
  name: string;
  /** A.2.2 option value ('male' / 'female'). */
  sex: string;
  birthDate: CalendarDate;
  /** Printed as given: the caller decides whether it is masked (PIPL, STANDARDS.md §7). */
  idNumber: string;
  regionName: string;
  address?: string;
}

export interface ReportAssessor {
  name: string;
  certificateNo: string;
  /** Left as a blank date line when absent (signed by hand). */
  signedAt?: CalendarDate;
}

export interface ReportAssessment {
  /** A.1.1 评估编号. */
  number: string;
  reason: ReportReason;
  /** A.1.2 评估基准日期. */
  assessedAt: CalendarDate;
  place: string;
  agencyName: string;
  assessors: readonly ReportAssessor[];
  reviewer?: { name: string; certificateNo?: string; reviewedAt?: CalendarDate };
}

export interface ReportInput {
  standard: AssessmentStandard;
  /** The successful result of `scoreAssessment` for `standard`. */
  result: ScoredAssessment;
  elder: ReportElder;
  assessment: ReportAssessment;
  locale?: 'zh-CN';
  /** PDF creation date; fix it for reproducible output (tests). Defaults to now. */
  generatedAt?: Date;
}

/** Input the report cannot be printed from; `code` is an i18n key of ASSESSMENT_MESSAGES. */
export class ReportInputError extends Error {
  readonly code: AssessmentMessageCode;
  readonly params: Record<string, unknown>;
  constructor(code: AssessmentMessageCode, params: Record<string, unknown>) {
    super(formatAssessmentMessage(code, 'zh-CN', params));
    this.name = 'ReportInputError';
    this.code = code;
    this.params = params;
  }
}

// ---- font ----

/** The embedded font (docs/decisions/003-report-pdf-font.md). */
export const REPORT_FONT = {
  package: '@embedpdf/fonts-sc',
  regular: 'NotoSansHans-Regular',
  bold: 'NotoSansHans-Bold',
} as const;

let fontData: { regular: Buffer; bold: Buffer } | undefined;

/** Reads the two font files once per process (8 MB each); pdfkit subsets them per document. */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontData) {
    // The package exports only its index; the font files sit in ../fonts beside dist/.
    const entry = createRequire(import.meta.url).resolve(REPORT_FONT.package);
    const dir = join(dirname(entry), '..', 'fonts');
    fontData = {
      regular: readFileSync(join(dir, `${REPORT_FONT.regular}.otf`)),
      bold: readFileSync(join(dir, `${REPORT_FONT.bold}.otf`)),
    };
  }
  return fontData;
}

// ---- page geometry and style ----

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 58, left: 50, right: 50 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const PAGE_BOTTOM = A4.height - MARGIN.bottom;

const BODY_SIZE = 9.5;
const SMALL_SIZE = 8;
// Noto Sans SC has a 0.5 em line gap below each line; a negative extra gap tightens CJK lines to ~1.35 em.
const LINE_GAP = -1.5;
// More padding above than below: every cell ends with the font's own gap under its last line.
const PAD = { x: 5, top: 4.5, bottom: 1.5 };
const BOX = 7.5; // check-box side
const BORDER = 0.7;
const INK = '#000000';
const MUTED = '#4d4d4d';
const LABEL_FILL = '#f0f0f0';
const BAND_FILL = '#dcdcdc';

// ---- layout model: tables of cells holding blocks ----

type Block =
  | {
      kind: 'text';
      text: string;
      bold?: boolean;
      size?: number;
      color?: string;
      align?: 'left' | 'center' | 'right';
    }
  /** A check box with its text (hanging indent) and muted notes under it. */
  | { kind: 'check'; text: string; checked: boolean; notes?: readonly string[] }
  /** Check boxes flowing on lines, e.g. the level options. */
  | { kind: 'choices'; options: readonly { text: string; checked: boolean }[] }
  /** One line: bold text on the left, muted text on the right (band titles with subtotals). */
  | { kind: 'pair'; left: string; right: string }
  | { kind: 'gap'; height: number };

interface Cell {
  blocks: readonly Block[];
  span?: number;
  fill?: string;
  valign?: 'top' | 'middle';
}

interface Row {
  cells: readonly Cell[];
  /** Do not leave this row alone at the bottom of a page (band and section titles). */
  keepWithNext?: boolean;
  minHeight?: number;
}

interface Table {
  widths: readonly number[];
  rows: readonly Row[];
  /** Rows repeated at the top of every page the table continues on. */
  header?: readonly Row[];
  keepTogether?: boolean;
}

const text = (t: string, extra: Omit<Extract<Block, { kind: 'text' }>, 'kind' | 'text'> = {}): Block => ({
  kind: 'text',
  text: t,
  ...extra,
});
const muted = (t: string): Block => text(t, { size: SMALL_SIZE, color: MUTED });
const label = (t: string, help?: string): Cell => ({
  blocks: help ? [text(t, { bold: true }), muted(help)] : [text(t, { bold: true })],
  fill: LABEL_FILL,
  valign: 'middle',
});
const band = (t: string, span: number, right?: string): Row => ({
  cells: [
    {
      blocks: [right ? { kind: 'pair', left: t, right } : text(t, { bold: true })],
      span,
      fill: BAND_FILL,
    },
  ],
  keepWithNext: true,
});

/** Draws tables with page breaks, repeated header rows, page headers and footers. */
class ReportCanvas {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN.top;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  private setFont(bold: boolean | undefined, size: number) {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  }

  private lineHeight(size: number) {
    this.setFont(false, size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  /** Lays out `blocks` in a column at (x, y); draws only when `draw`. Returns the height used. */
  private blocks(blocks: readonly Block[], x: number, y: number, width: number, draw: boolean): number {
    const doc = this.doc;
    let h = 0;
    for (const b of blocks) {
      switch (b.kind) {
        case 'gap':
          h += b.height;
          break;
        case 'text': {
          const size = b.size ?? BODY_SIZE;
          this.setFont(b.bold, size);
          const opts = { width, lineGap: LINE_GAP, align: b.align ?? 'left' };
          if (draw) doc.fillColor(b.color ?? INK).text(b.text, x, y + h, opts);
          h += doc.heightOfString(b.text, opts);
          break;
        }
        case 'check': {
          const indent = BOX + 4;
          this.setFont(false, BODY_SIZE);
          const opts = { width: width - indent, lineGap: LINE_GAP };
          if (draw) {
            this.checkBox(x, y + h, b.checked);
            doc.fillColor(INK).text(b.text, x + indent, y + h, opts);
          }
          h += doc.heightOfString(b.text, opts);
          for (const note of b.notes ?? []) {
            this.setFont(false, SMALL_SIZE);
            const nopts = { width: width - indent, lineGap: LINE_GAP };
            if (draw) doc.fillColor(MUTED).text(note, x + indent, y + h, nopts);
            h += doc.heightOfString(note, nopts);
          }
          h += 2;
          break;
        }
        case 'pair': {
          this.setFont(true, BODY_SIZE);
          const lh = doc.heightOfString(b.left, { width, lineGap: LINE_GAP });
          if (draw) {
            doc.fillColor(INK).text(b.left, x, y + h, { width, lineGap: LINE_GAP, lineBreak: false });
            this.setFont(false, SMALL_SIZE);
            // Same baseline as the bold text on the left.
            const dy = (BODY_SIZE - SMALL_SIZE) * 0.88;
            doc.fillColor(MUTED).text(b.right, x, y + h + dy, { width, align: 'right', lineBreak: false });
          }
          h += lh;
          break;
        }
        case 'choices': {
          const lh = this.lineHeight(BODY_SIZE);
          this.setFont(false, BODY_SIZE);
          let cx = 0;
          let line = 0;
          for (const o of b.options) {
            const w = BOX + 3 + doc.widthOfString(o.text);
            if (cx > 0 && cx + w > width) {
              cx = 0;
              line += 1;
            }
            if (draw) {
              this.checkBox(x + cx, y + h + line * lh, o.checked);
              doc
                .fillColor(INK)
                .text(o.text, x + cx + BOX + 3, y + h + line * lh, { lineBreak: false, lineGap: LINE_GAP });
            }
            cx += w + 10;
          }
          h += (line + 1) * lh;
          break;
        }
      }
    }
    return h;
  }

  /** A square box on the first text line at (x, y); a tick (text, so it is extractable) when checked. */
  private checkBox(x: number, y: number, checked: boolean) {
    const doc = this.doc;
    // Centred on the ideographs: the em box spans 0.88 em above to 0.12 em below the baseline,
    // and the baseline sits 0.88 em below the top of the line.
    const top = y + BODY_SIZE * 0.5 - BOX / 2;
    doc.lineWidth(0.6).strokeColor(INK).rect(x, top, BOX, BOX).stroke();
    if (checked) {
      this.setFont(true, BODY_SIZE + 1.5);
      doc.fillColor(INK).text('✓', x - 0.5, top - 4, { lineBreak: false });
      this.setFont(false, BODY_SIZE);
    }
  }

  private cellWidth(widths: readonly number[], start: number, span: number) {
    return widths.slice(start, start + span).reduce((a, b) => a + b, 0);
  }

  private rowHeight(widths: readonly number[], row: Row): number {
    let col = 0;
    let h = row.minHeight ?? 0;
    for (const c of row.cells) {
      const w = this.cellWidth(widths, col, c.span ?? 1);
      h = Math.max(h, this.blocks(c.blocks, 0, 0, w - 2 * PAD.x, false) + PAD.top + PAD.bottom);
      col += c.span ?? 1;
    }
    return Math.ceil(h);
  }

  private drawRow(widths: readonly number[], row: Row, height: number) {
    const doc = this.doc;
    let x = MARGIN.left;
    let col = 0;
    for (const c of row.cells) {
      const w = this.cellWidth(widths, col, c.span ?? 1);
      if (c.fill) doc.rect(x, this.y, w, height).fill(c.fill);
      const inner = this.blocks(c.blocks, 0, 0, w - 2 * PAD.x, false);
      const dy = c.valign === 'middle' ? (height - PAD.top - PAD.bottom - inner) / 2 : 0;
      this.blocks(c.blocks, x + PAD.x, this.y + PAD.top + dy, w - 2 * PAD.x, true);
      doc.lineWidth(BORDER).strokeColor(INK).rect(x, this.y, w, height).stroke();
      x += w;
      col += c.span ?? 1;
    }
    this.y += height;
  }

  newPage() {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  table(t: Table) {
    const heights = t.rows.map((r) => this.rowHeight(t.widths, r));
    const headerHeights = (t.header ?? []).map((r) => this.rowHeight(t.widths, r));
    const drawHeader = () => t.header?.forEach((r, k) => this.drawRow(t.widths, r, headerHeights[k] ?? 0));
    const whole = [...heights, ...headerHeights].reduce((a, b) => a + b, 0);
    // A block that must not be split (signatures) starts a new page when it does not fit.
    if (t.keepTogether && this.y + whole > PAGE_BOTTOM && whole <= PAGE_BOTTOM - MARGIN.top) this.newPage();
    drawHeader();
    t.rows.forEach((row, k) => {
      const h = heights[k] ?? 0;
      // A title row travels with the row after it.
      const needed = row.keepWithNext ? h + (heights[k + 1] ?? 0) : h;
      if (this.y + needed > PAGE_BOTTOM) {
        this.newPage();
        drawHeader();
      }
      this.drawRow(t.widths, row, h);
    });
  }

  heading(t: string, size: number, gapAfter: number) {
    this.setFont(true, size);
    this.doc.fillColor(INK).text(t, MARGIN.left, this.y, { width: CONTENT_WIDTH, align: 'center' });
    this.y += this.doc.heightOfString(t, { width: CONTENT_WIDTH }) + gapAfter;
  }

  subheading(t: string, gapAfter: number) {
    this.setFont(false, SMALL_SIZE + 1);
    this.doc.fillColor(MUTED).text(t, MARGIN.left, this.y, { width: CONTENT_WIDTH, align: 'center' });
    this.y += this.doc.heightOfString(t, { width: CONTENT_WIDTH }) + gapAfter;
  }

  /** Running header (continuation pages) and footer with page numbers, drawn once all pages exist. */
  decoratePages(runningHeader: string, footerLeft: string, footerRight: string) {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Text below the bottom margin would start a new page otherwise.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      this.setFont(false, SMALL_SIZE);
      doc.fillColor(MUTED);
      if (i > start) {
        doc.text(runningHeader, MARGIN.left, MARGIN.top - 22, { width: CONTENT_WIDTH, lineBreak: false });
        doc
          .lineWidth(0.4)
          .strokeColor(MUTED)
          .moveTo(MARGIN.left, MARGIN.top - 8)
          .lineTo(A4.width - MARGIN.right, MARGIN.top - 8)
          .stroke();
      }
      const fy = A4.height - MARGIN.bottom + 20;
      doc
        .lineWidth(0.4)
        .strokeColor(MUTED)
        .moveTo(MARGIN.left, fy - 6)
        .lineTo(A4.width - MARGIN.right, fy - 6)
        .stroke();
      doc.text(footerLeft, MARGIN.left, fy, { width: CONTENT_WIDTH, align: 'left', lineBreak: false });
      doc.text(`第 ${i - start + 1} 页  共 ${count} 页`, MARGIN.left, fy, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
      doc.text(footerRight, MARGIN.left, fy, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
}

// ---- values ----

function formatDate(d: CalendarDate, field: string): string {
  if (d instanceof Date) {
    if (Number.isNaN(d.getTime())) throw invalid(field, 'a valid date');
    // The calendar date in China, whatever the server's time zone.
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
    return formatDate(parts, field);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw invalid(field, 'YYYY-MM-DD');
  return `${m[1]}年${m[2]}月${m[3]}日`;
}

const BLANK_DATE = '______年____月____日';
/** Two ideographic spaces: the gap between fields on one line of a Chinese form. */
const SEP = '\u3000\u3000';
const SIGN_LINE = '________________';

const invalid = (field: string, expected: string) =>
  new ReportInputError('assessment.report_input_invalid', { field, expected });

function findField(standard: AssessmentStandard, pick: (f: FormField) => boolean): FormField | undefined {
  return standard.basicInfoForm.flatMap((s) => s.fields).find(pick);
}

const fieldLabel = (standard: AssessmentStandard, code: string, fallback: string) =>
  findField(standard, (f) => f.code === code)?.zh ?? fallback;

/** The standard's A.1.3 option for `reason`; MZ/T 039 calls a first assessment 'initial'. */
function reasonOptions(standard: AssessmentStandard, reason: ReportReason) {
  const options: readonly FieldOption[] = findField(standard, (f) => f.code === 'A.1.3')?.options ?? [];
  const aliases: Partial<Record<ReportReason, ReportReason>> = { first: 'initial', initial: 'first' };
  const chosen = options.find((o) => o.value === reason) ?? options.find((o) => o.value === aliases[reason]);
  if (!chosen) throw invalid('assessment.reason', options.map((o) => o.value).join(' | '));
  return options.map((o) => ({ text: o.zh, checked: o === chosen }));
}

function sexText(standard: AssessmentStandard, sex: string): string {
  const options = findField(standard, (f) => f.code === 'A.2.2')?.options ?? [];
  const o = options.find((x) => x.value === sex || x.zh === sex);
  if (!o) throw invalid('elder.sex', options.map((x) => x.value).join(' | '));
  return o.zh;
}

const firedText = (f: FiredRule) => formatAssessmentMessage(f.reasonCode, 'zh-CN', f.params);

function dimensionOf(standard: AssessmentStandard, code: string): AssessmentDimension {
  const d = standard.dimensions.find((x) => x.code === code);
  if (!d) throw new Error(`report entry names unknown dimension ${code}`); // caught by checkStandard
  return d;
}

/** "得分 X（满分 Y）", or the range and direction where a higher score means worse ability. */
function scoreText(d: AssessmentDimension, score: number | null): string | null {
  if (d.scoring === 'rule') return null;
  if (score === null) return '得分：—（有项目未评估）';
  return d.polarity === 'higher_is_better'
    ? `得分：${score} 分（满分 ${d.maxScore}）`
    : `得分：${score} 分（0～${d.maxScore}，分值越高表示受损越重）`;
}

/** The value cell of one Appendix C entry, driven by its `source`. */
function entryBlocks(standard: AssessmentStandard, result: ScoredAssessment, entry: ReportEntry): Block[] {
  const src = entry.source;
  const levelChoices = (code: number | undefined) => ({
    kind: 'choices' as const,
    options: standard.levels.map((l) => ({ text: `${l.code} ${l.zh}`, checked: l.code === code })),
  });
  switch (src.kind) {
    case 'dimension_score': {
      const d = dimensionOf(standard, src.dimension);
      const r = result.dimensions.find((x) => x.code === d.code);
      return [text(scoreText(d, r?.score ?? null) ?? '—')];
    }
    case 'dimension_grade': {
      const d = dimensionOf(standard, src.dimension);
      const r = result.dimensions.find((x) => x.code === d.code);
      const grade = r?.grade?.code;
      const blocks: Block[] = [
        {
          kind: 'choices',
          options: (d.grading?.grades ?? []).map((g) => ({
            text: `${g.code} ${g.zh}`,
            checked: g.code === grade,
          })),
        },
      ];
      const score = scoreText(d, r?.score ?? null);
      if (score) blocks.push(muted(score));
      if (grade === undefined) blocks.push(muted('未能分级：有项目未评估'));
      return blocks;
    }
    case 'total':
      return [
        text(
          result.total === null
            ? '—（有项目未评估）'
            : `${result.total} 分（满分 ${result.totalMax ?? '—'}）`,
          { bold: true },
        ),
      ];
    case 'initial_level': {
      const blocks: Block[] = [levelChoices(result.initialLevel?.code)];
      if (!result.initialLevel) blocks.push(muted('有项目依规定未评估，不判定初步等级'));
      return blocks;
    }
    case 'change_rules': {
      const blocks: Block[] = standard.changeRules.map((rule) => {
        const fired = result.firedRules.find((f) => f.rule === rule.code);
        const notes = fired ? [`${firedText(fired)}${fired.applied ? '' : '（本条不改变等级）'}`] : undefined;
        return { kind: 'check', text: rule.zh, checked: fired !== undefined, notes };
      });
      const rules = new Set<string>(standard.changeRules.map((r) => r.code));
      for (const f of result.firedRules.filter((x) => !rules.has(x.rule))) {
        blocks.push(muted(`说明：${firedText(f)}`));
      }
      if (result.firedRules.length === 0) blocks.push(muted('以上情况均不存在，最终等级同初步等级。'));
      return blocks;
    }
    case 'final_level':
      return [levelChoices(result.finalLevel.code)];
  }
}

/** C.1–C.5: one row per entry; a section with several entries gets a title row. */
function resultRows(standard: AssessmentStandard, result: ScoredAssessment, layout: ReportLayout): Row[] {
  return layout.sections.flatMap((section) => {
    const value = (e: ReportEntry): Cell => ({ blocks: entryBlocks(standard, result, e), valign: 'middle' });
    const [only] = section.entries;
    if (section.entries.length === 1 && only?.code === section.code) {
      // One entry numbered like its section (C.2 总分 / 初步等级得分): the section names the row.
      const help = [only.zh === section.zh ? null : only.zh, only.help].filter(Boolean).join('；');
      return [{ cells: [label(`${section.code} ${section.zh}`, help || undefined), value(only)] }];
    }
    return [
      band(`${section.code} ${section.zh}`, 2),
      ...section.entries.map((e) => ({ cells: [label(`${e.code} ${e.zh}`, e.help), value(e)] })),
    ];
  });
}

function signatureRows(layout: ReportLayout, assessment: ReportAssessment): Row[] {
  const rows: Row[] = [];
  for (const block of layout.signatures) {
    if (block.role === 'assessor') {
      const count = Math.max(block.count, assessment.assessors.length);
      const cells: Cell[] = Array.from({ length: count }, (_, k) => {
        const a = assessment.assessors[k];
        return {
          blocks: [
            text(`姓名：${a?.name ?? ''}`),
            text(`证书编号：${a?.certificateNo ?? ''}`),
            { kind: 'gap', height: 6 },
            text(`签名：${SIGN_LINE}`),
            text(
              `日期：${a?.signedAt ? formatDate(a.signedAt, `assessment.assessors[${k}].signedAt`) : BLANK_DATE}`,
            ),
          ],
        };
      });
      // Two assessors side by side (STANDARDS.md §1.7, §2.6); more wrap to further rows.
      for (let k = 0; k < cells.length; k += 2) {
        const pair = cells.slice(k, k + 2);
        rows.push({
          cells: [label(k === 0 ? block.zh : ''), ...(pair.length === 2 ? pair : [{ ...pair[0]!, span: 2 }])],
        });
      }
    } else {
      rows.push({
        cells: [
          label(block.zh),
          {
            blocks: [{ kind: 'gap', height: 8 }, text(`签名：${SIGN_LINE}${SEP}日期：${BLANK_DATE}`)],
            span: 2,
          },
        ],
      });
    }
  }
  const r = assessment.reviewer;
  if (r) {
    const when = r.reviewedAt ? formatDate(r.reviewedAt, 'assessment.reviewer.reviewedAt') : BLANK_DATE;
    rows.push({
      cells: [
        label('审核人'),
        {
          blocks: [
            text(`姓名：${r.name}${r.certificateNo ? `${SEP}证书编号：${r.certificateNo}` : ''}`),
            text(`签名：${SIGN_LINE}${SEP}日期：${when}`),
          ],
          span: 2,
        },
      ],
    });
  }
  rows.push({
    cells: [
      label('评估机构'),
      {
        blocks: [
          text(assessment.agencyName, { bold: true }),
          { kind: 'gap', height: 10 },
          text(`（盖章）${SEP}日期：${formatDate(assessment.assessedAt, 'assessment.assessedAt')}`, {
            align: 'right',
          }),
        ],
        span: 2,
      },
    ],
  });
  return rows;
}

/** 附表: every item of the standard with the chosen option and its score, grouped by dimension. */
function appendixTable(standard: AssessmentStandard, result: ScoredAssessment): Table {
  const chosen = new Map(result.items.map((i) => [i.code, i]));
  const skipped = new Set(result.skippedItems);
  const widths = [44, 104, CONTENT_WIDTH - 44 - 104 - 36 - 40, 36, 40];
  const head = (t: string): Cell => ({
    blocks: [text(t, { bold: true, align: 'center' })],
    fill: LABEL_FILL,
  });
  const header: Row[] = [
    { cells: [head('编号'), head('评估项目'), head('评估结果（所选选项）'), head('得分'), head('分值')] },
  ];
  const rows: Row[] = [];
  for (const d of standard.dimensions) {
    const r = result.dimensions.find((x) => x.code === d.code);
    const facts = [scoreText(d, r?.score ?? null), r?.grade ? `分级：${r.grade.code} ${r.grade.zh}` : null];
    rows.push(band(`${d.code} ${d.zh}`, 5, facts.filter(Boolean).join(SEP)));
    for (const item of standard.items.filter((i) => i.dimension === d.code)) {
      const answer = chosen.get(item.code);
      const option = answer ? item.options.find((o) => o.value === answer.value) : undefined;
      const chosenText = option?.zh ?? (skipped.has(item.code) ? '—（依规定可不评估）' : '—');
      rows.push({
        cells: [
          { blocks: [text(item.code, { align: 'center' })], valign: 'middle' },
          { blocks: [text(item.zh)], valign: 'middle' },
          { blocks: [text(chosenText)], valign: 'middle' },
          { blocks: [text(answer ? String(answer.score) : '—', { align: 'center' })], valign: 'middle' },
          { blocks: [text(`0～${item.maxScore}`, { align: 'center', color: MUTED })], valign: 'middle' },
        ],
      });
    }
  }
  if (result.total !== null) {
    rows.push({
      cells: [
        { blocks: [text('总分', { bold: true, align: 'right' })], span: 3, fill: LABEL_FILL },
        { blocks: [text(String(result.total), { bold: true, align: 'center' })], fill: LABEL_FILL },
        { blocks: [text(`0～${result.totalMax ?? '—'}`, { align: 'center' })], fill: LABEL_FILL },
      ],
    });
  }
  return { widths, rows, header };
}

// ---- entry point ----

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
  const assessedAt = formatDate(assessment.assessedAt, 'assessment.assessedAt');
  const birthDate = formatDate(elder.birthDate, 'elder.birthDate');
  const reasons = reasonOptions(standard, assessment.reason);
  const sex = sexText(standard, elder.sex);
  const created = input.generatedAt ?? new Date();

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      // No personal data in the metadata: it is shown by viewers and indexed by search tools.
      Title: `${layout.zh} ${assessment.number}`,
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

  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);

  const canvas = new ReportCanvas(doc);
  canvas.heading(layout.zh, 18, 2);
  canvas.subheading(`依据 ${standard.standardCode}《${standard.zh}》`, 10);

  const labelWidth = 72;
  const valueWidth = CONTENT_WIDTH / 2 - labelWidth;
  const w4 = [labelWidth, valueWidth, labelWidth, valueWidth];
  const value = (t: string, span = 1): Cell => ({ blocks: [text(t)], span, valign: 'middle' });
  const idLabel = findField(standard, (x) => x.type === 'id_number')?.zh ?? '公民身份号码';
  const idRows: Row[] = [
    band('评估信息及评估对象基本信息', 4),
    {
      cells: [
        label(fieldLabel(standard, 'A.1.1', '评估编号')),
        value(assessment.number),
        label(fieldLabel(standard, 'A.1.2', '评估基准日期')),
        value(assessedAt),
      ],
    },
    {
      cells: [
        label(fieldLabel(standard, 'A.1.3', '评估原因')),
        { blocks: [{ kind: 'choices', options: reasons }], span: 3 },
      ],
    },
    {
      cells: [
        label(fieldLabel(standard, 'A.2.1', '姓名')),
        value(elder.name),
        label(fieldLabel(standard, 'A.2.2', '性别')),
        value(sex),
      ],
    },
    {
      cells: [
        label(fieldLabel(standard, 'A.2.3', '出生日期')),
        value(birthDate),
        label(idLabel),
        value(elder.idNumber),
      ],
    },
    {
      cells: [label('所在地区'), value(elder.regionName), label('评估地点'), value(assessment.place)],
    },
    ...(elder.address ? [{ cells: [label('居住地址'), value(elder.address, 3)] }] : []),
  ];
  canvas.table({ widths: w4, rows: idRows });

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
