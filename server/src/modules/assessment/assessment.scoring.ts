/**
 * Pure, server-side scoring of an ability assessment against a standard's
 * data (standards/*.ts). No database, no HTTP: answers, context and settings
 * in, scores, grades, levels and the fired change rules out. The client's own
 * totals are never used; `verifyClientTotals` compares them with the result.
 */
import type {
  AssessmentContext,
  ScoringSettings,
  ResolvedSettings,
  AssessmentError,
  LevelRef,
  DimensionResult,
  FiredRule,
  ScoredItems,
  ItemScoreResult,
  ScoredAssessment,
  ScoreResult,
  ClientTotals,
} from '@yiyang/contracts';
import type { AssessmentMessageCode } from './assessment.errors.ts';
import type {
  AssessmentItem,
  AssessmentOption,
  AssessmentStandard,
  ChangeCondition,
  DimensionGrading,
  LevelDefinition,
} from './standards/types.ts';

export { ASSESSMENT_MESSAGES, formatAssessmentMessage } from './assessment.errors.ts';
export type { AssessmentLocale, AssessmentMessageCode } from './assessment.errors.ts';

// ---- inputs and outputs: types in @yiyang/contracts (assessment.standard.ts) ----

export type {
  RiskEvent,
  AssessmentContext,
  ScoringSettings,
  ResolvedSettings,
  AssessmentError,
  LevelRef,
  GradeRef,
  DimensionResult,
  ItemResult,
  FiredRuleCode,
  FiredRule,
  ScoredItems,
  ItemScoreResult,
  ScoredAssessment,
  ScoreResult,
  ClientTotals,
} from '@yiyang/contracts';
export const DEFAULT_SCORING_SETTINGS: ResolvedSettings = { maxUpgrade: 1, eventCounting: 'total' };

const SETTING_VALUES = {
  maxUpgrade: [1, 'unbounded'],
  eventCounting: ['total', 'per_type'],
} as const satisfies { [K in keyof ResolvedSettings]: readonly ResolvedSettings[K][] };

// A.2.14 records each type as 无 / 1 / 2 / 3次及以上, so a type never counts more than 3.
const MAX_COUNT_PER_EVENT_TYPE = 3;

// ---- helpers ----

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 6901: escape a key for use in a JSON pointer. */
const ptr = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Clients may send option values as strings or as numbers ('4' or 4). */
const optionFor = (item: AssessmentItem, raw: unknown): AssessmentOption | undefined => {
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return undefined;
  return item.options.find((o) => o.value === String(raw));
};

const levelRef = (levels: readonly LevelDefinition[], code: number): LevelRef => {
  const l = levels.find((x) => x.code === code);
  if (!l) throw new Error(`level ${code} is not defined`); // a data bug, caught by checkStandard
  return { code: l.code, zh: l.zh, zhShort: l.zhShort, en: l.en };
};

function resolveSettings(settings: unknown, errors: AssessmentError[]): ResolvedSettings {
  const resolved: ResolvedSettings = { ...DEFAULT_SCORING_SETTINGS };
  if (settings === undefined) return resolved;
  if (!isRecord(settings)) {
    errors.push({
      pointer: '/settings',
      code: 'assessment.setting_invalid',
      params: { setting: 'settings', allowed: Object.keys(SETTING_VALUES) },
    });
    return resolved;
  }
  for (const [key, value] of Object.entries(settings)) {
    const allowed: readonly unknown[] | undefined = (SETTING_VALUES as Record<string, readonly unknown[]>)[
      key
    ];
    if (value === undefined) continue;
    if (!allowed || !allowed.includes(value)) {
      errors.push({
        pointer: `/settings/${ptr(key)}`,
        code: 'assessment.setting_invalid',
        params: { setting: key, allowed: allowed ?? Object.keys(SETTING_VALUES) },
      });
      continue;
    }
    Object.assign(resolved, { [key]: value });
  }
  return resolved;
}

interface ReadAnswers {
  chosen: Map<string, AssessmentOption>;
  skipped: string[];
  skipClause: string | null;
}

