import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boolean, date, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { copyLine, copyTarget } from './copy.ts';

const t = pgTable('t', {
  id: uuid('id'),
  name: text('name'),
  tags: text('tags').array(),
  ok: boolean('ok'),
  day: date('day', { mode: 'string' }),
  n: integer('n'),
  doc: jsonb('doc'),
});

test('copyLine: COPY text format through the columns’ own encodings', () => {
  const target = copyTarget(t, ['id', 'name', 'tags', 'ok', 'day', 'n', 'doc']);
  assert.equal(target.table, 't');
  const line = copyLine(target, {
    id: '00000000-0000-0000-0000-000000000001',
    name: 'a\tb\\c\nd\re',
    tags: ['x', 'y z', 'q"'],
    ok: false,
    day: '2025-06-01',
    n: 3,
    doc: { a: '甲\n' },
  });
  assert.equal(
    line,
    '00000000-0000-0000-0000-000000000001\ta\\tb\\\\c\\nd\\re\t{"x","y z","q\\\\""}\tfalse\t2025-06-01\t3\t{"a":"甲\\\\n"}\n',
  );
  assert.equal(copyLine(copyTarget(t, ['name', 'doc']), { name: null }), '\\N\t\\N\n');
  assert.throws(() => copyTarget(t, ['nope']), /no column "nope"/);
});
