import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../../../platform/errors.ts';
import { gbk } from '../../../../test/encodings.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './elder.import.limits.ts';
import { CsvParser, openRows } from './elder.import.read.ts';

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

// ---------------------------------------------------------------------------
// Whole files: encodings and limits

const dir = mkdtempSync(join(tmpdir(), 'yy-read-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** The data rows openRows reads from a file of `content`, or the code of the DomainError it throws. */
async function readCsv(
  content: Buffer | string,
  limits: Partial<ReadLimits> = {},
): Promise<string[][] | string> {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, content);
  try {
    const source = await openRows(path, 'csv', { read: 0 }, { ...DEFAULT_READ_LIMITS, ...limits });
    const rows: string[][] = [];
    for await (const r of source.rows) rows.push(r.values.map(String));
    return rows;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

const HEADER = 'name,idNumber,regionCode\n';

test('CSV: GBK recognised by its first non-ASCII bytes, even after 64 KiB of ASCII rows', async () => {
  // Pinyin names first, Chinese later: the old 64 KiB sample saw only ASCII, read the file as UTF-8 and
  // stored U+FFFD for every Chinese character.
  let text = HEADER;
  while (text.length < 100_000) text += `Li Xiulan,110101195001019999,500110001001\n`;
  text += '李秀兰,110101195001019999,500110001001\n';
  const rows = await readCsv(gbk(text));
  assert.ok(Array.isArray(rows));
  assert.deepEqual(rows.at(-1), ['李秀兰', '110101195001019999', '500110001001']);
  assert.ok(!rows.flat().some((v) => v.includes('\uFFFD')));
});

test('CSV: a character across the 256 KiB read boundary, at each of its byte offsets, reads whole', async () => {
  const offsets = new Set<string>();
  for (let shift = 0; shift < 13; shift++) {
    let text = HEADER + 'x'.repeat(shift) + ',0,1\n';
    for (let i = 1; text.length < 130_000; i++) text += `${'李秀兰𠀀'.repeat(8)},${i},1\n`;
    const bytes = Buffer.from(text);
    // How far into its character the first byte of the second read is, and how long that character is.
    let into = 0;
    while ((bytes[256 * 1024 - into]! & 0xc0) === 0x80) into++;
    offsets.add(
      `${Buffer.from(String.fromCodePoint(bytes.toString('utf8', 256 * 1024 - into).codePointAt(0)!)).length}+${into}`,
    );
    const expected = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    assert.deepEqual(await readCsv(bytes), expected);
    assert.deepEqual(await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])), expected);
  }
  for (const k of ['3+1', '3+2', '4+1', '4+2', '4+3'])
    assert.ok(offsets.has(k), `${k} in ${[...offsets].join()}`);
  // GBK: 2-byte characters, cut after their first byte.
  let text = HEADER;
  for (let i = 0; text.length < 200_000; i++) text += `${'李秀兰'.repeat(5)}${'。'.repeat(i % 2)},${i},1\n`;
  assert.deepEqual(
    await readCsv(gbk(text)),
    text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')),
  );
});

test('CSV: bytes of another encoding further on refuse the file instead of storing U+FFFD', async () => {
  const utf8 = Buffer.from(`${HEADER}李秀兰,1,1\n`);
  assert.equal(await readCsv(Buffer.concat([utf8, gbk('王芳,2,1\n')])), 'elder.import.bad_encoding');
  // A character cut off at the end of the file.
  assert.equal(
    await readCsv(Buffer.concat([utf8, Buffer.from('张').subarray(0, 2)])),
    'elder.import.bad_encoding',
  );
});

test('CSV: more records than maxRows are refused before any row is read; quoted line breaks do not count', async () => {
  const rows = (n: number) => HEADER + 'x,1,1\n'.repeat(n);
  assert.equal((await readCsv(rows(99), { maxRows: 100 })).length, 99);
  assert.equal(await readCsv(rows(100), { maxRows: 100 }), 'elder.import.too_many_rows');
  assert.equal(await readCsv(rows(100).replace(/\n/g, '\r'), { maxRows: 100 }), 'elder.import.too_many_rows');
  // 150 line breaks, but inside one quoted field: 3 records.
  const quoted = `${HEADER}"${'a\n'.repeat(150)}",1,1\ny,2,1\n`;
  assert.equal((await readCsv(quoted, { maxRows: 100 })).length, 2);
});

test('CSV: a cell over maxCellChars, or an unclosed quote, refuses the file', async () => {
  assert.equal((await readCsv(`${HEADER}${'李'.repeat(100)},1,1\n`, { maxCellChars: 100 })).length, 1);
  assert.equal(
    await readCsv(`${HEADER}${'李'.repeat(101)},1,1\n`, { maxCellChars: 100 }),
    'elder.import.cell_too_long',
  );
  // An open quote: the rest of the file would be one field, rescanned at every chunk.
  const open = `${HEADER}"${'a'.repeat(1024 * 1024)}`;
  assert.equal(await readCsv(open, { maxCellChars: 1000 }), 'elder.import.cell_too_long');
});
