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
import { localized, quoted } from '@yiyang/contracts';
import { isRecord, matchCondition, ptr, readContext, type ReadContext } from './assessment.context.ts';
import type { AssessmentMessageCode } from './assessment.errors.ts';
import type {
  AssessmentItem,
  AssessmentOption,
  AssessmentStandard,
  DimensionGrading,
  LevelDefinition,
} from './standards/types.ts';

export { ASSESSMENT_MESSAGES, formatAssessmentMessage } from './assessment.errors.ts';
export type { AssessmentMessageCode } from './assessment.errors.ts';

// ---- inputs and outputs: types in @yiyang/contracts (assessment.standard.ts) ----

export type {
  AssessmentContext,
  ScoringSettings,
  ResolvedSettings,
  AssessmentError,
  FiredRule,
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

// ---- helpers ----

/** The options of an item as the reader names them (their texts, never the answer codes). */
export const allowedOptions = (item: AssessmentItem) => item.options.map((o) => quoted(o.zh, o.en ?? o.zh));

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

const levelName = (levels: readonly LevelDefinition[], code: number) => {
  const l = levelRef(levels, code);
  return localized(l.zh, l.en);
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
          params: { item: item.code, itemName: localized(item.zh, item.en) },
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
          itemName: localized(item.zh, item.en),
          value: String(raw),
          allowed: allowedOptions(item),
        },
      });
      continue;
    }
    chosen.set(item.code, option);
  }
  return { chosen, skipped, skipClause: skipped.length > 0 ? (skipRule?.clause ?? null) : null };
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

/** The change rules whose conditions match, each with its reason's params (not yet applied). */
function matchChangeRules(
  standard: AssessmentStandard,
  chosen: Map<string, AssessmentOption>,
  ctx: ReadContext,
  settings: ResolvedSettings,
) {
  const firedRules: FiredRule[] = [];
  const fired = standard.changeRules.flatMap((rule) => {
    const matches = rule.anyOf.flatMap((c) => matchCondition(c, chosen, ctx, settings) ?? []);
    if (matches.length === 0) return [];
    const params: Record<string, unknown> = Object.assign({}, ...matches.map((m) => m.params ?? {}));
    params.sources = [...new Set(matches.map((m) => m.source))];
    if (rule.effect.kind === 'set_level') {
      params.level = rule.effect.level;
      params.levelName = levelName(standard.levels, rule.effect.level);
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
  return { firedRules, fired };
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
  const { firedRules, fired } = matchChangeRules(standard, chosen, ctx, settings);

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
        params: { level: initial, levelName: levelName(standard.levels, initial) },
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
        params: { level: policy.maxLevel, levelName: levelName(standard.levels, policy.maxLevel) },
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
