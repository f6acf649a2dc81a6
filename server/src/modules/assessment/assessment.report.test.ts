import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';

import { answersSummingTo, bestAnswers, gbtAnswersForTotal, optionWithScore } from './assessment.builders.ts';
import { formatAssessmentMessage } from './assessment.errors.ts';
import { REPORT_FONT, ReportInputError, renderReportPdf, type ReportInput } from './assessment.report.ts';
import {
  scoreAssessment,
  type AssessmentContext,
  type ScoreResult,
  type ScoredAssessment,
} from './assessment.scoring.ts';
import { GBT_42195_2022 as GBT, LTC_2021, MZT_039_2013 as MZT } from './standards/index.ts';
import type { AssessmentStandard } from './standards/types.ts';

const ok = (r: ScoreResult): ScoredAssessment => {
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r;
};

const GENERATED_AT = new Date('2026-03-05T10:00:00+08:00');

function reportInput(
  standard: AssessmentStandard,
  answers: Record<string, string>,
  context: AssessmentContext = {},
): ReportInput {
  return {
    standard,
    result: ok(scoreAssessment(standard, answers, context)),
    elder: {
      name: '王秀英',
      sex: 'female',
      birthDate: '1941-03-18',
      idNumber: '500110********0027',
      regionName: '重庆市綦江区古南街道幸福社区',
      address: '金桂小区16栋4单元1804号',
    },
    assessment: {
      number: 'PG-2026-000123',
      reason: 'first',
      assessedAt: '2026-03-05',
      place: '老年人家中（入户评估）',
      agencyName: '綦江区颐康老年人能力评估中心',
      assessors: [
        { name: '李晓红', certificateNo: 'PGS-2024-0315', signedAt: '2026-03-05' },
        { name: '陈建国', certificateNo: 'PGS-2023-1187' },
      ],
    },
    generatedAt: GENERATED_AT,
  };
}

/** Text of all pages as pdf.js reads it, with whitespace removed (item spacing is not part of the contract). */
async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, ''), pages: totalPages };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

// A.2.14 two falls and an F00–F03 diagnosis: C.4 (2) and (3) fire, the level rises by one (maxUpgrade 1).
const RAISE_CONTEXT: AssessmentContext = {
  diagnosisCodes: ['F00-F03'],
  careRiskEventsLast30Days: [{ type: 'fall', count: 2 }],
};

/** Rendered once, shared by the GB/T tests. */
const gbt = (async () => {
  const input = reportInput(GBT, gbtAnswersForTotal(GBT, 71), RAISE_CONTEXT);
  const pdf = await renderReportPdf(input);
  return { input, pdf, ...(await pdfText(pdf)) };
})();

test('report: a valid PDF with the Chinese font embedded as a subset', async () => {
  const { pdf } = await gbt;
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-16).toString('latin1'), /%%EOF\s*$/);
  const raw = pdf.toString('latin1');
  // Embedded font program (CFF → /FontFile3, TrueType → /FontFile2) with a subset tag.
  assert.match(raw, /\/FontFile[23]\b/);
  assert.match(raw, new RegExp(`/BaseFont /[A-Z]{6}\\+${REPORT_FONT.regular}\\b`));
  assert.match(raw, new RegExp(`/BaseFont /[A-Z]{6}\\+${REPORT_FONT.bold}\\b`));
  assert.match(raw, /\/ToUnicode/);
  // A subset, not the 8 MB font file.
  assert.ok(pdf.length < 600_000, `${pdf.length} bytes`);
});

