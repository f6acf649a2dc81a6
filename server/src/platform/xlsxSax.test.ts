import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from './exceljs.ts';
import { TextEncodingError } from './textDecoding.ts';
import { parseSax, saxFixInstalled, type SaxEvent } from './xlsxSax.ts';

// 2-, 3- and 4-byte UTF-8 characters (é, CJK, CJK Extension B), in text, in an attribute and in an entity.
const DOC =
  '<?xml version="1.0"?><si a="é李"><t>李秀兰 𠀀é</t><t>&amp;王𠀀</t><t xml:space="preserve"> 张 </t></si>';

async function eventsOf(chunks: (Uint8Array | string)[]): Promise<SaxEvent[]> {
  const out: SaxEvent[] = [];
  for await (const events of parseSax(Readable.from(chunks, { objectMode: true }))) out.push(...events);
  return out;
}

/** Where the bytes of the stored (not deflated) part `path` are in a zip file: [from, to). */
function storedPart(zip: Buffer, path: string): [number, number] {
  // Local file headers: signature, …, size at +18, name and extra-field lengths at +26 and +28, name at +30.
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const nameEnd = at + 30 + zip.readUInt16LE(at + 26);
    const from = nameEnd + zip.readUInt16LE(at + 28);
    const to = from + zip.readUInt32LE(at + 18);
    if (zip.toString('utf8', at + 30, nameEnd) === path) return [from, to];
    at = to;
  }
  throw new Error(`${path} is not in the zip`);
}

/** `bytes` cut into pieces of `size` (the last one shorter). */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

test('parseSax: a character cut at any byte of a chunk boundary reads whole', async () => {
  const bytes = Buffer.from(DOC);
  const whole = await eventsOf([bytes]);
  assert.deepEqual(
    whole.filter((e) => e.eventType === 'text').map((e) => e.value),
    ['李秀兰 𠀀é', '&王𠀀', ' 张 '],
  );
  // Two chunks, cut at every byte offset: every offset inside every multi-byte character.
  for (let cut = 0; cut <= bytes.length; cut++)
    assert.deepEqual(await eventsOf([bytes.subarray(0, cut), bytes.subarray(cut)]), whole, `cut at ${cut}`);
  // Many small chunks: a character spread over up to four of them.
  for (const size of [1, 2, 3, 5, 7])
    assert.deepEqual(await eventsOf(pieces(bytes, size)), whole, `chunks of ${size} bytes`);
});

test('parseSax: UTF-16 parts (byte-order mark) and a UTF-8 byte-order mark', async () => {
  const utf8 = await eventsOf([Buffer.from(DOC)]);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOC, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  for (const bytes of [le, be, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOC)])])
    assert.deepEqual(await eventsOf(pieces(bytes, 3)), utf8);
});

test('parseSax: bytes that are not UTF-8, or a character cut off at the end, are refused', async () => {
  const bytes = Buffer.from(DOC);
  const at = bytes.indexOf(Buffer.from('李'));
  const broken = Buffer.from(bytes);
  broken[at + 1] = 0x41; // a continuation byte replaced by "A"
  await assert.rejects(eventsOf(pieces(broken, 4)), TextEncodingError);
  await assert.rejects(eventsOf([Buffer.from('<t>李'), Buffer.from('秀').subarray(0, 2)]), TextEncodingError);
  // Malformed XML still fails as before.
  await assert.rejects(eventsOf([Buffer.from('<a><b></a>')]), /close tag/);
});

test('exceljs, as the app loads it, reads its XML through parseSax', () => {
  assert.ok(saxFixInstalled());
});

const NAMES = ['李秀兰', '欧阳𠀀娜', 'Zoë 张', '王\u00a0芳'];

/** The values of every row of every sheet, read by exceljs's streaming reader from `chunks`. */
async function readAll(chunks: Buffer[]): Promise<unknown[][]> {
  const input = new PassThrough();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    entries: 'emit',
  });
  // Written while the reader reads, with backpressure: the parts arrive in pieces of that size.
  const feeding = (async () => {
    for (const c of chunks) if (!input.write(c)) await new Promise((r) => input.once('drain', r));
    input.end();
  })();
  const rows: unknown[][] = [];
  for await (const sheet of reader)
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
      rows.push((row.values as unknown[]).slice(1));
  await feeding;
  return rows;
}

test('the streaming reader: shared strings that arrive a byte at a time (every offset of every character)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('老年人信息');
  const expected = NAMES.map((n, i) => [n, `${n}的地址${i}`]);
  for (const r of expected) ws.addRow(r);
  // Stored, not deflated: a part's bytes reach the XML reader in the pieces the file is fed in. The shared
  // strings (all the text) are fed one byte at a time, the rest of the file at once.
  const file = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  const [from, to] = storedPart(file, 'xl/sharedStrings.xml');
  const chunks = [file.subarray(0, from), ...pieces(file.subarray(from, to), 1), file.subarray(to)];
  assert.deepEqual(await readAll(chunks), expected);
});

interface ZipDirectory {
  files: { path: string; buffer(): Promise<Buffer> }[];
}
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { buffer(b: Buffer): Promise<ZipDirectory> };
};

/** Where byte `at` of `text`'s UTF-8 falls: [UTF-8 length of that character, offset inside it]. */
function straddle(xml: Buffer, at: number): [number, number] {
  let start = at;
  while (start > 0 && (xml[start]! & 0xc0) === 0x80) start--;
  const lead = xml[start]!;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return [length, at - start];
}

test('the streaming reader: a worksheet spooled to a temp file, a character across each 64 KiB boundary', async () => {
  // exceljs spools a worksheet that comes before the shared strings to a temp file and reads it back in
  // 64 KiB pieces. Inline strings keep the text in the worksheet; shifting it by 0–12 bytes puts the
  // bytes at 64 KiB inside 3- and 4-byte characters at every offset.
  const text = '李秀兰𠀀'.repeat(40);
  const seen = new Set<string>();
  for (let shift = 0; shift < 13; shift++) {
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = wb.addWorksheet('老年人信息');
    const expected: string[][] = [['x'.repeat(shift + 1)]];
    for (let i = 0; i < 130; i++) expected.push([`${i}${text}`]);
    for (const r of expected) ws.addRow(r).commit();
    await wb.commit();
    const file = Buffer.concat(parts);
    const dir = await unzipper.Open.buffer(file);
    const names = dir.files.map((f) => f.path);
    assert.ok(names.indexOf('xl/worksheets/sheet1.xml') < names.indexOf('xl/_rels/workbook.xml.rels'));
    const xml = await dir.files.find((f) => f.path === 'xl/worksheets/sheet1.xml')!.buffer();
    for (let at = 65536; at < xml.length; at += 65536) seen.add(straddle(xml, at).join('+'));
    const rows = await readAll([file]);
    assert.deepEqual(rows, expected, `shift ${shift}`);
  }
  // Every way a 64 KiB boundary can cut a 3- or a 4-byte character was read.
  for (const k of ['3+1', '3+2', '4+1', '4+2', '4+3']) assert.ok(seen.has(k), `${k} in ${[...seen].join()}`);
});
