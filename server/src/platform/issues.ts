import { ERROR_MESSAGES } from '@yiyang/contracts';

/**
 * A zod issue as the error handler (through fastify-type-provider-zod) and
 * the import's row checks see it.
 */
export interface IssueLike {
  code: string;
  message?: string | undefined;
  origin?: unknown;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  keys?: unknown;
  expected?: unknown;
  /** What an invalid_type issue got: 'NaN' for a query number that is not one (`z.coerce.number()`). */
  received?: unknown;
  /** A custom issue's own params (text.ts: `position`, `minimum`). */
  params?: unknown;
}

const SIMPLE: Record<string, string> = {
  invalid_type: 'common.invalid_type',
  invalid_format: 'common.invalid_format',
  invalid_string: 'common.invalid_format',
  invalid_value: 'common.invalid_value',
  invalid_enum_value: 'common.invalid_value',
  invalid_union: 'common.invalid_value',
  unrecognized_keys: 'common.unknown_field',
};

/** Limits name their unit: characters of a string, items of a list, the value of a number or date. */
function sizeCode(issue: IssueLike): string {
  const big = issue.code === 'too_big';
  if (issue.origin === 'string') {
    // An empty or blank value of a required text is "required", not "at least 1 character".
    if (!big && issue.minimum === 1) return 'common.required';
    return big ? 'common.too_long' : 'common.too_short';
  }
  if (issue.origin === 'array' || issue.origin === 'set') return big ? 'common.too_many' : 'common.too_few';
  return big ? 'common.too_big' : 'common.too_small';
}

/** The error code (an i18n key of contracts messages.ts) and message params of one zod issue. */
export function issueCode(issue: IssueLike): { code: string; params: Record<string, unknown> } {
  const own =
    issue.params && typeof issue.params === 'object' ? (issue.params as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  const keys = Array.isArray(issue.keys) ? (issue.keys as string[]).join(', ') : undefined;
  const all = { minimum: issue.minimum, maximum: issue.maximum, expected: issue.expected, keys, ...own };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) params[k] = v;
  // A rule may name its own code as its message: text().regex(re, { message: 'user.invalid_phone' }).
  if (issue.message && issue.message in ERROR_MESSAGES) return { code: issue.message, params };
  // A missing property arrives as invalid_type with input undefined; a coerced number that is not one
  // (`?ageMin=abc`) too, but says it received NaN: that is a wrong type, not a missing value.
  if (issue.code === 'invalid_type' && issue.input === undefined && issue.received !== 'NaN')
    return { code: 'common.required', params };
  if (issue.code === 'too_big' || issue.code === 'too_small') return { code: sizeCode(issue), params };
  return { code: SIMPLE[issue.code] ?? 'common.invalid_value', params };
}
