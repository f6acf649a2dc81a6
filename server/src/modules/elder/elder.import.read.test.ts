import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvParser } from './elder.import.read.ts';

const parse = (parts: string[]) => {
  const p = new CsvParser();
  const rows = parts.flatMap((part, i) => p.push(part, i === parts.length - 1));
  return rows.map((r) => [r.row, r.values] as const);
};

test('CsvParser: quotes, doubled quotes, line breaks in fields, CR/LF/CRLF, blank lines', () => {
  assert.deepEqual(parse(['a,b\r\nc,"d""e"\n"x\ny",z\n\nlast,']), [
    [1, ['a', 'b']],
    [2, ['c', 'd"e']],
    [3, ['x\ny', 'z']],
    [4, ['']],
    [5, ['last', '']],
  ]);
  // Text after a closing quote stays in the field; a quote inside an unquoted field is literal.
  assert.deepEqual(parse(['"q"tail,a"b\r']), [[1, ['qtail', 'a"b']]]);
});

test('CsvParser: any split into chunks gives the same records', () => {
  const cell = fc.stringMatching(/^[a-z",\r\n张]{0,6}$/);
  const quoted = cell.map((s) => `"${s.replace(/"/g, '""')}"`);
  const record = fc.array(fc.oneof(fc.stringMatching(/^[a-z张 ]{0,6}$/), quoted), {
    minLength: 1,
    maxLength: 4,
  });
  const file = fc.tuple(
    fc.array(record, { minLength: 1, maxLength: 5 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  );
  fc.assert(
    fc.property(file, fc.array(fc.nat(), { maxLength: 4 }), ([records, eol], cuts) => {
      const text = records.map((r) => r.join(',')).join(eol) + eol;
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const parts: string[] = [];
      let from = 0;
      for (const p of points) {
        parts.push(text.slice(from, p));
        from = p;
      }
      parts.push(text.slice(from));
      assert.deepEqual(parse(parts), parse([text]));
      assert.equal(parse([text]).length, records.length);
    }),
  );
});