test('report GB/T 42195: identifiers, C.1–C.5 from the layout data, signatures', async () => {
  const { input, text, pages } = await gbt;
  const r = input.result;
  assert.equal(r.total, 71);
  assert.deepEqual([r.initialLevel?.code, r.finalLevel.code], [1, 2]);

  for (const s of [
    '老年人能力评估报告',
    'GB/T42195-2022《老年人能力评估规范》',
    '王秀英',
    '500110********0027',
    '1941年03月18日',
    '评估编号PG-2026-000123',
    '✓首次评估',
    '綦江区颐康老年人能力评估中心',
  ]) {
    assert.ok(text.includes(s), s);
  }
  // Every entry of the Appendix C layout, labelled with its code.
  // A section with one entry numbered like itself (C.2 总分 / 初步等级得分) is one row named by the section.
  for (const section of GBT.report!.sections) {
    assert.ok(text.includes(squeeze(`${section.code} ${section.zh}`)), section.code);
    for (const e of section.entries) {
      const name = e.code === section.code ? e.zh : `${e.code} ${e.zh}`;
      assert.ok(text.includes(squeeze(name)), e.code);
    }
  }
  for (const d of r.dimensions) assert.ok(text.includes(`得分：${d.score}分（满分${d.max}）`), d.code);
  assert.ok(text.includes(`${r.total}分（满分90）`), 'total');

  // Ticked levels are the result's; no other level is ticked.
  assert.ok(text.includes(squeeze(`✓${r.initialLevel!.code} ${r.initialLevel!.zh}`)), 'initial level');
  assert.ok(text.includes(squeeze(`✓${r.finalLevel.code} ${r.finalLevel.zh}`)), 'final level');
  for (const l of GBT.levels.filter((x) => x.code !== 1 && x.code !== 2)) {
    assert.ok(!text.includes(squeeze(`✓${l.code} ${l.zh}`)), l.zh);
  }
  // The rules that fired are ticked, with the reason texts of firedRules.
  assert.ok(text.includes(squeeze(`✓${GBT.changeRules[1]!.zh}`)), 'C.4 (2) ticked');
  assert.ok(text.includes(squeeze(`✓${GBT.changeRules[2]!.zh}`)), 'C.4 (3) ticked');
  assert.ok(!text.includes(squeeze(`✓${GBT.changeRules[0]!.zh}`)), 'coma is not ticked');
  assert.deepEqual(
    r.firedRules.map((f) => f.rule),
    ['dementia_or_psychiatric', 'risk_events', 'upgrade_capped'],
  );
  for (const f of r.firedRules) {
    assert.ok(text.includes(squeeze(formatAssessmentMessage(f.reasonCode, 'zh-CN', f.params))), f.rule);
  }
  // Two assessors with certificates; a missing signing date leaves a blank date line.
  for (const s of ['李晓红', 'PGS-2024-0315', '陈建国', 'PGS-2023-1187', '日期：2026年03月05日']) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(text.includes('日期：______年____月____日'), 'blank date');
  assert.ok(text.includes('信息提供者签名'), 'informant');
  // Page numbers agree with the page count.
  assert.equal(pages, 2);
  assert.ok(text.includes('第1页共2页') && text.includes('第2页共2页'), 'page numbers');
});

test('report GB/T 42195: the appendix lists every item with the chosen option and its score', async () => {
  const { input, text } = await gbt;
  const appendix = text.slice(text.indexOf('评估项目得分明细'));
  assert.ok(text.includes('评估项目得分明细'), 'appendix title');
  const answers = new Map(input.result.items.map((i) => [i.code, i]));
  let from = 0;
  for (const item of GBT.items) {
    const a = answers.get(item.code)!;
    const option = item.options.find((o) => o.value === a.value)!;
    // In form order: code, name, option text, score.
    const row = squeeze(`${item.code}${item.zh}${option.zh}${a.score}0～${item.maxScore}`);
    const at = appendix.indexOf(row, from);
    assert.ok(at >= 0, `${item.code} ${row}`);
    from = at + row.length;
  }
  assert.ok(appendix.includes('总分710～90'), 'appendix total');
});

test('report GB/T 42195: coma sets 完全失能 and the raise rules are shown as not applied', async () => {
  const answers = { ...bestAnswers(GBT), 'B.3.9': 'coma' };
  const input = reportInput(GBT, answers, { careRiskEventsLast30Days: 3 });
  const { text } = await pdfText(await renderReportPdf(input));
  assert.equal(input.result.finalLevel.code, 4);
  assert.ok(text.includes(squeeze(`✓${GBT.changeRules[0]!.zh}`)), 'coma ticked');
  assert.ok(text.includes(squeeze(`✓4 ${GBT.levels[4]!.zh}`)), 'level 4 ticked');
  assert.ok(text.includes('（本条不改变等级）'), 'not applied');
  assert.ok(text.includes('昏迷（意识丧失'), 'the B.3.9 coma option text is in the appendix');
});

test('report MZ/T 039: dimension grades, levels and clauses from the same code path', async () => {
  const item = (code: string) => MZT.items.find((i) => i.code === code)!;
  const answers = {
    ...bestAnswers(MZT),
    ...answersSummingTo(MZT, MZT.dimensions[0]!.itemCodes, 70, 5),
    'B.3.2': optionWithScore(item('B.3.2'), 1),
  };
  const input = reportInput(MZT, answers, { careRiskEventsLast30Days: [{ type: 'fall', count: 2 }] });
  const r = input.result;
  const { text, pages } = await pdfText(await renderReportPdf(input));

  assert.ok(text.includes('MZ/T039-2013《老年人能力评估》'), 'standard');
  assert.ok(text.includes('✓接受服务前初评'), "'first' prints MZ/T 039's wording");
  for (const section of MZT.report!.sections) {
    assert.ok(text.includes(squeeze(`${section.code} ${section.zh}`)), section.code);
  }
  for (const d of r.dimensions) {
    const g = d.grade!;
    assert.ok(text.includes(squeeze(`${d.code} ${d.zh}`)), d.code);
    assert.ok(text.includes(squeeze(`✓${g.code} ${g.zh}`)), `${d.code} grade`);
  }
  assert.ok(text.includes('得分：70分（满分100）'), 'ADL score');
  assert.deepEqual([r.initialLevel?.code, r.finalLevel.code], [1, 2]);
  assert.ok(text.includes(squeeze(`✓${r.initialLevel!.code} ${r.initialLevel!.zh}`)), 'initial level');
  assert.ok(text.includes(squeeze(`✓${r.finalLevel.code} ${r.finalLevel.zh}`)), 'final level');
  assert.ok(text.includes(squeeze(`✓${MZT.changeRules[1]!.zh}`)), 'clause 2 ticked');
  for (const f of r.firedRules) {
    assert.ok(text.includes(squeeze(formatAssessmentMessage(f.reasonCode, 'zh-CN', f.params))), f.rule);
  }
  for (const i of MZT.items) assert.ok(text.includes(squeeze(`${i.code}${i.zh}`)), i.code);
  assert.ok(!text.includes('总分'), 'MZ/T 039 has no total score');
  assert.ok(text.includes(`第1页共${pages}页`), 'page numbers');
});

