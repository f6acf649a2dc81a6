/**
 * Appendix A (基本信息表) on the server (decision 006 refinements, STANDARDS.md §1.4, §1.5, §2.5):
 * every saved value is checked against the standard's field definitions; the change rules read
 * what Appendix A records (`deriveAssessmentContext`), so a client's `context` is only compared
 * with it and a disagreement is reported; an item that contradicts Appendix A (B.3.9 神志清醒
 * beside A.5.11 昏迷 = 有) is a warning the assessor confirms before submitting.
 */
import {
  contextSources,
  deriveAssessmentContext,
  localized,
  optionValues,
  quoted,
  type AssessmentContext,
  type AssessmentError,
  type AssessmentWarning,
  type ContextKey,
  type ResolvedSettings,
} from '@yiyang/contracts';
import { parseIsoDate } from '../../platform/dates.ts';
import { isRecord, ptr, readContext, rulesFiredByContext } from './assessment.context.ts';
import { allowedOptions } from './assessment.scoring.ts';
import type { AssessmentStandard, ChangeRule, FieldOption, FormField } from './standards/types.ts';
import { elderPhone, hasValidCnIdChecksum, normalizeDocumentNumber } from '../elder/index.ts';

const TEXT_MAX = 200;
const TEXTAREA_MAX = 2000;
const ROWS_MAX = 50;
const SETTINGS: ResolvedSettings = { maxUpgrade: 1, eventCounting: 'total' };

const nameOf = (x: { zh: string; en: string }) => localized(x.zh, x.en);
const textOf = (o: FieldOption) => quoted(o.zh, o.en ?? o.zh);
const blank = (v: unknown) => v === undefined || v === null || v === '';

const EXPECTED = {
  text: (max: number) => localized(`不超过 ${max} 个字的文字`, `text of at most ${max} characters`),
  date: localized('日期（年-月-日）', 'a date (YYYY-MM-DD)'),
  number: (f: FormField) =>
    f.min !== undefined && f.max !== undefined
      ? localized(`${f.min}～${f.max} 之间的数`, `a number from ${f.min} to ${f.max}`)
      : localized('大于 0 的数', 'a number above 0'),
  idNumber: localized(
    '18 位公民身份号码（校验码正确）',
    'an 18-character citizen ID number with a valid check character',
  ),
  phone: localized('手机号码或固定电话号码', 'a mobile or landline number'),
  list: localized('不重复的选项列表', 'a list of distinct options'),
  matrix: localized('每行选一个选项', 'one option per row'),
  rows: localized(
    `表格（最多 ${ROWS_MAX} 行，每格不超过 ${TEXT_MAX} 个字）`,
    `a table of at most ${ROWS_MAX} rows, ${TEXT_MAX} characters per cell`,
  ),
};

/** Options of a field with their children (A.5.6), for lists in messages. */
const leafOptions = (options: readonly FieldOption[] | undefined): FieldOption[] =>
  (options ?? []).flatMap((o) => [o, ...(o.children ?? [])]);

type Push = (pointer: string, code: AssessmentError['code'], params?: Record<string, unknown>) => void;

function checkOption(field: FormField, v: unknown, at: string, push: Push) {
  if (typeof v === 'string' && optionValues(field.options).has(v)) return;
  push(at, 'assessment.field_option_invalid', {
    value: typeof v === 'string' ? v : JSON.stringify(v),
    allowed: leafOptions(field.options).map(textOf),
  });
}

function checkMulti(field: FormField, v: unknown, at: string, push: Push) {
  if (!Array.isArray(v) || new Set(v).size !== v.length)
    return push(at, 'assessment.field_invalid', {
      expected: EXPECTED.list,
    });
  v.forEach((x, i) => checkOption(field, x, `${at}/${i}`, push));
  const exclusive = leafOptions(field.options).find((o) => o.exclusive && v.includes(o.value));
  if (exclusive && v.length > 1) push(at, 'assessment.field_exclusive', { option: textOf(exclusive) });
}

function checkMatrix(field: FormField, v: unknown, at: string, push: Push) {
  if (!isRecord(v)) return push(at, 'assessment.field_invalid', { expected: EXPECTED.matrix });
  const rows = new Map((field.rows ?? []).map((r) => [r.value, r]));
  for (const [row, x] of Object.entries(v)) {
    const here = `${at}/${ptr(row)}`;
    if (!rows.has(row)) {
      // A.2.14's rows are the standard's care risk event types (another standard's are refused here).
      const allowed = [...rows.values()].map(textOf);
      if (field.feeds === 'context.careRiskEventsLast30Days')
        push(here, 'assessment.risk_event_type_unknown', { type: row, allowed });
      else push(here, 'assessment.field_row_unknown', { row, allowed });
    } else if (!blank(x)) checkOption(field, x, here, push);
  }
}