function readAnswers(standard: AssessmentStandard, answers: unknown, errors: AssessmentError[]): ReadAnswers {
  const chosen = new Map<string, AssessmentOption>();
  if (!isRecord(answers)) {
    errors.push({ pointer: '/answers', code: 'assessment.answers_invalid' });
    return { chosen, skipped: [], skipClause: null };
  }
  const items = new Map(standard.items.map((i) => [i.code, i]));
  for (const key of Object.keys(answers)) {
    if (!items.has(key)) {
      errors.push({
        pointer: `/answers/${ptr(key)}`,
        code: 'assessment.item_unknown',
        params: { item: key, standard: standard.standardCode },
      });
    }
  }
  // MZ/T 039-2013 B.3.1: once 昏迷 is chosen, the following items may be left out.
  const skipRule = standard.skipRules.find((r) => {
    const trigger = items.get(r.item);
    return trigger !== undefined && optionFor(trigger, answers[r.item])?.flags?.includes(r.flag) === true;
  });
  const skippable = new Set(skipRule?.skippable);
  const skipped: string[] = [];

  for (const item of standard.items) {
    const raw = Object.hasOwn(answers, item.code) ? answers[item.code] : undefined;
    if (raw === undefined || raw === null) {
      if (skippable.has(item.code)) skipped.push(item.code);
      else {
        errors.push({
          pointer: `/answers/${item.code}`,
          code: 'assessment.answer_missing',
          params: { item: item.code, itemName: item.zh },
        });
      }
      continue;
    }
    const option = optionFor(item, raw);
    if (!option) {
      errors.push({
        pointer: `/answers/${item.code}`,
        code: 'assessment.option_invalid',
        params: {
          item: item.code,
          itemName: item.zh,
          value: String(raw),
          allowed: item.options.map((o) => o.value),
        },
      });
      continue;
    }
    chosen.set(item.code, option);
  }
  return { chosen, skipped, skipClause: skipped.length > 0 ? (skipRule?.clause ?? null) : null };
}

interface ReadContext {
  flags: { comaOrVegetative: boolean; dementiaOrPsychiatricDiagnosis: boolean };
  diagnosisCodes: Set<string>;
  /** Per-type counts (capped), or the bare total when the types are unknown. */
  riskEvents: { typed: true; perType: Map<string, number> } | { typed: false; total: number };
}

const CONTEXT_KEYS = [
  'comaOrVegetative',
  'dementiaOrPsychiatricDiagnosis',
  'diagnosisCodes',
  'careRiskEventsLast30Days',
];

function readContext(
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
    if (!CONTEXT_KEYS.includes(key)) invalid(key, CONTEXT_KEYS.join(' | '));
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
  if (events === undefined) return read;
  if (isCount(events)) {
    // A bare total cannot be split by type (STANDARDS.md §2.5 per-type counting).
    if (settings.eventCounting === 'per_type' && events > 0) {
      errors.push({ pointer: '/context/careRiskEventsLast30Days', code: 'assessment.risk_events_untyped' });
    }
    read.riskEvents = { typed: false, total: events };
    return read;
  }
  if (!Array.isArray(events)) {
    invalid('careRiskEventsLast30Days', 'non-negative integer | { type, count? }[]');
    return read;
  }
  const known = standard.riskEventTypes.map((t) => t.code);
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
        params: { type: e.type, allowed: known },
      });
      return;
    }
    const count = e.count === undefined ? 1 : (e.count as number);
    perType.set(e.type, Math.min((perType.get(e.type) ?? 0) + count, MAX_COUNT_PER_EVENT_TYPE));
  });
  read.riskEvents = { typed: true, perType };
  return read;
}

/** Grade from item scores; null when a skipped item could change the outcome. */
function gradeDimension(
  grading: DimensionGrading,
  score: number | null,
  scores: Map<string, number>,
): number | null {
  if (grading.kind === 'bands') {
    if (score === null) return null;
    return grading.bands.find((b) => score >= b.min && score <= b.max)?.grade ?? null;
  }
  // Severe-first rules with three-valued logic: an unanswered item is "unknown".
  let unknown = false;
  for (const rule of grading.rules) {
    const outcomes = rule.anyOf.map((c) => {
      const s = scores.get(c.item);
      return s === undefined ? undefined : s >= c.atLeast;
    });
    if (outcomes.includes(true)) return unknown ? null : rule.grade;
    if (outcomes.includes(undefined)) unknown = true;
  }
  return unknown ? null : grading.otherwise;
}

interface ConditionMatch {
  source: string;
  params?: Record<string, unknown>;
}

