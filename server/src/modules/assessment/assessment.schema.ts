import { z } from 'zod';
import {
  ASSESSMENT_MESSAGES,
  ASSESSMENT_REASONS,
  ASSESSMENT_SOURCES,
  ASSESSMENT_STATUSES,
  CERTIFICATE_KINDS,
  type AssessmentBasicInfoApplyResult,
  type AssessmentResult,
  type AssessmentDetail,
  type AssessmentDisputeResult,
  type AssessmentDueList,
  type AssessmentLevelReview,
  type AssessmentList,
  type AssessmentMessageCode,
  type AssessmentPrefill,
  type AssessmentStandardList,
  type AssessmentStats,
  type EligibleAssessorList,
  type ElderAssessmentHistory,
} from '@yiyang/contracts';
import { pageQuery } from '../../platform/pagination.ts';
import { jsonValue, reasonText, text } from '../../platform/text.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { ASSESSMENT_STANDARDS } from './standards/index.ts';

/**
 * Wire shapes of decision 006. Each response schema `satisfies` its type in
 * @yiyang/contracts (assessment.ts), so the server and the clients cannot drift.
 */

const standardCode = z.enum(Object.keys(ASSESSMENT_STANDARDS) as [keyof typeof ASSESSMENT_STANDARDS]);
const isoDateTime = z.iso.datetime({ offset: true });
const reason = reasonText(2);

export const standardParams = z.object({ code: text().max(40) }).strict();

export const standardList = z.object({
  items: z.array(
    z.object({
      code: standardCode,
      zh: z.string(),
      en: z.string(),
      revision: z.number().int(),
      isDefault: z.boolean(),
      levelsAvailable: z.boolean(),
      reportAvailable: z.boolean(),
    }),
  ),
  defaultCode: standardCode,
}) satisfies z.ZodType<AssessmentStandardList>;

/** The standard as data is large and nested; its type is AssessmentStandardData in contracts. */
export const standardData = z.looseObject({ standardCode, revision: z.number().int() });

export const listQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    status: z.enum(ASSESSMENT_STATUSES).optional(),
    reason: z.enum(ASSESSMENT_REASONS).optional(),
    elderId: z.uuid().optional(),
    // Work to do (applied … signing) or every record; the console's queue opens on `open` (issue 13 §4).
    stage: z.enum(['open', 'all']).optional(),
    // The elder's name, or part of it.
    q: text().min(1).max(40).optional(),
    // A flag as in the import's dryRun: 'true' or 'false', so that the OpenAPI document says so.
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    ...pageQuery,
  })
  .strict();

const personRef = z.object({ userId: z.uuid(), displayName: z.string() });