test('report MZ/T 039: coma with the following items skipped', async () => {
  const answers = Object.fromEntries(
    Object.entries(bestAnswers(MZT)).filter(([code]) => code < 'B.3.1' || code === 'B.3.1'),
  );
  answers['B.3.1'] = '3';
  const input = reportInput(MZT, answers);
  assert.equal(input.result.initialLevel, null);
  const { text } = await pdfText(await renderReportPdf(input));
  assert.ok(text.includes('有项目依规定未评估，不判定初步等级'), 'no initial level');
  assert.ok(text.includes('—（依规定可不评估）'), 'skipped items');
  assert.ok(text.includes(squeeze(`✓3 ${MZT.levels[3]!.zh}`)), 'level 3 ticked');
});

test('report: identical input gives identical bytes; the creation date is the one given', async () => {
  const { input, pdf } = await gbt;
  const again = await renderReportPdf(input);
  assert.ok(again.equals(pdf), 'same bytes');
  // 2026-03-05 10:00 +08:00 as a PDF date (UTC), the value of the /CreationDate object.
  const raw = pdf.toString('latin1');
  const ref = /\/CreationDate (\d+) 0 R/.exec(raw)?.[1];
  assert.ok(ref, 'an indirect /CreationDate');
  assert.match(raw, new RegExp(`\\b${ref} 0 obj\\s*\\(D:20260305020000Z\\)`));
});

test('report: many assessors and long texts break pages with numbered pages', async () => {
  const input = reportInput(GBT, gbtAnswersForTotal(GBT, 40), RAISE_CONTEXT);
  input.assessment = {
    ...input.assessment,
    assessors: Array.from({ length: 12 }, (_, k) => ({
      name: `评估员${k + 1}`,
      certificateNo: `PGS-${k}`,
    })),
    reviewer: { name: '赵敏', certificateNo: 'PGS-2021-0042', reviewedAt: new Date('2026-03-06T01:00:00Z') },
  };
  input.elder = { ...input.elder, address: '很长的地址'.repeat(40) };
  const { text, pages } = await pdfText(await renderReportPdf(input));
  assert.ok(pages >= 3, `${pages} pages`);
  for (let p = 1; p <= pages; p++) assert.ok(text.includes(`第${p}页共${pages}页`), `page ${p}`);
  for (let k = 1; k <= 12; k++) assert.ok(text.includes(`评估员${k}`), `assessor ${k}`);
  assert.ok(text.includes('2026年03月06日'), 'a Date prints as the calendar date in China');
  assert.ok(text.includes('（续）'), 'continuation pages carry a running header');
});

test('report: input that cannot be printed is refused with a message code', async () => {
  const base = reportInput(GBT, bestAnswers(GBT));
  const refused = async (input: ReportInput, code: string) => {
    await assert.rejects(renderReportPdf(input), (e: unknown) => {
      assert.ok(e instanceof ReportInputError, String(e));
      assert.equal(e.code, code);
      return true;
    });
  };
  await refused({ ...base, standard: LTC_2021 }, 'assessment.report_unavailable');
  await refused({ ...base, standard: MZT }, 'assessment.report_standard_mismatch');
  await refused(
    { ...base, assessment: { ...base.assessment, assessedAt: '5/3/2026' } },
    'assessment.report_input_invalid',
  );
  await refused({ ...base, elder: { ...base.elder, sex: 'x' } }, 'assessment.report_input_invalid');
  // MZ/T 039 A.1.3 has no 其他.
  const mzt = reportInput(MZT, bestAnswers(MZT));
  await refused(
    { ...mzt, assessment: { ...mzt.assessment, reason: 'other' } },
    'assessment.report_input_invalid',
  );
});
