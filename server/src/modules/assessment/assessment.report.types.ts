import { formatAssessmentMessage, type AssessmentMessageCode } from './assessment.errors.ts';
import type { ScoredAssessment } from './assessment.scoring.ts';
import type { AssessmentStandard } from './standards/types.ts';

/** The input of the printable report (assessment.report.ts). */

// ---- input ----

/** A calendar date: 'YYYY-MM-DD', or a Date (printed as the date in China, Asia/Shanghai). */
export type CalendarDate = string | Date;

/**
 * A.1.3 评估原因. GB/T 42195 and MZ/T 039 word the options differently; the
 * report prints the standard's own wording (MZ/T 039 calls 'first' 'initial').
 */
export type ReportReason = 'first' | 'initial' | 'routine' | 'immediate' | 'dispute_review' | 'other';

export interface ReportElder {
  name: string;
  /** A.2.2 option value ('male' / 'female'). */
  sex: string;
  birthDate: CalendarDate;
  /** Printed as given: the caller decides whether it is masked (PIPL, STANDARDS.md §7). */
  idNumber: string;
  regionName: string;
  address?: string;
}

export interface ReportAssessor {
  name: string;
  certificateNo: string;
  /** Left as a blank date line when absent (signed by hand). */
  signedAt?: CalendarDate;
}

export interface ReportAssessment {
  /** A.1.1 评估编号. */
  number: string;
  reason: ReportReason;
  /** A.1.2 评估基准日期. */
  assessedAt: CalendarDate;
  place: string;
  agencyName: string;
  assessors: readonly ReportAssessor[];
  reviewer?: { name: string; certificateNo?: string; reviewedAt?: CalendarDate };
}

export interface ReportInput {
  standard: AssessmentStandard;
  /** The successful result of `scoreAssessment` for `standard`. */
  result: ScoredAssessment;
  elder: ReportElder;
  assessment: ReportAssessment;
  locale?: 'zh-CN';
  /** PDF creation date; fix it for reproducible output (tests). Defaults to now. */
  generatedAt?: Date;
}

/** Input the report cannot be printed from; `code` is an i18n key of ASSESSMENT_MESSAGES. */
export class ReportInputError extends Error {
  readonly code: AssessmentMessageCode;
  readonly params: Record<string, unknown>;
  constructor(code: AssessmentMessageCode, params: Record<string, unknown>) {
    super(formatAssessmentMessage(code, 'zh-CN', params));
    this.name = 'ReportInputError';
    this.code = code;
    this.params = params;
  }
}
