import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignFieldErrors, disputable } from '../src/modules/assessment/assessmentHelpers.ts';
import { basicValueText, registryChanges } from '../src/modules/assessment/basicInfo.ts';
import { levelPoints, percent } from '../src/modules/assessment/assessmentCharts.ts';
import { firedRuleText } from '../src/modules/assessment/ruleText.ts';
import type { AssessmentStandardData } from '../src/modules/assessment/standardTypes.ts';
import { GBT_42195_2022 } from '../../server/src/modules/assessment/standards/gbt42195.ts';
import zhCN from '../src/i18n/zh-CN.ts';
import enUS from '../src/i18n/en-US.ts';
import { ASSESSMENT_REASONS, ASSESSMENT_SOURCES, ASSESSMENT_STATUSES } from '@yiyang/contracts';

const STD = JSON.parse(JSON.stringify(GBT_42195_2022)) as AssessmentStandardData;
const field = (code: string) => STD.basicInfoForm.flatMap((s) => s.fields).find((f) => f.code === code)!;

test('assignment errors go under the assessor list and the date; the rest is shown above', () => {
  const out = assignFieldErrors([
    { pointer: '/body/assessorIds/1', message: '证书已过期' },
    { pointer: '/body/assessorIds', message: '需要两名' },
    { pointer: '/body/scheduledAt', message: '日期无效' },
    { pointer: '/params/id', message: '不存在' },
  ]);
  assert.deepEqual(out.fields, [
    { name: 'assessorIds', errors: ['证书已过期', '需要两名'] },
    { name: 'scheduledOn', errors: ['日期无效'] },
  ]);
  assert.deepEqual(out.rest, ['不存在']);
});

test('a result may be disputed within 30 days of publishing only', () => {
  const at = Date.parse('2026-11-01T00:00:00Z');
  const a = { status: 'published' as const, publishedAt: '2026-11-01T00:00:00Z' };
  assert.equal(disputable(a, at + 30 * 86_400_000), true);
  assert.equal(disputable(a, at + 31 * 86_400_000), false);
  assert.equal(disputable({ ...a, status: 'signing' }, at), false);
});

test('Appendix A values read as option texts; only registry fields that changed are offered', () => {
  assert.equal(basicValueText(field('A.2.9'), 'primary', 'zh-CN'), '小学');
  assert.equal(basicValueText(field('A.2.10'), ['alone', 'spouse'], 'zh-CN'), '独居、与配偶居住');
  assert.equal(basicValueText(field('A.2.14'), { fall: '2' }, 'zh-CN'), '跌倒: 发生过2次');
  assert.equal(basicValueText(field('A.2.4'), 160, 'zh-CN'), '160 cm');
  assert.equal(basicValueText(field('A.2.7'), 'yes', 'zh-CN', { 'A.2.7:yes': '佛教' }), '有（佛教）');
  const changes = registryChanges(
    STD,
    { 'A.2.9': 'primary', 'A.2.11': 'married', 'A.2.1': '张三' },
    { 'A.2.9': 'junior_high', 'A.2.11': 'married', 'A.5.11': 'no' },
  );
  assert.deepEqual(
    changes.map((c) => [c.field.code, c.registry, c.assessment]),
    [['A.2.9', 'primary', 'junior_high']],
  );
});

test('level over time: published results with a level, oldest first', () => {
  const pts = levelPoints([
    { publishedAt: '2026-10-01T02:00:00Z', level: 2, levelName: '中度失能', status: 'published' },
    { publishedAt: null, level: null, levelName: null, status: 'in_progress' },
    { publishedAt: '2025-10-01T02:00:00Z', level: 1, levelName: '轻度失能', status: 'superseded' },
  ]);
  assert.deepEqual(pts, [
    { date: '2025-10-01', level: 1, name: '轻度失能' },
    { date: '2026-10-01', level: 2, name: '中度失能' },
  ]);
  assert.equal(percent(0.1234), '12.3%');
  assert.equal(percent(0), '0.0%');
});

test('fired rules read in the UI language from the contracts texts', () => {
  const rule = {
    rule: 'risk_events' as const,
    clause: 'GB/T 42195-2022 C.4 (3)',
    reasonCode: 'assessment.rule.risk_events' as const,
    params: { count: 3, threshold: 2 },
    applied: true,
  };
  assert.match(firedRuleText(rule, 'zh-CN'), /照护风险事件 3 次/);
  assert.match(firedRuleText(rule, 'en-US'), /3 care risk events/);
});

test('every status, reason and source has a label in both languages', () => {
  for (const table of [zhCN, enUS]) {
    for (const s of ASSESSMENT_STATUSES) assert.ok(table.assessment.statuses[s], s);
    for (const r of ASSESSMENT_REASONS) assert.ok(table.assessment.reasons[r], r);
    for (const s of ASSESSMENT_SOURCES) assert.ok(table.assessment.sources[s], s);
  }
});