function matchCondition(
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

/** Item, dimension and total scores from validated answers. */
function computeScores(
  standard: AssessmentStandard,
  chosen: Map<string, AssessmentOption>,
  skipped: readonly string[],
): Pick<ScoredItems, 'items' | 'dimensions' | 'total'> {
  const scores = new Map([...chosen].map(([code, o]) => [code, o.score]));
  const dimensions: DimensionResult[] = standard.dimensions.map((d) => {
    const complete = d.itemCodes.every((c) => scores.has(c));
    const score =
      d.scoring === 'sum' && complete ? d.itemCodes.reduce((t, c) => t + (scores.get(c) ?? 0), 0) : null;
    const result: DimensionResult = { code: d.code, zh: d.zh, en: d.en, score, max: d.maxScore };
    if (d.grading) {
      const grade = gradeDimension(d.grading, score, scores);
      const def = d.grading.grades.find((g) => g.code === grade);
      result.grade = def ? { code: def.code, zh: def.zh, en: def.en } : null;
    }
    return result;
  });
  const total =
    standard.total && skipped.length === 0 ? [...scores.values()].reduce((a, b) => a + b, 0) : null;
  const items = standard.items.flatMap((i) => {
    const o = chosen.get(i.code);
    return o ? [{ code: i.code, value: o.value, score: o.score }] : [];
  });
  return { items, dimensions, total };
}

/**
 * Item and dimension scores only, without levels — for live form totals and
 * for standards whose level rule is unverified (LTC-2021).
 */
export function scoreItems(
  standard: AssessmentStandard,
  answers: Readonly<Record<string, unknown>>,
): ItemScoreResult {
  const errors: AssessmentError[] = [];
  const { chosen, skipped } = readAnswers(standard, answers, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    standardCode: standard.standardCode,
    revision: standard.revision,
    skippedItems: skipped,
    totalMax: standard.total?.max ?? null,
    ...computeScores(standard, chosen, skipped),
  };
}

/**
 * Applies the level-change rules (GB/T 42195-2022 C.4; MZ/T 039-2013 等级变更条款)
 * to the initial level. Returns null when no level can be decided (initial
 * level unknown and no rule sets one).
 */
function applyChangeRules(
  standard: AssessmentStandard,
  initial: number | null,
  chosen: Map<string, AssessmentOption>,
  ctx: ReadContext,
  settings: ResolvedSettings,
): { final: number; firedRules: FiredRule[] } | null {
  const firedRules: FiredRule[] = [];
  const fired = standard.changeRules.flatMap((rule) => {
    const matches = rule.anyOf.flatMap((c) => matchCondition(c, chosen, ctx, settings) ?? []);
    if (matches.length === 0) return [];
    const params: Record<string, unknown> = Object.assign({}, ...matches.map((m) => m.params ?? {}));
    params.sources = [...new Set(matches.map((m) => m.source))];
    if (rule.effect.kind === 'set_level') {
      params.level = rule.effect.level;
      params.levelName = levelRef(standard.levels, rule.effect.level).zh;
    }
    const entry: FiredRule = {
      rule: rule.code,
      clause: rule.clause,
      reasonCode: rule.reasonCode,
      params,
      applied: false,
    };
    firedRules.push(entry);
    return [{ rule, entry }];
  });

  const policy = standard.changePolicy;
  const setters = fired.filter((f) => f.rule.effect.kind === 'set_level');
  const raisers = fired.filter((f) => f.rule.effect.kind === 'raise');
  let final: number;

  if (initial !== null && policy.freezeFromLevel !== undefined && initial >= policy.freezeFromLevel) {
    // MZ/T 039-2013 等级变更条款 4: the initial level is final.
    final = initial;
    if (fired.length > 0) {
      firedRules.push({
        rule: 'frozen_at_severe',
        clause: policy.freezeClause ?? standard.standardCode,
        reasonCode: 'assessment.rule.frozen_at_severe',
        params: { level: initial, levelName: levelRef(standard.levels, initial).zh },
        applied: true,
      });
    }
  } else if (setters.length > 0) {
    // Coma overrides everything (STANDARDS.md §1.4, §2.5 clause 3).
    final = Math.max(...setters.map((f) => (f.rule.effect.kind === 'set_level' ? f.rule.effect.level : 0)));
    for (const f of setters) f.entry.applied = true;
  } else if (initial === null) {
    return null;
  } else {
    const requested = raisers.reduce(
      (t, f) => t + (f.rule.effect.kind === 'raise' ? f.rule.effect.by : 0),
      0,
    );
    // STANDARDS.md §1.4/§2.5 ambiguity: rules 2 and 3 stack only with maxUpgrade 'unbounded'.
    const applied =
      settings.maxUpgrade === 'unbounded' ? requested : Math.min(requested, settings.maxUpgrade);
    for (const f of raisers) f.entry.applied = true;
    if (applied < requested) {
      firedRules.push({
        rule: 'upgrade_capped',
        clause: 'STANDARDS.md §1.4/§2.5 (maxUpgrade)',
        reasonCode: 'assessment.rule.upgrade_capped',
        params: { requested, applied, maxUpgrade: settings.maxUpgrade },
        applied: true,
      });
    }
    final = Math.min(initial + applied, policy.maxLevel);
    if (initial + applied > policy.maxLevel) {
      firedRules.push({
        rule: 'level_capped',
        clause: `${standard.standardCode} (max level ${policy.maxLevel})`,
        reasonCode: 'assessment.rule.level_capped',
        params: { level: policy.maxLevel, levelName: levelRef(standard.levels, policy.maxLevel).zh },
        applied: true,
      });
    }
  }
  return { final, firedRules };
}

// ---- the engine ----

/**
 * Scores `answers` (item code → option value) against `standard`, applies the
 * level-change rules with `context`, and reports every rule that fired.
 * Inputs are typed for callers but validated as untrusted data.
 */
export function scoreAssessment(
  standard: AssessmentStandard,
  answers: Readonly<Record<string, unknown>>,
  context: AssessmentContext = {},
  settings: ScoringSettings = {},
): ScoreResult {
  const errors: AssessmentError[] = [];
  const resolved = resolveSettings(settings, errors);
  const { chosen, skipped, skipClause } = readAnswers(standard, answers, errors);
  const ctx = readContext(standard, context, resolved, errors);
  if (errors.length > 0) return { ok: false, errors };

  const { items, dimensions, total } = computeScores(standard, chosen, skipped);

  const derivation = standard.deriveInitialLevel({
    total,
    dimensions: dimensions.map((d) => ({ code: d.code, score: d.score, grade: d.grade?.code ?? null })),
  });
  // STANDARDS.md §3.3: a standard without a verified level rule never yields a level.
  if (!derivation.available && derivation.reasonCode === 'assessment.level_unavailable') {
    return {
      ok: false,
      errors: [
        { pointer: '/standard', code: derivation.reasonCode, params: { standard: standard.standardCode } },
      ],
    };
  }
  const initial = derivation.available ? derivation.level : null;

  const changed = applyChangeRules(standard, initial, chosen, ctx, resolved);
  if (!changed) return { ok: false, errors: [{ pointer: '/answers', code: 'assessment.level_incomplete' }] };
  const { final, firedRules } = changed;
  if (skipped.length > 0) {
    firedRules.push({
      rule: 'coma_items_skipped',
      clause: skipClause ?? standard.standardCode,
      reasonCode: 'assessment.rule.coma_items_skipped',
      params: { items: skipped },
      applied: true,
    });
  }

  return {
    ok: true,
    standardCode: standard.standardCode,
    revision: standard.revision,
    items,
    skippedItems: skipped,
    dimensions,
    total,
    totalMax: standard.total?.max ?? null,
    initialLevel: initial === null ? null : levelRef(standard.levels, initial),
    finalLevel: levelRef(standard.levels, final),
    firedRules,
    settings: resolved,
  };
}

// ---- client totals ----

/**
 * Compares what the client claims with the server's result. Every disagreement
 * becomes an error; the caller rejects the submission (the server result wins).
 */
export function verifyClientTotals(
  result: ScoredAssessment,
  clientSent: ClientTotals,
  pointerPrefix = '',
): AssessmentError[] {
  const errors: AssessmentError[] = [];
  const check = (code: AssessmentMessageCode, path: string, received: unknown, expected: number | null) => {
    if (received !== undefined && received !== expected) {
      errors.push({
        pointer: `${pointerPrefix}${path}`,
        code,
        params: { field: path.slice(1), received, expected },
      });
    }
  };
  check('assessment.total_mismatch', '/total', clientSent.total, result.total);
  const byCode = new Map(result.dimensions.map((d) => [d.code, d]));
  for (const [code, received] of Object.entries(clientSent.dimensions ?? {})) {
    check('assessment.total_mismatch', `/dimensions/${ptr(code)}`, received, byCode.get(code)?.score ?? null);
  }
  for (const [code, received] of Object.entries(clientSent.dimensionGrades ?? {})) {
    check(
      'assessment.grade_mismatch',
      `/dimensionGrades/${ptr(code)}`,
      received,
      byCode.get(code)?.grade?.code ?? null,
    );
  }
  check(
    'assessment.level_mismatch',
    '/initialLevel',
    clientSent.initialLevel,
    result.initialLevel?.code ?? null,
  );
  check('assessment.level_mismatch', '/finalLevel', clientSent.finalLevel, result.finalLevel.code);
  return errors;
}
