import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkStandards } from './facility.standards.ts';

const base = { regionCode: '500110001010', floorAreaM2: 250, beds: 0, nursingBeds: 0, zones: [] as string[] };
const missing = (r: ReturnType<typeof checkStandards>) =>
  r.items.filter((i) => !i.ok && !i.advisory).map((i) => i.code);

describe('facility standards (000 附件1, 002 §四(二))', () => {
  test('a community station needs 300 m², 200 m² where fewer than 300 elders live', () => {
    const zones = ['leisure', 'education', 'daily_care', 'health'];
    assert.deepEqual(missing(checkStandards({ ...base, tier: 'community_station', zones }, 300)), [
      'floor_area',
    ]);
    const few = checkStandards({ ...base, tier: 'community_station', zones }, 299);
    assert.equal(few.fewElders, true);
    assert.deepEqual(missing(few), []);
    assert.equal(few.items[0]!.required, 200);
    assert.deepEqual(missing(checkStandards({ ...base, tier: 'community_station', zones: [] }, 10)), [
      'zone:leisure',
      'zone:education',
      'zone:daily_care',
      'zone:health',
    ]);
  });
  test('a street centre needs 1,500 m² and 20 beds; a town centre 800 m², nursing beds advisory', () => {
    const street = checkStandards(
      { ...base, tier: 'street_centre', regionCode: '500110001000', floorAreaM2: 1500, beds: 19 },
      null,
    );
    assert.ok(missing(street).includes('beds'));
    assert.ok(!missing(street).includes('floor_area'));
    const town = checkStandards(
      { ...base, tier: 'town_centre', regionCode: '500110108000', floorAreaM2: 799 },
      null,
    );
    assert.ok(missing(town).includes('floor_area'));
    assert.ok(!missing(town).includes('nursing_beds'));
    assert.equal(town.items.find((i) => i.code === 'nursing_beds')!.ok, false);
  });
  test('a village point: 300 m², 100 m² with few elders; unknown area is missing', () => {
    const v = { ...base, tier: 'village_point', regionCode: '500110108200' };
    assert.deepEqual(missing(checkStandards({ ...v, floorAreaM2: 120 }, 299)), []);
    assert.deepEqual(missing(checkStandards({ ...v, floorAreaM2: 120 }, 300)), ['floor_area']);
    assert.deepEqual(missing(checkStandards({ ...v, floorAreaM2: null }, 10)), ['floor_area']);
  });
  test('tiers without a standard have an empty checklist', () => {
    assert.deepEqual(checkStandards({ ...base, tier: 'nursing_home' }, 10).items, []);
  });
});
