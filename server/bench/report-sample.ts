/**
 * Writes a sample ability-assessment report (PRODUCT.md §4.3) and prints the
 * render time and the file size.
 * Run: node --import tsx server/bench/report-sample.ts [gbt|mzt] [out.pdf]
 * Defaults: GB/T 42195-2022, /tmp/yiyang-report-sample.pdf.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  answersSummingTo,
  bestAnswers,
  optionWithScore,
} from '../src/modules/assessment/assessment.builders.ts';
import { renderReportPdf, type ReportInput } from '../src/modules/assessment/assessment.report.ts';
import { scoreAssessment } from '../src/modules/assessment/assessment.scoring.ts';
import { GBT_42195_2022, MZT_039_2013 } from '../src/modules/assessment/standards/index.ts';
import type { AssessmentStandard } from '../src/modules/assessment/standards/types.ts';

const which = process.argv[2] ?? 'gbt';
const out = process.argv[3] ?? '/tmp/yiyang-report-sample.pdf';
if (which !== 'gbt' && which !== 'mzt') {
  console.error('usage: report-sample.ts [gbt|mzt] [out.pdf]');
  process.exit(2);
}

function sampleAnswers(s: AssessmentStandard): Record<string, string> {
  if (s === GBT_42195_2022) {
    // 自理 and 运动 partly lost, 精神状态 full: total 70 → 能力轻度受损.
    const b1 = s.dimensions[0]!.itemCodes;
    const b2 = s.dimensions[1]!.itemCodes;
    return { ...bestAnswers(s), ...answersSummingTo(s, b1, 20), ...answersSummingTo(s, b2, 8) };
  }
  // MZ/T 039: ADL 70 (轻度受损), the rest intact → 轻度失能.
  const item = (code: string) => s.items.find((i) => i.code === code)!;
  return {
    ...bestAnswers(s),
    ...answersSummingTo(s, s.dimensions[0]!.itemCodes, 70, 5),
    'B.3.2': optionWithScore(item('B.3.2'), 1),
  };
}

const standard = which === 'gbt' ? GBT_42195_2022 : MZT_039_2013;
const result = scoreAssessment(
  standard,
  sampleAnswers(standard),
  // Two falls in the past 30 days and a dementia diagnosis: C.4 (2) and (3) fire, +1 at most.
  { careRiskEventsLast30Days: [{ type: 'fall', count: 2 }], dementiaOrPsychiatricDiagnosis: true },
);
if (!result.ok) {
  console.error(result.errors);
  process.exit(1);
}

const input: ReportInput = {
  standard,
  result,
  elder: {
    name: '王秀英',
    sex: 'female',
    birthDate: '1941-03-18',
    idNumber: '500110********0027',
    regionName: '重庆市綦江区古南街道幸福社区',
    address: '重庆市綦江区古南街道金桂小区16栋4单元1804号',
  },
  assessment: {
    number: 'PG-500110-2026-000123',
    reason: 'first',
    assessedAt: '2026-03-05',
    place: '老年人家中（入户评估）',
    agencyName: '綦江区颐康老年人能力评估中心',
    assessors: [
      { name: '李晓红', certificateNo: 'PGS-2024-0315', signedAt: '2026-03-05' },
      { name: '陈建国', certificateNo: 'PGS-2023-1187', signedAt: '2026-03-05' },
    ],
    reviewer: { name: '赵敏', certificateNo: 'PGS-2021-0042' },
  },
  generatedAt: new Date('2026-03-05T10:00:00+08:00'),
};

// First render loads the 2 font files (16 MB); later renders reuse them.
const times: number[] = [];
let pdf: Buffer = Buffer.alloc(0);
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  pdf = await renderReportPdf(input);
  times.push(performance.now() - t0);
}
writeFileSync(out, pdf);
const warm = times.slice(1).sort((a, b) => a - b);
console.log(`${standard.standardCode} report → ${out}`);
console.log(`size        ${(pdf.length / 1024).toFixed(1)} KiB (${pdf.length} bytes)`);
console.log(`first       ${times[0]!.toFixed(0)} ms (reads the fonts)`);
console.log(`warm median ${warm[Math.floor(warm.length / 2)]!.toFixed(0)} ms (of ${warm.length})`);
console.log(`machine     ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`);
