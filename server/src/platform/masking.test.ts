import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskAddress, maskIdNumber, maskName, maskPhone, neutraliseSpreadsheetCell } from './masking.ts';

test('maskIdNumber: first 4 + last 4, length kept', () => {
  assert.equal(maskIdNumber('500110194912310021'), '5001**********0021');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskIdNumber(' 110105491231002 '), '1101*******1002');
  // Short documents keep a quarter at each end.
  assert.equal(maskIdNumber('E12345678'), 'E1*****78');
  assert.equal(maskIdNumber('ABC'), '***');
  assert.equal(maskIdNumber(''), '');
});

test('maskPhone', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('023-48612345'), '023*****2345');
  assert.equal(maskPhone('+8613812345678'), '+86*******5678');
  assert.equal(maskPhone('48612345'), '****2345');
  assert.equal(maskPhone('1234567'), '*******');
  assert.equal(maskPhone(''), '');
});

test('maskName: Chinese names', () => {
  assert.equal(maskName('张三华'), '张*华');
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('张'), '张');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskName('欧阳娜'), '欧*娜');
  assert.equal(maskName(' 王小明 '), '王*明');
  assert.equal(maskName('买买提·艾力'), '买**·*力');
  assert.equal(maskName('𠮷田'), '𠮷*');
});

test('maskName: other names keep the first letter of each word', () => {
  assert.equal(maskName('John Smith'), 'J*** S****');
  assert.equal(maskName('Mary-Jane O'), 'M***-J*** O');
  assert.equal(maskName('J. Smith'), 'J. S****');
  assert.equal(maskName('Li'), 'L*');
  assert.equal(maskName(''), '');
});

test('property: masking keeps length (in code points) and never shows the whole value', () => {
  const text = fc
    .string({ unit: 'grapheme-ascii', minLength: 3, maxLength: 30 })
    .filter((s) => !/[\s.·*-]/.test(s));
  fc.assert(
    fc.property(text, (s) => {
      for (const mask of [maskIdNumber, maskPhone, maskName]) {
        const masked = mask(s);
        assert.equal(Array.from(masked).length, Array.from(s).length);
        assert.notEqual(masked, s);
      }
    }),
  );
});

test('maskAddress keeps down to 社区/小区 level', () => {
  assert.equal(
    maskAddress('重庆市綦江区古南街道幸福社区金桂小区3栋2单元502号'),
    '重庆市綦江区古南街道幸福社区****',
  );
  assert.equal(maskAddress('綦江区文龙街道金科世界城小区8栋1单元1203号'), '綦江区文龙街道金科世界城小区****');
  assert.equal(maskAddress('三角镇红岩村5组38号'), '三角镇红岩村****');
  assert.equal(
    maskAddress('古南街道新村路12号幸福社区3栋'),
    '古南街道新村路12号幸福社区****',
    '社区 before 村',
  );
  assert.equal(maskAddress('通惠街道石佛岗居委会7号'), '通惠街道石佛岗居委会****');
  assert.equal(maskAddress('綦江区沙溪路68号附3号'), '綦江区沙溪路****', 'no marker: first 6 characters');
  assert.equal(maskAddress('沙溪路68号附3号'), '沙溪路68****', 'no marker, short: at most half');
  assert.equal(maskAddress('文化路9号'), '文化路****', 'short: at most half');
  assert.equal(maskAddress('幸福社区3栋', ['栋']), '幸福社区3栋****');
  assert.equal(maskAddress('  '), '');
});

test('neutraliseSpreadsheetCell defuses formulas, keeps numbers', () => {
  for (const s of ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\rx', '=HYPERLINK("http://x")']) {
    assert.equal(neutraliseSpreadsheetCell(s), `'${s}`);
  }
  assert.equal(neutraliseSpreadsheetCell(-12.5), -12.5);
  assert.equal(neutraliseSpreadsheetCell('-12.5'), '-12.5');
  assert.equal(neutraliseSpreadsheetCell('+8613812345678'), '+8613812345678');
  assert.equal(neutraliseSpreadsheetCell('1e5'), '1e5');
  assert.equal(neutraliseSpreadsheetCell('张三'), '张三');
  assert.equal(neutraliseSpreadsheetCell(''), '');
  assert.equal(neutraliseSpreadsheetCell(null), null);
  assert.equal(neutraliseSpreadsheetCell(true), true);
  const d = new Date(0);
  assert.equal(neutraliseSpreadsheetCell(d), d);
});
