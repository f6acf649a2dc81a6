import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { newElder as buildElder, validIdNumber } from '../../../test/builders.ts';

/**
 * Immediate reassessment triggers (PRODUCT.md §4.3) arrive as events from the
 * registry: hospital discharge (status hospitalised → active) and a newly
 * recorded dementia diagnosis (ICD-10 F00–F03). Each makes one automatic
 * application; repeating the event does not make a second one.
 */
for (const target of await dbTargets()) {
  describe(`assessment triggers (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let regionCode: string;

    before(async () => {
      env = await startTestEnv(target);
      community = await env.login('community');
      regionCode = (await community.get('/api/v1/me')).json().regionCode as string;
    });
    after(() => env?.close());

    const newElder = (first17: string) =>
      buildElder(community, regionCode, {
        name: '触发测试',
        idNumber: validIdNumber(first17),
        health: { chronicDiseases: ['I10'] },
      });
    /** The elder's assessments, waiting for the event to be relayed (at most a few seconds). */
    const applications = async (elderId: string, want: number) => {
      for (let i = 0; ; i++) {
        const items = (await community.get(`/api/v1/assessments?elderId=${elderId}`)).json().items as {
          reason: string;
          source: string;
          status: string;
        }[];
        if (items.length >= want || i === 50) return items;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    test('hospital discharge applies automatically, once', async () => {
      const e = await newElder('65010219440101123');
      const status = (s: string, date: string) =>
        community.post(`/api/v1/elders/${e.id}/status`, { status: s, date, reason: '住院' });
      assert.equal((await status('hospitalised', '2026-10-01')).statusCode, 200);
      assert.deepEqual(await applications(e.id, 1), [], 'admission alone is no trigger');
      assert.equal((await status('active', '2026-10-20')).statusCode, 200);
      const [a] = await applications(e.id, 1);
      assert.equal(a?.reason, 'hospital_discharge');
      assert.equal(a?.source, 'automatic');
      assert.equal(a?.status, 'applied');
      // A second discharge while that application is open adds nothing.
      await status('hospitalised', '2026-10-25');
      await status('active', '2026-11-01');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await applications(e.id, 2)).length, 1);
    });

    test('a newly recorded dementia diagnosis applies automatically; other edits do not', async () => {
      const e = await newElder('65010219430202123');
      const edit = async (body: Record<string, unknown>) => {
        const cur = (await community.get(`/api/v1/elders/${e.id}`)).json() as { version: number };
        const res = await community.request('PATCH', `/api/v1/elders/${e.id}`, {
          ...body,
          version: cur.version,
          reason: '随访更新',
        });
        assert.equal(res.statusCode, 200, res.body);
      };
      await edit({ address: '古南街道1号' });
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await applications(e.id, 1), []);
      await edit({ health: { chronicDiseases: ['I10', 'F03'] } });
      const [a] = await applications(e.id, 1);
      assert.equal(a?.reason, 'dementia_diagnosis');
      assert.equal(a?.source, 'automatic');
    });
  });
}
