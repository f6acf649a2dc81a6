import { VISIT_RISKS, VITAL_KINDS, type HealthRuleKind } from '@yiyang/contracts';
import { z } from 'zod';

const hour = () => z.number().int().min(0).max(23);

/** Each kind's parameters (health_rules.params), with the defaults a new rule starts from. */
export const RULE_PARAMS = {
  // No water used for `hours` (water-flow sensor events; elders whose sensor reported in the last 7 days).
  no_water: z.object({ hours: z.number().int().min(1).max(72).default(12) }).strict(),
  // No movement between `fromHour` and `byHour` (China time) today (motion sensor events).
  no_movement: z
    .object({ fromHour: hour().default(6), byHour: z.number().int().min(1).max(23).default(10) })
    .strict()
    .refine((p) => p.byHour > p.fromHour, { message: 'health.low_above_high', path: ['byHour'] }),
  // Out of bed at night (China time, `fromHour` to `toHour`) and not back within `minutes` (bed radar).
  night_bed_exit: z
    .object({
      fromHour: hour().default(22),
      toHour: hour().default(6),
      minutes: z.number().int().min(5).max(240).default(20),
    })
    .strict(),
  // Heart rate outside the elder's thresholds for `minutes` (consecutive readings, none normal between).
  heart_rate_sustained: z.object({ minutes: z.number().int().min(1).max(120).default(5) }).strict(),
  // Any reading of these kinds outside the elder's thresholds.
  vital_threshold: z
    .object({
      kinds: z
        .array(z.enum(VITAL_KINDS))
        .min(1)
        .default(['bp', 'heart_rate', 'temperature', 'spo2', 'glucose']),
    })
    .strict(),
  // A caregiver's observation on a visit naming one of these risks.
  visit_observation: z
    .object({ risks: z.array(z.enum(VISIT_RISKS)).min(1).default(['unwell', 'fall_hazard', 'no_food']) })
    .strict(),
} satisfies Record<HealthRuleKind, z.ZodType>;

export type RuleParams<K extends HealthRuleKind> = z.output<(typeof RULE_PARAMS)[K]>;

/** Parameters checked against the kind's schema; the issues carry pointers under `/params`. */
export function parseParams(kind: HealthRuleKind, params: unknown) {
  return RULE_PARAMS[kind].safeParse(params ?? {});
}
