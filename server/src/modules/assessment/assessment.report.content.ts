import { formatAssessmentMessage } from './assessment.errors.ts';
import type { FiredRule, ScoredAssessment } from './assessment.scoring.ts';
import {
  band,
  CONTENT_WIDTH,
  label,
  LABEL_FILL,
  muted,
  MUTED,
  text,
  type Block,
  type Cell,
  type Row,
  type Table,
} from '../../platform/pdfCanvas.ts';
import {
  ReportInputError,
  type CalendarDate,
  type ReportAssessment,
  type ReportElder,
  type ReportReason,
} from './assessment.report.types.ts';
import type {
  AssessmentDimension,
  AssessmentStandard,
  FieldOption,
  FormField,
  ReportEntry,
  ReportLayout,
} from './standards/types.ts';

/** What the report prints: values checked and formatted, and the rows of its tables (Appendix C). */

// ---- values ----

export function formatDate(d: CalendarDate, field: string): string {
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
export const SEP = '\u3000\u3000';
const SIGN_LINE = '________________';

const invalid = (field: string, expected: string) =>
  new ReportInputError('assessment.report_input_invalid', { field, expected });

export function findField(
  standard: AssessmentStandard,
  pick: (f: FormField) => boolean,
): FormField | undefined {
  return standard.basicInfoForm.flatMap((s) => s.fields).find(pick);
}

export const fieldLabel = (standard: AssessmentStandard, code: string, fallback: string) =>
  findField(standard, (f) => f.code === code)?.zh ?? fallback;

/** The standard's A.1.3 option for `reason`; MZ/T 039 calls a first assessment 'initial'. */
export function reasonOptions(standard: AssessmentStandard, reason: ReportReason) {
  const options: readonly FieldOption[] = findField(standard, (f) => f.code === 'A.1.3')?.options ?? [];
  const aliases: Partial<Record<ReportReason, ReportReason>> = { first: 'initial', initial: 'first' };
  const chosen = options.find((o) => o.value === reason) ?? options.find((o) => o.value === aliases[reason]);
  if (!chosen) throw invalid('assessment.reason', options.map((o) => o.value).join(' | '));
  return options.map((o) => ({ text: o.zh, checked: o === chosen }));
}

export function sexText(standard: AssessmentStandard, sex: string): string {
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
export function resultRows(
  standard: AssessmentStandard,
  result: ScoredAssessment,
  layout: ReportLayout,
): Row[] {
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

export function signatureRows(layout: ReportLayout, assessment: ReportAssessment): Row[] {
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
export function appendixTable(standard: AssessmentStandard, result: ScoredAssessment): Table {
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

/** 评估信息及评估对象基本信息: A.1.1–A.1.3 and A.2.1–A.2.3, the ID number, region and place. */
export function identificationRows(
  standard: AssessmentStandard,
  elder: ReportElder,
  assessment: ReportAssessment,
): Row[] {
  const assessedAt = formatDate(assessment.assessedAt, 'assessment.assessedAt');
  const birthDate = formatDate(elder.birthDate, 'elder.birthDate');
  const reasons = reasonOptions(standard, assessment.reason);
  const sex = sexText(standard, elder.sex);
  const value = (t: string, span = 1): Cell => ({ blocks: [text(t)], span, valign: 'middle' });
  const field = (code: string, fallback: string) => label(fieldLabel(standard, code, fallback));
  const idLabel = findField(standard, (x) => x.type === 'id_number')?.zh ?? '公民身份号码';
  return [
    band('评估信息及评估对象基本信息', 4),
    {
      cells: [
        field('A.1.1', '评估编号'),
        value(assessment.number),
        field('A.1.2', '评估基准日期'),
        value(assessedAt),
      ],
    },
    { cells: [field('A.1.3', '评估原因'), { blocks: [{ kind: 'choices', options: reasons }], span: 3 }] },
    { cells: [field('A.2.1', '姓名'), value(elder.name), field('A.2.2', '性别'), value(sex)] },
    { cells: [field('A.2.3', '出生日期'), value(birthDate), label(idLabel), value(elder.idNumber)] },
    { cells: [label('所在地区'), value(elder.regionName), label('评估地点'), value(assessment.place)] },
    ...(elder.address ? [{ cells: [label('居住地址'), value(elder.address, 3)] }] : []),
  ];
}
