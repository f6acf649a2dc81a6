import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  elderShareUnder,
  payCategoriesOf,
  priceFor,
  type PricedItem,
  type PricingFacts,
} from './service.pricing.ts';

const item: PricedItem = {
  priceCents: 6000,
  payRules: {
    extreme_poverty: { kind: 'free' },
    subsistence_allowance: { kind: 'subsidy', amountCents: 4500 },
    low_income: { kind: 'share', percent: 50 },
    advanced_age: { kind: 'subsidy', amountCents: 2000 },
    incapacitated: { kind: 'share', percent: 30 },
  },
};
const elder = (over: Partial<PricingFacts> = {}): PricingFacts => ({
  tags: [],
  birthDate: '1950-06-01',
  status: 'active',
  ...over,
});

describe('priceFor: the one price function', () => {
  test('an elder in no category pays the full price, self-paid', () => {
    assert.deepEqual(priceFor(item, elder(), '2026-12-06'), {
      priceCents: 6000,
      elderShareCents: 6000,
      fundingSource: 'self_pay',
      payCategory: 'general',
    });
  });

  test('特困 is free, bought by the government', () => {
    const p = priceFor(item, elder({ tags: ['extreme_poverty'] }), '2026-12-06');
    assert.equal(p.elderShareCents, 0);
    assert.equal(p.fundingSource, 'government');
    assert.equal(p.payCategory, 'extreme_poverty');
  });

  test('a fixed subsidy, a share, and the most favourable of several categories', () => {
    assert.equal(
      priceFor(item, elder({ tags: ['subsistence_allowance'] }), '2026-12-06').elderShareCents,
      1500,
    );
    assert.equal(priceFor(item, elder({ tags: ['low_income'] }), '2026-12-06').elderShareCents, 3000);
    const both = priceFor(item, elder({ tags: ['low_income', 'disabled'] }), '2026-12-06');
    assert.deepEqual([both.elderShareCents, both.payCategory], [1800, 'incapacitated']);
  });

  test('高龄 is derived from the birth date on the day of the service (80th birthday included)', () => {
    const facts = elder({ birthDate: '1946-12-07' });
    assert.equal(priceFor(item, facts, '2026-12-06').payCategory, 'general');
    assert.equal(priceFor(item, facts, '2026-12-07').payCategory, 'advanced_age');
    assert.equal(priceFor(item, facts, '2026-12-07').elderShareCents, 4000);
  });

  test('失能 comes from the assessment tags semi_disabled and disabled', () => {
    assert.deepEqual(payCategoriesOf(elder({ tags: ['semi_disabled'] }), '2026-12-06'), [
      'incapacitated',
      'general',
    ]);
    assert.deepEqual(payCategoriesOf(elder({ tags: ['cognitive_impairment'] }), '2026-12-06'), ['general']);
  });

  test('a moved-out or deceased elder gets no public money', () => {
    const p = priceFor(item, elder({ tags: ['extreme_poverty'], status: 'deceased' }), '2026-12-06');
    assert.deepEqual([p.elderShareCents, p.fundingSource], [6000, 'self_pay']);
  });

  test('a general rule applies to everyone; a category without a rule falls back to it', () => {
    const cheap: PricedItem = { priceCents: 1000, payRules: { general: { kind: 'share', percent: 20 } } };
    assert.equal(priceFor(cheap, elder({ tags: ['disability'] }), '2026-12-06').elderShareCents, 200);
    assert.equal(priceFor(cheap, elder({ tags: ['disability'] }), '2026-12-06').payCategory, 'general');
  });

  test('shares are whole cents, never below zero or above the price', () => {
    assert.equal(elderShareUnder({ kind: 'share', percent: 33 }, 1001), 330);
    assert.equal(elderShareUnder({ kind: 'subsidy', amountCents: 9999 }, 1000), 0);
    assert.equal(elderShareUnder({ kind: 'share', percent: 100 }, 1000), 1000);
  });
});