function checkRows(field: FormField, v: unknown, at: string, push: Push) {
  const columns = new Set((field.columns ?? []).map((c) => c.value));
  const cellOk = ([k, x]: [string, unknown]) =>
    columns.has(k) && typeof x === 'string' && x.length <= TEXT_MAX;
  if (!Array.isArray(v) || v.length > ROWS_MAX)
    return push(at, 'assessment.field_invalid', { expected: EXPECTED.rows });
  v.forEach((r, i) => {
    if (!isRecord(r) || !Object.entries(r).every(cellOk))
      push(`${at}/${i}`, 'assessment.field_invalid', { expected: EXPECTED.rows });
  });
}

function checkScalar(field: FormField, v: unknown, at: string, push: Push) {
  const invalid = (expected: unknown) => push(at, 'assessment.field_invalid', { expected });
  const str = typeof v === 'string' ? v : null;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = field.type === 'text' ? TEXT_MAX : TEXTAREA_MAX;
      return str !== null && str.length <= max ? undefined : invalid(EXPECTED.text(max));
    }
    case 'date':
      return str !== null && parseIsoDate(str) ? undefined : invalid(EXPECTED.date);
    case 'number': {
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (field.min === undefined ? v > 0 : v >= field.min) &&
        (field.max === undefined || v <= field.max);
      return ok ? undefined : invalid(EXPECTED.number(field));
    }
    case 'id_number':
      return str !== null && hasValidCnIdChecksum(normalizeDocumentNumber(str))
        ? undefined
        : invalid(EXPECTED.idNumber);
    case 'phone':
      return elderPhone.safeParse(v).success ? undefined : invalid(EXPECTED.phone);
    default:
      return checkOption(field, v, at, push);
  }
}

const CHECKS: Partial<Record<FormField['type'], typeof checkScalar>> = {
  multi: checkMulti,
  matrix: checkMatrix,
  rows: checkRows,
};

/**
 * Appendix A values against the standard's field definitions. Keys are field codes, or
 * `<field>:<option>` for the free text of an option that asks for one (其他（请注明）).
 * A blank value (null, '') is an unanswered field. Pointers are `/basicInfo/<field>[/<row or index>]`.
 */
export function basicInfoErrors(
  standard: AssessmentStandard,
  basicInfo: Record<string, unknown>,
): AssessmentError[] {
  const fields = new Map(standard.basicInfoForm.flatMap((s) => s.fields).map((f) => [f.code, f]));
  const errors: AssessmentError[] = [];
  for (const [key, v] of Object.entries(basicInfo)) {
    const at = `/basicInfo/${ptr(key)}`;
    const [code = '', option, ...rest] = key.split(':');
    const field = fields.get(code);
    const push: Push = (pointer, c, params = {}) =>
      errors.push({
        pointer,
        code: c,
        params: field ? { field: code, fieldName: nameOf(field), ...params } : params,
      });
    const specifies =
      option !== undefined && leafOptions(field?.options).some((o) => o.value === option && o.specify);
    if (!field || rest.length > 0 || (option !== undefined && !specifies)) {
      push(at, 'assessment.field_unknown', { field: key, standard: standard.standardCode });
    } else if (option !== undefined) {
      if (!blank(v) && !(typeof v === 'string' && v.length <= TEXT_MAX))
        push(at, 'assessment.field_invalid', { expected: EXPECTED.text(TEXT_MAX) });
    } else if (!blank(v)) (CHECKS[field.type] ?? checkScalar)(field, v, at, push);
  }
  return errors;
}

/** Items and options must exist in the standard (drafts may be incomplete). */
export function answerErrors(
  standard: AssessmentStandard,
  answers: Record<string, string | number>,
): AssessmentError[] {
  const items = new Map(standard.items.map((i) => [i.code, i]));
  return Object.entries(answers).flatMap(([code, value]): AssessmentError[] => {
    const item = items.get(code);
    const pointer = `/answers/${ptr(code)}`;
    if (!item)
      return [
        { pointer, code: 'assessment.item_unknown', params: { item: code, standard: standard.standardCode } },
      ];
    if (item.options.some((o) => o.value === String(value))) return [];
    const params = {
      item: code,
      itemName: nameOf(item),
      value: String(value),
      allowed: allowedOptions(item),
    };
    return [{ pointer, code: 'assessment.option_invalid', params }];
  });
}

/** The context keys a change rule's Appendix A conditions read. */
function contextKeysOf(rule: ChangeRule): ContextKey[] {
  return rule.anyOf.flatMap((c): ContextKey[] =>
    c.kind === 'context_flag'
      ? [c.flag]
      : c.kind === 'diagnosis'
        ? ['diagnosisCodes']
        : c.kind === 'risk_events'
          ? ['careRiskEventsLast30Days']
          : [],
  );
}

const applies = (yes: boolean) =>
  yes ? localized('适用', 'applies') : localized('不适用', 'does not apply');

/**
 * Rule by rule, where the `context` a client sent would decide otherwise than Appendix A: the
 * server scores with Appendix A and says why the client's value was not used.
 */