export const listItem = z.object({
  id: z.uuid(),
  elderId: z.uuid(),
  elderNameMasked: z.string(),
  elderAddressMasked: z.string().nullable(),
  elderPhoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  standardCode,
  reason: z.enum(ASSESSMENT_REASONS),
  source: z.enum(ASSESSMENT_SOURCES),
  status: z.enum(ASSESSMENT_STATUSES),
  scheduledAt: z.string().nullable(),
  dueBy: z.string().nullable(),
  total: z.number().int().nullable(),
  level: z.number().int().nullable(),
  levelName: z.string().nullable(),
  assessors: z.array(personRef),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const assessmentList = z.object({
  items: z.array(listItem),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<AssessmentList>;

export const createBody = z
  .object({
    elderId: z.uuid(),
    reason: z.enum(ASSESSMENT_REASONS).exclude(['dispute']),
    source: z.enum(ASSESSMENT_SOURCES),
    standardCode: standardCode.optional(),
    note: text({ multiline: true }).max(500).optional(),
  })
  .strict();
export type AssessmentCreate = z.infer<typeof createBody>;

const certificateRef = z.object({
  id: z.uuid(),
  kind: z.enum(CERTIFICATE_KINDS),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
});

const riskEvents = z.union([
  z.number().int().min(0).max(99),
  z
    .array(z.object({ type: text().max(40), count: z.number().int().min(0).max(99).optional() }).strict())
    .max(20)
    .readonly(),
]);

export const contextBody = z
  .object({
    comaOrVegetative: z.boolean().optional(),
    dementiaOrPsychiatricDiagnosis: z.boolean().optional(),
    diagnosisCodes: z.array(text().max(40)).max(60).readonly().optional(),
    careRiskEventsLast30Days: riskEvents.optional(),
  })
  .strict();

// The stored scoring output (AssessmentResult): the engine's own shape, validated loosely on the way out.
const resultView = z.looseObject({
  standardCode,
  total: z.number().nullable(),
  finalLevel: z.looseObject({ code: z.number(), zh: z.string(), zhShort: z.string(), en: z.string() }),
}) as unknown as z.ZodType<AssessmentResult>;

const messageCode = z.enum(Object.keys(ASSESSMENT_MESSAGES) as [AssessmentMessageCode]);

const warningView = z.object({
  key: z.string(),
  code: messageCode,
  pointer: z.string(),
  params: z.record(z.string(), z.unknown()),
  confirm: z.boolean(),
});

export const detailView = listItem.extend({
  elder: z.object({
    id: z.uuid(),
    nameMasked: z.string(),
    sex: z.enum(['male', 'female']),
    age: z.number().int(),
    idNumberMasked: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    status: z.string(),
  }),
  note: z.string().nullable(),
  appliedBy: personRef.nullable(),
  revision: z.number().int(),
  answers: z.record(z.string(), z.string()),
  basicInfo: z.record(z.string(), z.unknown()),
  context: contextBody,
  clientSavedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  result: resultView.nullable(),
  warnings: z.array(warningView),
  assessors: z.array(
    personRef.extend({
      certificate: certificateRef.nullable(),
      signedAt: z.string().nullable(),
      signRecordedAt: z.string().nullable(),
    }),
  ),
  supersedesId: z.uuid().nullable(),
  supersededById: z.uuid().nullable(),
  disputedAt: z.string().nullable(),
  disputeReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.enum([
        'applied',
        'assigned',
        'draft_saved',
        'submitted',
        'signed',
        'published',
        'disputed',
        'superseded',
        'cancelled',
      ]),
      byName: z.string().nullable(),
    }),
  ),
  assignedToMe: z.boolean(),
}) satisfies z.ZodType<DetailView>;
export type DetailView = AssessmentDetail;

export const assignBody = z
  .object({
    agencyId: z.uuid(),
    assessorIds: z.array(z.uuid()).max(2),
    scheduledAt: isoDateTime.optional(),
  })
  .strict();
export type AssignInput = z.infer<typeof assignBody>;

export const eligibleQuery = z.object({ agencyId: z.uuid() }).strict();
export const eligibleView = z.object({
  onDate: z.string(),
  items: z.array(
    personRef.extend({
      username: z.string(),
      certificate: certificateRef.nullable(),
      certificateValid: z.boolean(),
      excluded: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<EligibleAssessorList>;

export const formBody = z
  .object({
    baseRevision: z.number().int().min(0),
    clientSavedAt: isoDateTime,
    answers: z.record(text().max(20), z.union([text().max(20), z.number()])),
    basicInfo: z.record(text().max(20), jsonValue()).optional(),
    context: contextBody.optional(),
  })
  .strict();
export type FormInput = z.infer<typeof formBody>;

const numOrNull = z.number().nullable();
export const submitBody = z
  .object({
    clientTotals: z
      .object({
        total: numOrNull.optional(),
        dimensions: z.record(text(), numOrNull).optional(),
        dimensionGrades: z.record(text(), numOrNull).optional(),
        initialLevel: numOrNull.optional(),
        finalLevel: z.number().optional(),
      })
      .strict()
      .optional(),
    confirmedWarnings: z.array(text().max(120)).max(50).optional(),
  })
  .strict();
export type SubmitInput = z.infer<typeof submitBody>;

export const signBody = z
  .object({
    signedAt: isoDateTime.optional(),
    coSigner: z
      .object({ username: text().min(1).max(64), password: text({ trim: false }).min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type SignInput = z.infer<typeof signBody>;

export const reasonBody = z.object({ reason }).strict();

export const disputeView = z.object({
  disputed: detailView,
  reReview: detailView,
}) satisfies z.ZodType<Record<keyof AssessmentDisputeResult, DetailView>>;

export const prefillView = z.object({
  elderId: z.uuid(),
  elderVersion: z.number().int(),
  basicInfo: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<AssessmentPrefill>;

export const applyBody = z
  .object({
    elderVersion: z.number().int().optional(),
    fields: z.array(text().max(20)).min(1).max(30),
    reason: reason.optional(),
  })
  .strict();
export type ApplyInput = z.infer<typeof applyBody>;

export const applyView = z.object({
  elderId: z.uuid(),
  elderVersion: z.number().int(),
  applied: z.array(z.string()),
}) satisfies z.ZodType<AssessmentBasicInfoApplyResult>;

export const dueQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    withinDays: z.coerce.number().int().min(0).max(366).default(30),
  })
  .strict();

export const dueView = z.object({
  asOf: z.string(),
  items: z.array(
    z.object({
      elderId: z.uuid(),
      elderNameMasked: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      kind: z.enum(['never_assessed', 'routine', 're_review']),
      dueOn: z.string(),
      overdue: z.boolean(),
      lastPublishedAt: z.string().nullable(),
      lastLevel: z.number().int().nullable(),
      openAssessmentId: z.uuid().nullable(),
      openStatus: z.enum(ASSESSMENT_STATUSES).nullable(),
    }),
  ),
}) satisfies z.ZodType<AssessmentDueList>;

export const historyView = z.object({
  elderId: z.uuid(),
  items: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(ASSESSMENT_STATUSES),
      reason: z.enum(ASSESSMENT_REASONS),
      standardCode,
      createdAt: z.string(),
      publishedAt: z.string().nullable(),
      total: z.number().int().nullable(),
      level: z.number().int().nullable(),
      levelName: z.string().nullable(),
      dimensions: z.array(
        z.object({
          code: z.string(),
          zh: z.string(),
          score: z.number().nullable(),
          max: z.number().nullable(),
        }),
      ),
      supersedesId: z.uuid().nullable(),
      supersededById: z.uuid().nullable(),
    }),
  ),
}) satisfies z.ZodType<ElderAssessmentHistory>;

export const statsQuery = z.object({ regionCode: regionCodeSchema.optional() }).strict();

const regionStats = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  elders: z.number().int(),
  assessed: z.number().int(),
  semiDisabled: z.number().int(),
  disabled: z.number().int(),
  semiDisabledShare: z.number(),
  disabledShare: z.number(),
});
export const statsView = regionStats.extend({
  byLevel: z.array(
    z.object({
      standardCode,
      level: z.number().int(),
      name: z.string(),
      nameEn: z.string(),
      count: z.number().int(),
      share: z.number(),
    }),
  ),
  children: z.array(regionStats),
}) satisfies z.ZodType<AssessmentStats>;

export const levelReviewQuery = z.object({ regionCode: regionCodeSchema.optional(), ...pageQuery }).strict();

const firedRuleView = z.looseObject({
  rule: z.string(),
  clause: z.string(),
  reasonCode: messageCode,
  params: z.record(z.string(), z.unknown()),
  applied: z.boolean(),
});

export const levelReviewView = z.object({
  items: z.array(
    listItem
      .pick({
        id: true,
        elderId: true,
        elderNameMasked: true,
        regionCode: true,
        regionName: true,
        organisationId: true,
        agencyName: true,
        standardCode: true,
      })
      .extend({
        publishedAt: z.string(),
        publishedLevel: z.number().int(),
        publishedLevelName: z.string(),
        appendixLevel: z.number().int(),
        appendixLevelName: z.string(),
        firedRules: z.array(firedRuleView),
      }),
  ),
  nextCursor: z.string().nullable(),
}) as unknown as z.ZodType<AssessmentLevelReview>;
