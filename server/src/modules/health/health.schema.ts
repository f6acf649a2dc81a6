import { z } from 'zod';
import {
  HEALTH_ALERT_STATUSES,
  HEALTH_RULE_KINDS,
  HEALTH_VERIFY_METHODS,
  THRESHOLD_KINDS,
  VITAL_KINDS,
  VITAL_PLAUSIBLE,
  VITAL_SOURCES,
} from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const note = text().max(500);

export const idParams = z.object({ id: z.uuid() }).strict();
export const thresholdParams = z.object({ id: z.uuid(), kind: z.enum(THRESHOLD_KINDS) }).strict();
export const emptyBody = z.object({}).strict();

/** A value outside the plausible range of its kind: too_small / too_big with the field's pointer. */
function plausible(
  ctx: z.RefinementCtx,
  v: number | undefined,
  range: { min: number; max: number },
  path: string,
) {
  if (v === undefined) return ctx.addIssue({ code: 'custom', message: 'common.required', path: [path] });
  if (v < range.min)
    ctx.addIssue({
      code: 'too_small',
      origin: 'number',
      minimum: range.min,
      inclusive: true,
      input: v,
      path: [path],
    });
  else if (v > range.max)
    ctx.addIssue({
      code: 'too_big',
      origin: 'number',
      maximum: range.max,
      inclusive: true,
      input: v,
      path: [path],
    });
}

/** A reading entered by staff (at a visit, the station or day care), checked against plausible ranges. */
export const vitalBody = z
  .object({
    kind: z.enum(VITAL_KINDS),
    value: z.number().optional(),
    systolic: z.number().int().optional(),
    diastolic: z.number().int().optional(),
    measuredAt: isoDateTime,
    source: z.enum(['staff', 'day_care']).default('staff'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === 'bp') {
      plausible(ctx, b.systolic, VITAL_PLAUSIBLE.bp_systolic, 'systolic');
      plausible(ctx, b.diastolic, VITAL_PLAUSIBLE.bp_diastolic, 'diastolic');
      if (b.systolic !== undefined && b.diastolic !== undefined && b.diastolic >= b.systolic)
        ctx.addIssue({ code: 'custom', message: 'health.low_above_high', path: ['diastolic'] });
    } else plausible(ctx, b.value, VITAL_PLAUSIBLE[b.kind], 'value');
  });
export type VitalBody = z.infer<typeof vitalBody>;

export const vitalQuery = z
  .object({
    kind: z.enum(VITAL_KINDS).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();
export type VitalQuery = z.infer<typeof vitalQuery>;

/** The full values, as a duty: the reason is kept in the audit log. */
export const revealBody = z
  .object({
    kind: z.enum(VITAL_KINDS).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    reason: text().min(2).max(200).optional(),
  })
  .strict();
export type RevealBody = z.infer<typeof revealBody>;

const values = z.union([
  z.object({ value: z.number() }),
  z.object({ systolic: z.number(), diastolic: z.number() }),
]);

export const vitalView = z.object({
  id: z.uuid(),
  kind: z.enum(VITAL_KINDS),
  unit: z.string(),
  /** Null unless revealed (health data: masked by default). */
  values: values.nullable(),
  flag: z.enum(['high', 'low']).nullable(),
  measuredAt: z.string(),
  source: z.enum(VITAL_SOURCES),
  deviceId: z.uuid().nullable(),
  enteredByName: z.string().nullable(),
});
export type VitalView = z.infer<typeof vitalView>;

const range = z.object({ low: z.number().nullable(), high: z.number().nullable() });
export const thresholdView = z.object({
  kind: z.enum(THRESHOLD_KINDS),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** The elder's own override (else the default). */
  own: z.boolean(),
  default: range,
});
export const thresholdList = z.object({ elderId: z.uuid(), items: z.array(thresholdView) });

export const vitalList = z.object({
  elderId: z.uuid(),
  items: z.array(vitalView),
  thresholds: z.array(thresholdView),
  revealed: z.boolean(),
});

export const thresholdBody = z
  .object({ low: z.number().nullable(), high: z.number().nullable() })
  .strict()
  .refine((b) => b.low === null || b.high === null || b.low <= b.high, {
    message: 'health.low_above_high',
    path: ['high'],
  });

/** A rule's parameters as sent: numbers and lists of codes; each kind's own schema checks them (health.params.ts). */
const ruleParams = z.record(
  z.string().max(40),
  z.union([z.number(), z.array(text().min(1).max(40)).max(20)]),
);

export const ruleCreate = z
  .object({
    kind: z.enum(HEALTH_RULE_KINDS),
    name: text().min(1).max(100),
    regionCode: regionCodeSchema,
    params: ruleParams.default({}),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RuleCreate = z.infer<typeof ruleCreate>;

export const rulePatch = z
  .object({
    name: text().min(1).max(100).optional(),
    params: ruleParams.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type RulePatch = z.infer<typeof rulePatch>;

export const ruleView = z.object({
  id: z.uuid(),
  kind: z.enum(HEALTH_RULE_KINDS),
  name: z.string(),
  regionCode: z.string(),
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** May the caller edit it (its region lies in the caller's scope)? */
  editable: z.boolean(),
  updatedAt: z.string(),
  /** Alerts the rule opened in the caller's scope, and how they ended: false alerts tune the rule. */
  counts: z.object({
    alerts: z.number().int(),
    confirmed: z.number().int(),
    falseAlarms: z.number().int(),
    escalated: z.number().int(),
    pending: z.number().int(),
    /** false / (confirmed + false + escalated); null before any was verified. */
    falseRate: z.number().nullable(),
  }),
});
export type RuleView = z.infer<typeof ruleView>;
export const ruleList = z.object({ items: z.array(ruleView) });

export const alertQuery = z
  .object({
    status: z.enum([...HEALTH_ALERT_STATUSES, 'pending', 'all']).default('pending'),
    elderId: z.uuid().optional(),
    ruleId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export type AlertQuery = z.infer<typeof alertQuery>;

export const resolveBody = z
  .object({
    outcome: z.enum(['confirmed', 'false_alarm']),
    method: z.enum(HEALTH_VERIFY_METHODS),
    note: note.optional(),
  })
  .strict();
export const escalateBody = z
  .object({ method: z.enum(HEALTH_VERIFY_METHODS), note: note.optional() })
  .strict();

export const alertView = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  ruleKind: z.enum(HEALTH_RULE_KINDS),
  ruleName: z.string(),
  elderId: z.uuid(),
  elderNameMasked: z.string(),
  regionCode: z.string(),
  triggerAt: z.string(),
  openedAt: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(HEALTH_ALERT_STATUSES),
  verifiedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  verifiedAt: z.string().nullable(),
  method: z.enum(HEALTH_VERIFY_METHODS).nullable(),
  note: z.string().nullable(),
  alarmId: z.uuid().nullable(),
});
export type AlertView = z.infer<typeof alertView>;
export const alertList = z.object({ items: z.array(alertView) });
