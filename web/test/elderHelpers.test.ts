import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_FILTERS,
  ageBandRange,
  bubbleSize,
  buildListQuery,
  changedFields,
  classifyExactSearch,
  geoErrorKind,
  historyValueText,
  idNumberReady,
  invalidTagRanges,
  loadHiddenColumns,
  roundCoord,
  saveHiddenColumns,
  statsToScatter,
  tagIsCurrent,
  todayCst,
  statsRows,
  historyChanges,
  historyActor,
  consentRecord,
  type StorageLike,
} from '../src/modules/elder/elderHelpers.ts';
import zhCN from '../src/i18n/zh-CN.ts';
import enUS from '../src/i18n/en-US.ts';
import {
  ELDER_CHRONIC_DISEASES,
  ELDER_CONSENT_SCOPES,
  ELDER_FAMILY_RELATIONSHIPS,
  ELDER_ID_TYPES,
  ELDER_LIVING_SITUATIONS,
  ELDER_STATUSES,
  ELDER_TAG_CODES,
} from '@yiyang/contracts';

test('age bands become ageMin/ageMax', () => {
  assert.deepEqual(ageBandRange('60-69'), { ageMin: 60, ageMax: 69 });
  assert.deepEqual(ageBandRange('90-99'), { ageMin: 90, ageMax: 99 });
  assert.deepEqual(ageBandRange('100+'), { ageMin: 100 });
});

test('the exact box tells phones from ID numbers', () => {
  assert.deepEqual(classifyExactSearch('138 0013 8000'), { phone: '13800138000' });
  assert.deepEqual(classifyExactSearch('+8613800138000'), { phone: '13800138000' });
  assert.deepEqual(classifyExactSearch('11010519491231002x'), { idNumber: '11010519491231002X' });
  // Full-width digits (Chinese IME) are normalised.
  assert.deepEqual(classifyExactSearch('１１０１０５１９４９１２３１００２Ｘ'), {
    idNumber: '11010519491231002X',
  });
  assert.equal(classifyExactSearch('  '), null);
  assert.equal(classifyExactSearch('123'), null);
});

test('list query leaves empty filters out and joins tags', () => {
  assert.deepEqual(buildListQuery(EMPTY_FILTERS, null), {
    regionCode: undefined,
    tags: undefined,
    status: undefined,
    livingSituation: undefined,
    q: undefined,
  });
  const q = buildListQuery(
    {
      tags: ['extreme_poverty', 'disability'],
      ageBand: '80-89',
      status: 'active',
      livingSituation: 'alone',
      q: ' wxl ',
      exact: '13800138000',
    },
    '500110001001',
  );
  assert.deepEqual(q, {
    regionCode: '500110001001',
    tags: 'extreme_poverty,disability',
    ageMin: 80,
    ageMax: 89,
    status: 'active',
    livingSituation: 'alone',
    q: 'wxl',
    phone: '13800138000',
  });
});

test('an ID number is checked only once complete', () => {
  assert.equal(idNumberReady('resident_id', '1101051949'), false);
  assert.equal(idNumberReady('resident_id', '11010519491231002X'), true);
  assert.equal(idNumberReady('resident_id', '110105491231002'), true);
  assert.equal(idNumberReady('passport', 'E1234'), true);
  assert.equal(idNumberReady('passport', 'E12'), false);
});

test('hidden columns survive reloads and ignore junk', () => {
  const mem = new Map<string, string>();
  const storage: StorageLike = { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v) };
  const known = ['a', 'b', 'c'];
  assert.deepEqual(loadHiddenColumns(storage, 'k', known, ['c']), ['c']);
  saveHiddenColumns(storage, 'k', ['a', 'a', 'b']);
  assert.deepEqual(loadHiddenColumns(storage, 'k', known, ['c']), ['a', 'b']);
  mem.set('k', JSON.stringify(['a', 'gone', 3]));
  assert.deepEqual(loadHiddenColumns(storage, 'k', known, ['c']), ['a']);
  mem.set('k', '{not json');
  assert.deepEqual(loadHiddenColumns(storage, 'k', known, ['c']), ['c']);
  assert.deepEqual(loadHiddenColumns(null, 'k', known, ['c']), ['c']);
  const throwing: StorageLike = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('full');
    },
  };
  assert.deepEqual(loadHiddenColumns(throwing, 'k', known, []), []);
  assert.doesNotThrow(() => saveHiddenColumns(throwing, 'k', ['a']));
});

test('stats become scatter points; regions without coordinates are listed apart', () => {
  const r = statsToScatter([
    { regionCode: '1', regionName: 'A', count: 10, lat: 29.0, lng: 106.6 },
    { regionCode: '2', regionName: 'B', count: 40, lat: 29.1, lng: 106.7 },
    { regionCode: '3', regionName: 'C', count: 5 },
    { regionCode: '4', regionName: 'D', count: 1, lat: null, lng: 106.0 },
  ]);
  assert.equal(r.points.length, 2);
  assert.deepEqual(r.points[0], { value: [106.6, 29.0, 10], name: 'A', code: '1' });
  assert.deepEqual(
    r.unplaced.map((u) => u.regionCode),
    ['3', '4'],
  );
  assert.equal(r.max, 40);
  assert.equal(r.total, 56);
});

test('bubble sizes grow with the square root of the count', () => {
  assert.equal(bubbleSize(0, 100), 10);
  assert.equal(bubbleSize(100, 100), 56);
  assert.equal(bubbleSize(25, 100), 33);
  assert.equal(bubbleSize(500, 100), 56);
  assert.equal(bubbleSize(5, 0), 10);
});

