import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { invalidCharPosition, letterCount } from '@yiyang/contracts';
import { DomainError } from './errors.ts';
import { issueCode } from './issues.ts';
import { jsonValue, parseText, reasonText, text } from './text.ts';

test('invalidCharPosition: control characters, lone surrogates, U+FFFD and noncharacters', () => {
  assert.equal(invalidCharPosition('张\u0000三'), 2);
  assert.equal(invalidCharPosition('\u0000'), 1);
  assert.equal(invalidCharPosition('张\ud800三'), 2);
  assert.equal(invalidCharPosition('张三\udc00'), 3);
  assert.equal(invalidCharPosition('a\u0001'), 2);
  assert.equal(invalidCharPosition('a\u007f'), 2);
  assert.equal(invalidCharPosition('a\u0085'), 2);
  assert.equal(invalidCharPosition('a\u009f'), 2);
  assert.equal(invalidCharPosition('a\ufffd'), 2);
  assert.equal(invalidCharPosition('a\uffff'), 2);
  // Positions count characters as a person does: a supplementary character (𠀀, 😀) is one.
  assert.equal(invalidCharPosition('𠀀😀\u0000'), 3);
});

test('invalidCharPosition: tab and line breaks only in multi-line text', () => {
  for (const s of ['a\tb', 'a\nb', 'a\r\nb']) {
    assert.ok(invalidCharPosition(s) > 0, JSON.stringify(s));
    assert.equal(invalidCharPosition(s, { multiline: true }), 0, JSON.stringify(s));
  }
  assert.equal(invalidCharPosition('a\n\u0000', { multiline: true }), 3);
  assert.equal(invalidCharPosition('a\n\ud800', { multiline: true }), 3);
});

test('invalidCharPosition: ordinary text passes', () => {
  for (const s of ['张三华', '欧阳娜娜', 'Zhāng Sān', '𠀀𡘙', '👨‍👩‍👧', '幸福社区3栋2单元501号', '', '  '])
    assert.equal(invalidCharPosition(s), 0, s);
});

test('invalidCharPosition agrees with the definition in Unicode categories (Cc, Cs)', () => {
  const single = /[\p{Cc}\p{Cs}\uFFFD\uFFFE\uFFFF]/u;
  const multi = /[^\P{Cc}\t\n\r]|[\p{Cs}\uFFFD\uFFFE\uFFFF]/u;
  const expected = (s: string, re: RegExp) => {
    const m = re.exec(s);
    return m ? [...s.slice(0, m.index)].length + 1 : 0;
  };
  const tricky = fc.constantFrom(
    ...['\u0000', '\t', '\n', '\r', '\u001f', ' ', '~', '\u007f', '\u0085', '\u009f', '\u00a0', '\ud800'],
    ...['\udbff', '\udc00', '\udfff', '\ud840\udc00', '\ufffc', '\ufffd', '\ufffe', '\uffff', '张', 'a'],
  );
  const text = fc
    .array(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, (s) => {
      assert.equal(invalidCharPosition(s), expected(s, single), JSON.stringify(s));
      assert.equal(invalidCharPosition(s, { multiline: true }), expected(s, multi), JSON.stringify(s));
    }),
    { numRuns: 2000 },
  );
});

test('letterCount: letters only, Chinese included', () => {
  assert.equal(letterCount('核对身份'), 4);
  assert.equal(letterCount('核对 身份。'), 4);
  assert.equal(letterCount('check ID'), 7);
  assert.equal(letterCount('....'), 0);
  assert.equal(letterCount('\u200b\u200b\u200b\u200b'), 0);
  assert.equal(letterCount('\u3000\u00a0\ufeff'), 0);
  assert.equal(letterCount('1234'), 0);
  assert.equal(letterCount('！？，。、'), 0);
  assert.equal(letterCount('𠀀'), 1);
});

/** The codes (and their pointers) a schema gives a value, as the error handler maps them. */
function codes(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('/')}:${issueCode(i).code}`);
}

test('text(): trims, refuses NUL, lone surrogates and control characters with their position', () => {
  const name = text().min(1).max(50);
  assert.equal(name.parse('  张三 '), '张三');
  assert.deepEqual(codes(name, '张\u0000三'), [':common.invalid_characters']);
  assert.deepEqual(codes(name, '张\ud800三'), [':common.invalid_characters']);
  assert.deepEqual(codes(name, '张\n三'), [':common.invalid_characters']);
  const r = name.safeParse(' 张三\u0000');
  assert.equal(r.success, false);
  assert.deepEqual(issueCode(r.error!.issues[0]!).params.position, 3);
});

test('text({ multiline }): line breaks and tabs allowed, NUL is not', () => {
  const note = text({ multiline: true }).max(200);
  assert.equal(note.parse('第一行\n第二行\t完'), '第一行\n第二行\t完');
  assert.deepEqual(codes(note, '第一行\n\u0000'), [':common.invalid_characters']);
});

test('text({ trim: false }): taken as typed (passwords)', () => {
  assert.equal(text({ trim: false }).parse(' pass word '), ' pass word ');
  assert.deepEqual(codes(text({ trim: false }), 'pass\u0000'), [':common.invalid_characters']);
});

test('reasonText: real words of at least the minimum, not blanks, dots or zero-width characters', () => {
  const reveal = reasonText(4, 'elder.reveal_reason_too_short');
  assert.equal(reveal.parse(' 核对身份信息 '), '核对身份信息');
  assert.equal(reveal.parse('verify identity'), 'verify identity');
  for (const thin of [
    '....',
    '\u200b\u200b\u200b\u200b',
    '核对',
    '。。。。。',
    '1234',
    '\u3000\u3000\u3000\u3000',
  ])
    assert.deepEqual(codes(reveal, thin), [':elder.reveal_reason_too_short'], JSON.stringify(thin));
  const r = reveal.safeParse('核对');
  assert.equal(issueCode(r.error!.issues[0]!).params.minimum, 4);
  assert.deepEqual(codes(reasonText(2), '更正\u0000'), [':common.invalid_characters']);
  assert.deepEqual(codes(reasonText(2), '更正'.repeat(251)), [':common.too_long']);
});

test('jsonValue(): every string key and value of any depth follows the text rules', () => {
  const info = z.record(text().max(20), jsonValue());
  assert.deepEqual(info.parse({ 'A.1.1': '张三', 'A.2': ['a\nb', 1, null, { x: true }] }), {
    'A.1.1': '张三',
    'A.2': ['a\nb', 1, null, { x: true }],
  });
  assert.deepEqual(codes(info, { 'A.1.1': '张\u0000三' }), ['A.1.1:common.invalid_characters']);
  assert.deepEqual(codes(info, { a: [1, { b: '\ud800' }] }), ['a/1/b:common.invalid_characters']);
  assert.deepEqual(codes(info, { a: { 'b\u0000': 1 } }), ['a:common.invalid_characters']);
});

test('parseText: a 400 with the pointer it is given', () => {
  assert.equal(parseText(text(), ' a.csv ', '/body/file'), 'a.csv');
  assert.throws(
    () => parseText(text(), 'a\u0000.csv', '/body/file'),
    (err: unknown) =>
      err instanceof DomainError &&
      err.status === 400 &&
      err.fieldErrors[0]?.pointer === '/body/file' &&
      err.fieldErrors[0]?.code === 'common.invalid_characters',
  );
});
