import { AGREEMENT_STATUS_LABELS, type AgreementStatus } from '@yiyang/contracts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StateMachine, TransitionRule } from '../../platform/transition.ts';
import type { AgreementRow } from './service.contracts.repo.ts';
import { serviceAgreements } from './service.table.ts';

type Rule = TransitionRule<AgreementStatus, AgreementRow>;

/**
 * The service agreement's states (decision 016): drafted, signed by the elder or a guardian, ended (early,
 * or a draft abandoned). Only a draft is edited; a signed agreement is the record the orders cite.
 */
export const AGREEMENT_TRANSITIONS = {
  sign: {
    from: ['draft'],
    to: 'signed',
    audit: 'service.agreement_sign',
    topic: 'service_agreement.signed',
  },
  end: {
    from: ['draft', 'signed'],
    to: 'ended',
    audit: 'service.agreement_end',
    topic: 'service_agreement.ended',
  },
} as const satisfies Record<string, Rule>;
export type AgreementCommand = keyof typeof AGREEMENT_TRANSITIONS;

/** 409 for a command the agreement's state does not allow. */
export const agreementRefused = (a: Pick<AgreementRow, 'status'>): DomainError =>
  new DomainError('service.agreement_state', {
    status: 409,
    params: { status: AGREEMENT_STATUS_LABELS[a.status as AgreementStatus] },
  });

export const AGREEMENT_MACHINE: StateMachine<typeof serviceAgreements, AgreementStatus, AgreementCommand> = {
  entityType: 'service_agreement',
  table: serviceAgreements,
  transitions: AGREEMENT_TRANSITIONS,
  refused: (row) => agreementRefused(row),
  missing: () => notFound('service.agreement_not_found'),
  scope: (row) => ({ regionCode: row.regionCode, organisationId: row.organisationId }),
};
