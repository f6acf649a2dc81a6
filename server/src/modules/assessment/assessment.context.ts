/**
 * The change-rule inputs (`context`: Appendix A facts) as the scoring engine reads them, and
 * which change rules they fire. Split from assessment.scoring.ts so that the form checks
 * (assessment.appendixA.ts) compare what a client sent with what Appendix A says, rule by rule.
 */
import { CONTEXT_KEYS, quoted } from '@yiyang/contracts';
import type { AssessmentError, ResolvedSettings } from '@yiyang/contracts';
import type { AssessmentOption, AssessmentStandard, ChangeCondition } from './standards/types.ts';

// A.2.14 records each type as 无 / 1 / 2 / 3次及以上, so a type never counts more than 3.
const MAX_COUNT_PER_EVENT_TYPE = 3;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 6901: escape a key for use in a JSON pointer. */
export const ptr = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export interface ReadContext {
  flags: { comaOrVegetative: boolean; dementiaOrPsychiatricDiagnosis: boolean };
  diagnosisCodes: Set<string>;
  /** Per-type counts (capped), or the bare total when the types are unknown. */
  riskEvents: { typed: true; perType: Map<string, number> } | { typed: false; total: number };
}

export function readContext(
  standard: AssessmentStandard,
  context: unknown,
  settings: ResolvedSettings,
  errors: AssessmentError[],
): ReadContext {
  const read: ReadContext = {
    flags: { comaOrVegetative: false, dementiaOrPsychiatricDiagnosis: false },
    diagnosisCodes: new Set(),
    riskEvents: { typed: false, total: 0 },
  };
  const invalid = (field: string, expected: string) =>
    errors.push({
      pointer: `/context/${ptr(field)}`,
      code: 'assessment.context_invalid',
      params: { field, expected },
    });
  if (context === undefined) return read;
  if (!isRecord(context)) {
    errors.push({
      pointer: '/context',
      code: 'assessment.context_invalid',
      params: { field: 'context', expected: 'object' },
    });
    return read;
  }
  for (const key of Object.keys(context)) {
    if (!(CONTEXT_KEYS as readonly string[]).includes(key)) invalid(key, CONTEXT_KEYS.join(' | '));
  }
  for (const flag of ['comaOrVegetative', 'dementiaOrPsychiatricDiagnosis'] as const) {
    const v = context[flag];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') invalid(flag, 'boolean');
    else read.flags[flag] = v;
  }
  const codes = context.diagnosisCodes;
  if (codes !== undefined) {
    if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string'))
      invalid('diagnosisCodes', 'string[]');
    else read.diagnosisCodes = new Set(codes);
  }

  const events = context.careRiskEventsLast30Days;
  if (events !== undefined) read.riskEvents = readRiskEvents(standard, events, settings, errors, invalid);
  return read;
}

/** `careRiskEventsLast30Days`: a bare count, or typed events counted per type (capped). */
function readRiskEvents(
  standard: AssessmentStandard,
  events: unknown,
  settings: ResolvedSettings,
  errors: AssessmentError[],
  invalid: (field: string, expected: string) => void,
): ReadContext['riskEvents'] {
  if (isCount(events)) {
    // A bare total cannot be split by type (STANDARDS.md §2.5 per-type counting).
    if (settings.eventCounting === 'per_type' && events > 0) {
      errors.push({ pointer: '/context/careRiskEventsLast30Days', code: 'assessment.risk_events_untyped' });
    }
    return { typed: false, total: events };
  }
  if (!Array.isArray(events)) {
    invalid('careRiskEventsLast30Days', 'non-negative integer | { type, count? }[]');
    return { typed: false, total: 0 };
  }
  const known = standard.riskEventTypes.map((t) => t.code);
  const allowed = standard.riskEventTypes.map((t) => quoted(t.zh, t.en));
  const perType = new Map<string, number>();
  events.forEach((e: unknown, k) => {
    const at = `/context/careRiskEventsLast30Days/${k}`;
    if (!isRecord(e) || typeof e.type !== 'string' || (e.count !== undefined && !isCount(e.count))) {
      errors.push({
        pointer: at,
        code: 'assessment.context_invalid',
        params: {
          field: `careRiskEventsLast30Days[${k}]`,
          expected: '{ type: string, count?: non-negative integer }',
        },
      });
      return;
    }
    if (!known.includes(e.type)) {
      errors.push({
        pointer: `${at}/type`,
        code: 'assessment.risk_event_type_unknown',
        params: { type: e.type, allowed },
      });
      return;
    }
    const count = e.count === undefined ? 1 : (e.count as number);
    perType.set(e.type, Math.min((perType.get(e.type) ?? 0) + count, MAX_COUNT_PER_EVENT_TYPE));
  });
  return { typed: true, perType };
}

export interface ConditionMatch {
  source: string;
  params?: Record<string, unknown>;
}

export function matchCondition(
  c: ChangeCondition,
  chosen: Map<string, AssessmentOption>,
  ctx: ReadContext,
  settings: ResolvedSettings,
): ConditionMatch | null {
  switch (c.kind) {
    case 'context_flag':
      return ctx.flags[c.flag] ? { source: c.source } : null;
    case 'option_flag':
      return chosen.get(c.item)?.flags?.includes(c.flag) ? { source: c.source } : null;
    case 'diagnosis':
      return c.codes.some((code) => ctx.diagnosisCodes.has(code)) ? { source: c.source } : null;
    case 'risk_events': {
      const ev = ctx.riskEvents;
      if (!ev.typed) {
        return ev.total >= c.threshold
          ? { source: c.source, params: { count: ev.total, threshold: c.threshold, counting: 'total' } }
          : null;
      }
      const counted = c.eventTypes.map((t) => [t, ev.perType.get(t) ?? 0] as const);
      if (settings.eventCounting === 'per_type') {
        const [type, count] = counted.reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0] as const);
        return count >= c.threshold
          ? {
              source: c.source,
              params: { count, threshold: c.threshold, counting: 'per_type', eventType: type },
            }
          : null;
      }
      const count = counted.reduce((a, [, n]) => a + n, 0);
      const byType = Object.fromEntries(counted.filter(([, n]) => n > 0));
      return count >= c.threshold
        ? { source: c.source, params: { count, threshold: c.threshold, counting: 'total', byType } }
        : null;
    }
  }
}

/** The change rules that `context` fires by itself (conditions on items left out). */
export function rulesFiredByContext(
  standard: AssessmentStandard,
  ctx: ReadContext,
  settings: ResolvedSettings,
): Set<AssessmentStandard['changeRules'][number]['code']> {
  const none = new Map<string, AssessmentOption>();
  return new Set(
    standard.changeRules
      .filter((r) => r.anyOf.some((c) => matchCondition(c, none, ctx, settings) !== null))
      .map((r) => r.code),
  );
}
