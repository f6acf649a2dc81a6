import { createRequire, Module } from 'node:module';
import { SaxesParser } from 'saxes';
import { XmlChunkDecoder } from './textDecoding.ts';

/**
 * A fix for exceljs 4.4's XML reader (`exceljs/lib/utils/parse-sax.js`), which every part of an .xlsx
 * goes through: workbook, shared strings, styles and, in the streaming reader, every worksheet.
 *
 * It decoded each chunk of a part on its own (`new TextDecoder().decode(chunk)`, no `stream: true`), so a
 * character that straddled two chunks — 64 KiB pieces of a worksheet spooled to a temp file, 16 KiB pieces
 * of inflated shared strings — became U+FFFD on both sides: 李秀兰 was stored as ���秀兰 without any error
 * (exceljs#2063, #2084; the fixes proposed upstream since 2021 are unmerged). `parseSax` below is the same
 * parser with one streaming decoder per part, which also refuses bytes that are not text instead of
 * replacing them (TextEncodingError).
 *
 * exceljs takes the function once, when its modules load (`const parseSax = require(…)`), so it cannot be
 * patched afterwards: `installSaxFix()` puts this module in Node's module cache under parse-sax.js's path
 * before exceljs is loaded. `platform/exceljs.ts` does that and is the only module that imports exceljs
 * (an ESLint rule enforces it); installing after exceljs has loaded throws.
 */

export interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

/** The events of an XML document read from `chunks`, one array per chunk (parse-sax.js's contract). */
export async function* parseSax(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (err) => {
    error ??= err;
  });
  let events: SaxEvent[] = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new XmlChunkDecoder();
  const write = (text: string) => {
    if (text) parser.write(text);
    // write() emits synchronously: every event of the chunk is in `events` now.
    if (error) throw error;
  };
  for await (const chunk of chunks) {
    write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield events;
    events = [];
  }
  write(decoder.end());
  if (events.length) yield events;
}

const here = createRequire(import.meta.url);
/** exceljs's module, as exceljs itself resolves it. */
const PARSE_SAX = createRequire(here.resolve('exceljs')).resolve('./lib/utils/parse-sax.js');

/** Makes `require('…/parse-sax')` inside exceljs return `parseSax` (idempotent); throws if too late. */
export function installSaxFix(): void {
  const cached = here.cache[PARSE_SAX];
  if (cached?.exports === parseSax) return;
  if (cached)
    throw new Error(
      'exceljs was loaded before its XML reader was replaced: import ExcelJS from platform/exceljs.ts only',
    );
  const module = new Module(PARSE_SAX);
  module.filename = PARSE_SAX;
  module.loaded = true;
  module.exports = parseSax;
  here.cache[PARSE_SAX] = module;
}

/** Whether exceljs, as loaded, reads XML through `parseSax`. */
export function saxFixInstalled(): boolean {
  return here.cache[PARSE_SAX]?.exports === parseSax;
}
