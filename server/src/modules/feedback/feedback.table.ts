import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';
import { orders } from '../order/order.table.ts';
import { organisations } from '../organisation/organisation.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Complaints (投诉, issue 15 §7, decision 027): about an elder's service — an order, its provider and
 * caregiver — or a person. Scoped by the elder's community (`region_code`), the provider it is about or was
 * passed to (`organisation_id`) and the elder (relationship scope: the elder and bound family see theirs).
 * A response is due by `due_at` (COMPLAINT_RESPONSE_HOURS by category); an overdue one escalates to the
 * street (level 1) and, after as long again, to the district (level 2).
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    elderId: uuid('elder_id').references(() => elders.id),
    orderId: uuid('order_id').references(() => orders.id),
    // The provider the complaint is about (the order's), then the organisation it was passed to.
    providerId: uuid('provider_id').references(() => organisations.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    caregiverId: uuid('caregiver_id'),
    category: text('category').notNull(), // COMPLAINT_CATEGORIES
    channel: text('channel').notNull(), // COMPLAINT_CHANNELS
    description: text('description').notNull(),
    // Who complained: an account, or a caller's name and number as the seat took them (number encrypted).
    complainantUserId: uuid('complainant_user_id'),
    complainantName: text('complainant_name'),
    complainantPhoneEnc: text('complainant_phone_enc'),
    complainantPhoneMasked: text('complainant_phone_masked'),
    status: text('status').notNull().default('received'), // COMPLAINT_STATUSES
    dueAt: ts('due_at').notNull(),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    escalatedAt: ts('escalated_at'),
    response: text('response'),
    correctiveAction: text('corrective_action'),
    respondedAt: ts('responded_at'),
    respondedByName: text('responded_by_name'),
    satisfaction: text('satisfaction'), // COMPLAINT_SATISFACTION
    closeNote: text('close_note'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('complaints_region_idx').on(t.regionCode.op('text_pattern_ops'), t.createdAt),
    index('complaints_org_idx').on(t.organisationId),
    index('complaints_provider_idx').on(t.providerId),
    index('complaints_elder_idx').on(t.elderId),
    index('complaints_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} <> 'closed'`),
  ],
);

/** The complaint's timeline: filed, assigned, responded, escalated, closed. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    action: text('action').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
);

/**
 * Return visits (回访): the centre samples finished visits and calls the elder — were they reached, did the
 * service happen, how satisfied were they, what was done about it. One per order; a dissatisfied or missed
 * service may open a complaint (`complaint_id`, channel `return_visit`).
 */
export const returnVisits = pgTable(
  'return_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    providerId: uuid('provider_id').references(() => organisations.id),
    caregiverId: uuid('caregiver_id'),
    itemCode: text('item_code').notNull(),
    visitEndedAt: ts('visit_ended_at'),
    sampledAt: ts('sampled_at').notNull().defaultNow(),
    sampledBy: uuid('sampled_by'),
    status: text('status').notNull().default('pending'), // RETURN_VISIT_STATUSES
    calledAt: ts('called_at'),
    calledByName: text('called_by_name'),
    serviceHappened: boolean('service_happened'),
    result: text('result'), // RETURN_VISIT_RESULTS
    note: text('note'),
    correctiveAction: text('corrective_action'),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('return_visits_order_uq').on(t.orderId),
    index('return_visits_region_idx').on(t.regionCode.op('text_pattern_ops'), t.sampledAt),
    index('return_visits_provider_idx').on(t.providerId),
  ],
);
