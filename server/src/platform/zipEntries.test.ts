import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from './exceljs.ts';
import type { Duplex } from 'node:stream';
import { fixZipEarlyEnd } from './zipEntries.ts';

// The module object exceljs requires, whose Parse fixZipEarlyEnd wraps.
const unzipper = createRequire(import.meta.url)('unzipper') as { Parse(opts?: object): Duplex };
const zipParse = (opts?: object) => unzipper.Parse(opts);

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('老年人信息').addRow(['姓名', '身份证号']);
  wb.addWorksheet('说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('zip entries still buffered when the input is used up are read before the stream ends', async () => {
  fixZipEarlyEnd();
  const zip = zipParse({ forceStream: true });
  const paths: string[] = [];
  let endedWith: number | null = null;
  zip.on('data', (entry: { path: string; autodrain(): unknown }) => {
    paths.push(entry.path);
    entry.autodrain();
  });
  zip.on('end', () => (endedWith ??= zip.readableLength));
  // A reader busy with an earlier entry: exceljs pauses the stream meanwhile.
  zip.pause();
  Readable.from([await workbook()]).pipe(zip);
  await once(zip, 'finish');
  assert.ok(zip.readableLength > 0, 'entries wait in the readable buffer');
  await new Promise((r) => setImmediate(r));
  assert.equal(endedWith, null, 'no end while entries wait');
  zip.resume();
  if (endedWith === null) await once(zip, 'end');
  assert.equal(endedWith, 0);
  assert.ok(paths.includes('xl/workbook.xml'), paths.join());
  assert.ok(paths.includes('xl/worksheets/sheet2.xml'), paths.join());
});

test('a zip cut short still ends (or fails) instead of waiting for ever', async () => {
  fixZipEarlyEnd();
  const whole = await workbook();
  const zip = zipParse({ forceStream: true });
  zip.on('data', (entry: { autodrain(): unknown }) => entry.autodrain());
  const outcome = new Promise<string>((resolve) => {
    zip.on('end', () => resolve('end'));
    zip.on('error', () => resolve('error'));
  });
  Readable.from([whole.subarray(0, Math.floor(whole.length / 2))]).pipe(zip);
  assert.ok(['end', 'error'].includes(await outcome));
});

test('exceljs loads the same unzipper module that is fixed', () => {
  const here = createRequire(new URL('./zipEntries.ts', import.meta.url));
  const fromExceljs = createRequire(here.resolve('exceljs'));
  assert.equal(fromExceljs.resolve('unzipper'), here.resolve('unzipper'));
});