test('geolocation errors and coordinates', () => {
  assert.equal(geoErrorKind(1), 'denied');
  assert.equal(geoErrorKind(2), 'unavailable');
  assert.equal(geoErrorKind(3), 'timeout');
  assert.equal(geoErrorKind(null), 'unsupported');
  assert.equal(roundCoord(29.123456789), 29.123457);
});

test('tag validity and ranges', () => {
  assert.equal(tagIsCurrent({ validFrom: null, validTo: null }, '2026-05-01'), true);
  assert.equal(tagIsCurrent({ validFrom: '2026-06-01', validTo: null }, '2026-05-01'), false);
  assert.equal(tagIsCurrent({ validFrom: '2026-01-01', validTo: '2026-04-30' }, '2026-05-01'), false);
  assert.equal(tagIsCurrent({ validFrom: '2026-01-01', validTo: '2026-05-01' }, '2026-05-01'), true);
  assert.deepEqual(
    invalidTagRanges([
      { validFrom: '2026-01-01', validTo: '2025-01-01' },
      { validFrom: '2026-01-01', validTo: null },
    ]),
    [0],
  );
});

test('history values and changed fields', () => {
  assert.equal(historyValueText(null), '—');
  assert.equal(historyValueText(['a', 'b']), 'a、b');
  assert.equal(historyValueText(true), 'true');
  assert.equal(historyValueText({ a: 1 }), '{"a":1}');
  assert.deepEqual(
    changedFields(
      { livingSituation: 'alone', lat: 29, tags: ['x'] },
      { livingSituation: 'alone', lat: 30, tags: ['x'], lng: undefined },
    ),
    { lat: 30 },
  );
});

test('today is the date in China Standard Time', () => {
  assert.equal(todayCst(new Date('2026-05-01T16:30:00Z')), '2026-05-02');
  assert.equal(todayCst(new Date('2026-05-01T15:59:00Z')), '2026-05-01');
});

test('every vocabulary code has a label in both languages', () => {
  for (const m of [zhCN, enUS]) {
    for (const c of ELDER_ID_TYPES) assert.ok(m.elder.idTypes[c], c);
    for (const c of ELDER_LIVING_SITUATIONS) assert.ok(m.elder.livingSituations[c], c);
    for (const c of ELDER_TAG_CODES) assert.ok(m.elder.tagCodes[c], c);
    for (const c of ELDER_STATUSES) assert.ok(m.elder.statuses[c], c);
    for (const c of ELDER_CHRONIC_DISEASES) assert.ok(m.elder.diseases[c], c);
    for (const c of ELDER_FAMILY_RELATIONSHIPS) assert.ok(m.elder.family.relationships[c], c);
    for (const c of ELDER_CONSENT_SCOPES) assert.ok(m.elder.family.consentScopes[c], c);
  }
});

// The keys elder versions hold (server elder.rules.ts maskedSnapshot, setTags, family): each has a label.
const HISTORY_KEYS = [
  ...['name', 'idType', 'idNumber', 'birthDate', 'sex', 'phone', 'address', 'householdLocal'],
  ...['householdAddress', 'residenceSince', 'location', 'livingSituation', 'ethnicity', 'education'],
  ...['maritalStatus', 'economicSources', 'health', 'status', 'statusDate', 'tags', 'validFrom', 'family'],
];

test('every field a 变更记录 shows has a label in both languages', () => {
  for (const m of [zhCN, enUS]) {
    const labels: Record<string, unknown> = { ...m.elder, ...m.elder.history.fields };
    for (const k of HISTORY_KEYS) assert.equal(typeof labels[k], 'string', `${k} in ${m.elder.title}`);
  }
});

test('a change between two empty values is no row', () => {
  assert.deepEqual(historyChanges({ before: { tags: [] }, after: { tags: null, status: 'active' } }), [
    { field: 'status', before: null, after: 'active' },
  ]);
});

test('stats rows from the server shape (children[].total)', () => {
  const stats = { regionCode: null, regionName: null, total: 3, byStatus: {}, byAgeBand: {}, byTag: {} };
  const child = { regionCode: '1', regionName: 'A', kind: 'community', total: 3 };
  assert.deepEqual(statsRows({ ...stats, children: [{ ...child, lat: null, lng: null }] }), [
    { regionCode: '1', regionName: 'A', count: 3, lat: null, lng: null },
  ]);
  assert.deepEqual(statsRows({ ...stats, children: [{ ...child, lat: 29.1, lng: 106.5 }] }), [
    { regionCode: '1', regionName: 'A', count: 3, lat: 29.1, lng: 106.5 },
  ]);
  assert.deepEqual(statsRows(undefined), []);
});

test('history rows from before/after snapshots', () => {
  const h = {
    version: 2,
    changedAt: '2026-05-01T00:00:00Z',
    changedBy: { id: 'u1', name: '张社工' },
    reason: '搬家',
    before: { livingSituation: 'alone', phone: '138****0000', version: 1 },
    after: { livingSituation: 'with_children', phone: '138****0000', version: 2, lat: 29.1 },
  };
  assert.deepEqual(historyChanges(h), [
    { field: 'livingSituation', before: 'alone', after: 'with_children' },
    { field: 'lat', before: null, after: 29.1 },
  ]);
  assert.equal(historyActor(h), '张社工');
  assert.deepEqual(historyChanges({ before: null, after: { phone: '138****0000', version: 1 } }), [
    { field: 'phone', before: null, after: '138****0000' },
  ]);
});

test('a ticked consent box becomes a consent record', () => {
  assert.equal(consentRecord(false), null);
  assert.deepEqual(consentRecord(true, new Date('2026-05-01T00:00:00Z')), {
    consentedAt: '2026-05-01T00:00:00.000Z',
    scope: ['personal_info', 'services'],
    version: '1',
  });
});