export function contextOverrides(
  standard: AssessmentStandard,
  sent: unknown,
  derived: AssessmentContext,
): AssessmentWarning[] {
  if (!isRecord(sent)) return [];
  const bySent = rulesFiredByContext(standard, readContext(standard, sent, SETTINGS, []), SETTINGS);
  const byForm = rulesFiredByContext(standard, readContext(standard, derived, SETTINGS, []), SETTINGS);
  const sources = contextSources(standard.basicInfoForm);
  return standard.changeRules.flatMap((rule): AssessmentWarning[] => {
    const keys = contextKeysOf(rule);
    const said = keys.find((k) => Object.hasOwn(sent, k));
    if (!said || bySent.has(rule.code) === byForm.has(rule.code)) return [];
    const fields = [...new Set(keys.flatMap((k) => sources[k]))];
    const items = rule.anyOf.flatMap((c) => (c.kind === 'option_flag' ? [c.item] : []));
    const params = {
      clause: rule.clause,
      standard: standard.standardCode,
      ...(fields.length > 0 ? { sources: fields, derived: applies(byForm.has(rule.code)) } : { items }),
      sent: applies(bySent.has(rule.code)),
    };
    const code = fields.length > 0 ? 'assessment.context_overridden' : 'assessment.context_ignored';
    return [{ key: `context:${rule.code}`, code, pointer: `/context/${said}`, params, confirm: false }];
  });
}

/**
 * Items that contradict Appendix A: a change rule that reads both an item's option (B.3.9 昏迷)
 * and an Appendix A field (A.5.11 昏迷) where the two, both answered, disagree.
 */
export function contradictions(
  standard: AssessmentStandard,
  answers: Readonly<Record<string, string>>,
  basicInfo: Readonly<Record<string, unknown>>,
): AssessmentWarning[] {
  const sources = contextSources(standard.basicInfoForm);
  const fields = new Map(standard.basicInfoForm.flatMap((s) => s.fields).map((f) => [f.code, f]));
  const out = new Map<string, AssessmentWarning>();
  for (const rule of standard.changeRules) {
    for (const ic of rule.anyOf) {
      if (ic.kind !== 'option_flag') continue;
      const item = standard.items.find((i) => i.code === ic.item);
      const option = item?.options.find((o) => o.value === answers[ic.item]);
      if (!item || !option) continue;
      const itemSays = option.flags?.includes(ic.flag) === true;
      for (const fc of rule.anyOf) {
        if (fc.kind !== 'context_flag') continue;
        for (const code of sources[fc.flag]) {
          const field = fields.get(code);
          const formSays = deriveAssessmentContext(standard.basicInfoForm, { [code]: basicInfo[code] })[
            fc.flag
          ];
          const recorded = field?.options?.find((o) => o.value === basicInfo[code]);
          if (!field || !recorded || formSays === undefined || formSays === itemSays) continue;
          const key = `contradiction:${item.code}:${code}`;
          out.set(key, {
            key,
            code: 'assessment.contradiction',
            pointer: `/answers/${ptr(item.code)}`,
            params: {
              item: item.code,
              itemName: nameOf(item),
              option: quoted(option.zh, option.en ?? option.zh),
              field: code,
              fieldName: nameOf(field),
              fieldValue: textOf(recorded),
            },
            confirm: true,
          });
        }
      }
    }
  }
  return [...out.values()];
}

export interface FormCheck {
  errors: AssessmentError[];
  /** The change-rule inputs as Appendix A records them: what is stored and scored. */
  context: AssessmentContext;
  warnings: AssessmentWarning[];
}

/** A draft (or the stored form at submit): errors, the derived context, and the warnings. */
export function checkForm(
  standard: AssessmentStandard,
  form: { answers: Record<string, string | number>; basicInfo: Record<string, unknown>; context?: unknown },
): FormCheck {
  const errors = [...answerErrors(standard, form.answers), ...basicInfoErrors(standard, form.basicInfo)];
  // The client's context is still checked (a wrong event type is bad input), then only compared.
  if (form.context !== undefined) readContext(standard, form.context, SETTINGS, errors);
  const context = deriveAssessmentContext(standard.basicInfoForm, form.basicInfo);
  if (errors.length > 0) return { errors, context, warnings: [] };
  const answers = Object.fromEntries(Object.entries(form.answers).map(([k, v]) => [k, String(v)]));
  return {
    errors,
    context,
    warnings: [
      ...contextOverrides(standard, form.context, context),
      ...contradictions(standard, answers, form.basicInfo),
    ],
  };
}

/** The problem's code: option errors keep `assessment.unknown_option`; one kind of error names itself. */
export function formErrorCode(errors: readonly AssessmentError[]): string {
  if (errors.every((e) => e.code === 'assessment.item_unknown' || e.code === 'assessment.option_invalid'))
    return 'assessment.unknown_option';
  const codes = new Set(errors.map((e) => e.code));
  return codes.size === 1 ? [...codes][0]! : 'assessment.form_invalid';
}
