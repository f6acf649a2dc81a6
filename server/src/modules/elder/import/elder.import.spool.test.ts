import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeStaleSpools } from './elder.import.service.ts';

test('stale spooled uploads are removed; recent ones and other files stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yy-spool-test-'));
  const now = new Date('2026-12-04T12:00:00Z');
  const twoDaysAgo = new Date(now.getTime() - 48 * 3_600_000);
  for (const name of ['yy-import-old', 'yy-import-new', 'other-old'])
    writeFileSync(join(dir, name), '姓名,身份证号\n');
  utimesSync(join(dir, 'yy-import-old'), twoDaysAgo, twoDaysAgo);
  utimesSync(join(dir, 'other-old'), twoDaysAgo, twoDaysAgo);
  utimesSync(join(dir, 'yy-import-new'), now, now);
  assert.equal(await removeStaleSpools({ dir, now }), 1);
  assert.deepEqual(readdirSync(dir).sort(), ['other-old', 'yy-import-new']);
});
