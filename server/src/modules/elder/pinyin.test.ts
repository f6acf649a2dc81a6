import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameSearchKeys } from './pinyin.ts';

test('initials and full pinyin', () => {
  assert.deepEqual(nameSearchKeys('张三华'), { initials: 'zsh', full: 'zhangsanhua' });
  assert.deepEqual(nameSearchKeys(' 王秀英 '), { initials: 'wxy', full: 'wangxiuying' });
});

test('surname readings of 多音字 apply to the surname only', () => {
  assert.deepEqual(nameSearchKeys('单田芳'), { initials: 'stf', full: 'shantianfang' });
  assert.deepEqual(nameSearchKeys('曾国藩'), { initials: 'zgf', full: 'zengguofan' });
  assert.deepEqual(nameSearchKeys('解晓东'), { initials: 'xxd', full: 'xiexiaodong' });
  assert.deepEqual(nameSearchKeys('仇英'), { initials: 'qy', full: 'qiuying' });
  assert.deepEqual(nameSearchKeys('单单'), { initials: 'sd', full: 'shandan' });
  assert.deepEqual(nameSearchKeys('欧阳娜娜'), { initials: 'oynn', full: 'ouyangnana' });
});

test('ü is written v', () => {
  assert.deepEqual(nameSearchKeys('吕秀英'), { initials: 'lxy', full: 'lvxiuying' });
});

test('separators dropped, Latin words kept in lower case', () => {
  assert.deepEqual(nameSearchKeys('买买提·艾力'), { initials: 'mmtal', full: 'maimaitiaili' });
  assert.deepEqual(nameSearchKeys('John Smith'), { initials: 'js', full: 'johnsmith' });
  assert.deepEqual(nameSearchKeys('李Ａ'), { initials: 'la', full: 'lia' });
  assert.deepEqual(nameSearchKeys(''), { initials: '', full: '' });
});

test('unknown Han characters are kept as they are', () => {
  assert.deepEqual(nameSearchKeys('𠮷野'), { initials: '𠮷y', full: '𠮷ye' });
});
