/**
 * Appendix A values as text, and the review of what would flow back to the
 * registry (decision 006 `POST …/basic-info/apply`: only with confirmation).
 */
import type { StdField, StdFieldOption, AssessmentStandardData } from './standardTypes.ts';
import { stdText } from './standardTypes.ts';
import { specifyKey } from './formModel.ts';

const label = (options: readonly StdFieldOption[] | undefined, v: unknown, lang: string) => {
  const o = options?.find((x) => x.value === String(v));
  return o ? stdText(o, lang) : String(v);
};

/** A field's value as the assessor would read it (option texts, not codes). */
export function basicValueText(
  field: StdField,
  value: unknown,
  lang: string,
  info: Record<string, unknown> = {},
): string {
  if (value === undefined || value === null || value === '') return '';
  const spec = (v: unknown) => {
    const s = info[specifyKey(field.code, String(v))];
    return typeof s === 'string' && s ? `（${s}）` : '';
  };
  switch (field.type) {
    case 'single':
      return label(field.options, value, lang) + spec(value);
    case 'multi':
      return Array.isArray(value)
        ? value.map((v) => label(field.options, v, lang) + spec(v)).join('、')
        : String(value);
    case 'matrix':
      return typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .map(([row, v]) => `${label(field.rows, row, lang)}: ${label(field.options, v, lang)}`)
            .join('；')
        : String(value);
    case 'rows':
      return Array.isArray(value)
        ? value
            .map((r) =>
              (field.columns ?? [])
                .map((c) => (r as Record<string, unknown>)[c.value])
                .filter(Boolean)
                .join(' '),
            )
            .join('；')
        : String(value);
    case 'number':
      return `${String(value)}${field.unit ? ` ${field.unit}` : ''}`;
    default:
      return String(value);
  }
}

export interface RegistryChange {
  field: StdField;
  registry: unknown;
  assessment: unknown;
}

/**
 * Fields the registry knows (present in the prefill) whose value on the
 * assessment form differs: the candidates for flowing back to the registry.
 */
export function registryChanges(
  std: AssessmentStandardData,
  prefill: Record<string, unknown>,
  basicInfo: Record<string, unknown>,
): RegistryChange[] {
  const out: RegistryChange[] = [];
  for (const field of std.basicInfoForm.flatMap((s) => s.fields)) {
    if (!(field.code in prefill)) continue;
    const now = basicInfo[field.code];
    if (now === undefined || now === null || now === '') continue;
    if (JSON.stringify(now) !== JSON.stringify(prefill[field.code]))
      out.push({ field, registry: prefill[field.code], assessment: now });
  }
  return out;
}
