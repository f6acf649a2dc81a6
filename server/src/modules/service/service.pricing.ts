import {
  ADVANCED_AGE,
  ELDER_PAY_CATEGORIES,
  type ElderPayCategory,
  type FundingSource,
  type PayRule,
} from '@yiyang/contracts';
import { ageOf } from '../../platform/dates.ts';

/**
 * The one price function (PRODUCT.md §4.5; issue 14): what an item costs an elder on a date, and who pays
 * the rest. Pure. The subsidy module will replace it with policies; until then the catalogue's pay rules per
 * elder category decide (decision 020).
 */

/** What pricing reads of an elder (the elder module's `elderFactsOn`). */
export interface PricingFacts {
  /** Stored categories current on the date: registry tags and the assessment's (`semi_disabled`, `disabled`). */
  tags: string[];
  birthDate: string | null;
  /** Registry status: a moved-out or deceased elder is priced as `general` (no public money). */
  status: string;
}

/** The catalogue fields pricing needs. */
export interface PricedItem {
  priceCents: number;
  payRules: Partial<Record<ElderPayCategory, PayRule>>;
}

export interface Price {
  /** The item's price. */
  priceCents: number;
  /** What the elder pays (0 … price). */
  elderShareCents: number;
  /** `self_pay` when the elder pays it all; otherwise the government buys the rest (政府购买). */
  fundingSource: FundingSource;
  /** The elder category whose rule gave this price. */
  payCategory: ElderPayCategory;
}

const RECORDED: readonly ElderPayCategory[] = [
  'extreme_poverty',
  'subsistence_allowance',
  'low_income',
  'disability',
];
const INCAPACITY_TAGS = ['semi_disabled', 'disabled'];
const UNSERVED_STATUSES = ['moved_out', 'deceased'];

/** The elder categories an elder belongs to on `onDate`, `general` always last. */
export function payCategoriesOf(facts: PricingFacts, onDate: string): ElderPayCategory[] {
  if (UNSERVED_STATUSES.includes(facts.status)) return ['general'];
  const out = new Set<ElderPayCategory>();
  for (const t of facts.tags) if ((RECORDED as readonly string[]).includes(t)) out.add(t as ElderPayCategory);
  if (facts.birthDate && ageOf(facts.birthDate, new Date(`${onDate}T12:00:00+08:00`)) >= ADVANCED_AGE)
    out.add('advanced_age');
  if (facts.tags.some((t) => INCAPACITY_TAGS.includes(t))) out.add('incapacitated');
  out.add('general');
  return ELDER_PAY_CATEGORIES.filter((c) => out.has(c));
}

/** What the elder pays of `priceCents` under `rule` (whole cents, half up; never below 0 or above the price). */
export function elderShareUnder(rule: PayRule, priceCents: number): number {
  switch (rule.kind) {
    case 'free':
      return 0;
    case 'subsidy':
      return Math.max(0, priceCents - rule.amountCents);
    case 'share':
      return Math.min(priceCents, Math.round((priceCents * rule.percent) / 100));
    case 'full':
      return priceCents;
  }
}

/** The rule of a category; `general` without one pays the full price. */
const ruleOf = (item: PricedItem, c: ElderPayCategory): PayRule | undefined =>
  item.payRules[c] ?? (c === 'general' ? { kind: 'full' } : undefined);

/**
 * The price of `item` for an elder on `onDate`: of the elder's categories with a rule, the one that leaves
 * the elder the least to pay (the first in ELDER_PAY_CATEGORIES' order on a tie).
 */
export function priceFor(item: PricedItem, elder: PricingFacts, onDate: string): Price {
  let best: { share: number; category: ElderPayCategory } | null = null;
  for (const category of payCategoriesOf(elder, onDate)) {
    const rule = ruleOf(item, category);
    if (!rule) continue;
    const share = elderShareUnder(rule, item.priceCents);
    if (!best || share < best.share) best = { share, category };
  }
  const { share, category } = best!;
  return {
    priceCents: item.priceCents,
    elderShareCents: share,
    fundingSource: share < item.priceCents ? 'government' : 'self_pay',
    payCategory: category,
  };
}
