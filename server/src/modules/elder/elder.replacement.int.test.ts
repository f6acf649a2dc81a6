import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { dbTargets, multipartFile, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { replacementReport } from './elder.replacement.ts';
import { elders } from './elder.table.ts';
import { ELDER_CIPHER_CONTEXT } from './elder.codec.ts';
import { validIdNumber } from '../../../test/builders.ts';

const id = validIdNumber;
const FFFD = '\uFFFD';

for (const target of await dbTargets()) {
  describe(`elders holding U+FFFD, listed for correction (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let region: string;
    const report = async (regionCode?: string) => {
      const lines: string[] = [];
      const deps = { db: env.platform.db, elders: env.services.elders };
      for await (const line of replacementReport(deps, regionCode ? { regionCode } : {})) lines.push(line);
      return lines;
    };

    before(async () => {
      env = await startTestEnv(target, { env: { LOG_LEVEL: 'error' } });
      community = await env.login('community');
      region = (await community.get('/api/v1/me')).json().regionCode;
    });
    after(() => env?.close());

    test('lists the damaged records (masked, with the fields and whether an import wrote them)', async () => {
      // What the .xlsx reader stored before decision 012: a name through an import, an address by hand.
      // The API and the import now refuse U+FFFD (common.invalid_characters), so the damage is planted
      // under them, the way the old reader's rows reached the table.
      const csv = `姓名,证件号码,所属社区/村代码\n李秀兰,${id('65010219480101223')},${region}\n`;
      const m = multipartFile('elders.csv', 'text/csv', csv);
      const up = await community.request('POST', '/api/v1/elders/import?dryRun=false', m.payload, m.headers);
      assert.equal(up.statusCode, 202, up.body);
      await env.services.imports.drain();
      const byHand = await community.post('/api/v1/elders', {
        name: '王芳',
        idNumber: id('65010219480202223'),
        regionCode: region,
        address: '古南街道幸福社区3栋2单元501号',
      });
      assert.equal(byHand.statusCode, 201, byHand.body);
      const db = env.platform.db;
      await db.execute(
        sql`UPDATE elders SET name = ${`${FFFD.repeat(3)}秀兰`} WHERE name = '李秀兰' AND region_code = ${region}`,
      );
      const damaged = env.platform.cipher.encrypt(
        `古南街道幸福社区3栋${FFFD}${FFFD}501号`,
        ELDER_CIPHER_CONTEXT.address,
      );
      await db.execute(sql`UPDATE elders SET address_enc = ${damaged} WHERE id = ${byHand.json().id}`);
      const imported = (await community.get(`/api/v1/elders?idNumber=${id('65010219480101223')}`)).json()
        .items[0];

      const lines = await report();
      assert.equal(lines.length, 4, lines.join('\n'));
      assert.deepEqual(lines[0]!.split('\t'), ['id', 'region', 'imported', 'fields', 'name', 'address']);
      const rows = lines.slice(1, 3).map((l) => l.split('\t'));
      assert.deepEqual(
        rows.find((r) => r[0] === imported.id),
        [imported.id, region, 'yes', 'name', `${FFFD}***兰`, ''],
      );
      assert.deepEqual(
        rows.find((r) => r[0] === byHand.json().id),
        [byHand.json().id, region, 'no', 'address', '王*', '古南街道幸福社区****'],
      );
      const total = (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(elders))[0]!.n;
      assert.equal(
        lines[3],
        `2 of ${total} records hold U+FFFD (${FFFD}): open each by its id in the console to correct it.`,
      );
      // Nothing of the plain address is printed.
      assert.ok(!lines.join('\n').includes('501号'));
    });

    test('a region limits the scan to its records', async () => {
      const lines = await report('500222');
      assert.match(lines.at(-1)!, /^0 of 0 records/);
      assert.equal(lines.length, 1);
    });
  });
}
