import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Test files: a zip written entry by entry from generated chunks, deflated as they come, so that a
 * small file can stand for a huge one (a 300 MiB worksheet in ~300 KB) without the test holding it.
 * Sizes and CRC go in the local headers, as Excel writes them.
 */
export interface ZipEntrySource {
  name: string;
  /** The entry's bytes, in pieces (strings as UTF-8). */
  chunks: Iterable<Buffer | string>;
  /** The size the headers declare — a zip bomb may lie (default: the real size). */
  declaredSize?: number;
}

async function deflated(chunks: Iterable<Buffer | string>) {
  const z = createDeflateRaw();
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!z.write(bytes)) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return { data: Buffer.concat(out), crc, size };
}

export async function zipOf(entries: ZipEntrySource[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, crc, size } = await deflated(e.chunks);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.declaredSize ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    local.copy(dir, 6, 4, 30); // version needed … name length
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * An .xlsx of one worksheet whose XML is `sheetData` (the `<row>` elements) — first in the zip, as Excel
 * writes it — declaring `declaredSize` bytes for the worksheet if given.
 */
export function xlsxOf(sheetData: Iterable<Buffer | string>, declaredSize?: number): Promise<Buffer> {
  function* sheet() {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`;
    yield* sheetData;
    yield '</sheetData></worksheet>';
  }
  return zipOf([
    { name: 'xl/worksheets/sheet1.xml', chunks: sheet(), ...(declaredSize ? { declaredSize } : {}) },
    {
      name: 'xl/workbook.xml',
      chunks: [
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="老年人信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: [
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ],
    },
  ]);
}

/** A row of inline-string cells. */
export function xlsxRow(r: number, values: string[]): string {
  const cells = values.map(
    (v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`,
  );
  return `<row r="${r}">${cells.join('')}</row>`;
}
