/**
 * Display masking for personal information in list views and exports
 * (STANDARDS.md §7 masking table, in line with GB/T 35273 practice).
 * Masking is for display only: never mask before hashing or storing.
 * All functions work on Unicode code points, so rare CJK characters outside
 * the BMP count as one character.
 */

const STAR = '*';

/** `500110194912310021` → `5001**********0021`: first 4 + last 4, length kept. */
export function maskIdNumber(value: string): string {
  const chars = Array.from(value.trim());
  // Short numbers (passports, passes) would show almost everything with 4 + 4: keep a quarter at each end.
  const keep = chars.length >= 12 ? 4 : Math.floor(chars.length / 4);
  return keepEnds(chars, keep, keep);
}

/**
 * `13812345678` → `138****5678`. Other lengths:
 * - 11 or more characters: first 3 + last 4 (at least 4 hidden);
 * - 8–10 characters (e.g. a local landline `48612345`): last 4 only, as in
 *   "尾号2345" — first 3 + last 4 would hide a single digit;
 * - shorter: all stars.
 */
export function maskPhone(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length >= 11) return keepEnds(chars, 3, 4);
  if (chars.length >= 8) return keepEnds(chars, 0, 4);
  return STAR.repeat(chars.length);
}

/**
 * Chinese names (any Han character): first and last character kept, the
 * rest starred — `张三华` → `张*华`, `张三` → `张*`, `欧阳娜娜` → `欧**娜`,
 * `张` → `张`. Separators (`·`, spaces) are kept: `买买提·艾力` → `买**·*力`.
 *
 * Other names: each word keeps its first letter — `John Smith` → `J*** S****`.
 */
export function maskName(value: string): string {
  const name = value.trim();
  const chars = Array.from(name);
  if (/\p{Script=Han}/u.test(name)) {
    if (chars.length <= 1) return name;
    if (chars.length === 2) return chars[0] + STAR;
    return chars.map((c, i) => (i === 0 || i === chars.length - 1 || isNameSeparator(c) ? c : STAR)).join('');
  }
  return chars
    .map((c, i) => (i === 0 || isNameSeparator(chars[i - 1] as string) || isNameSeparator(c) ? c : STAR))
    .join('');
}

/**
 * Cut points for `maskAddress`, strongest first. 社区/小区/居委会 are tried
 * before 村 because 村 also occurs inside street names (新村路).
 */
export const ADDRESS_MARKERS: readonly string[] = ['社区', '小区', '居委会', '村'];

/**
 * Keeps an address only down to community (社区/小区) level, a documented
 * heuristic, not a parser:
 * - find the first marker of `keepUpTo` (tried in order; the first marker that
 *   occurs wins, at its first occurrence), cut just after it, append `****`;
 * - no marker: keep the first 6 characters (at most half the address) + `****`.
 */
export function maskAddress(address: string, keepUpTo: readonly string[] = ADDRESS_MARKERS): string {
  const text = address.trim();
  if (text === '') return '';
  for (const marker of keepUpTo) {
    const at = text.indexOf(marker);
    if (at >= 0) return `${text.slice(0, at + marker.length)}****`;
  }
  const chars = Array.from(text);
  return `${chars.slice(0, Math.min(6, Math.ceil(chars.length / 2))).join('')}****`;
}

// OWASP "CSV injection": spreadsheet apps run cells that start with these as formulas.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Defuses spreadsheet formula injection in exports: a string starting with
 * = + - @ TAB or CR gets a leading apostrophe. Numbers (and strings that are
 * plain numbers, such as `-12.5`) and other types are returned unchanged.
 */
export function neutraliseSpreadsheetCell<T>(value: T): T | string {
  if (typeof value !== 'string' || value === '') return value;
  if (!FORMULA_TRIGGERS.has(value[0] as string) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

function keepEnds(chars: string[], head: number, tail: number): string {
  if (chars.length <= head + tail) return STAR.repeat(chars.length);
  return (
    chars.slice(0, head).join('') +
    STAR.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

function isNameSeparator(c: string): boolean {
  return c === '·' || c === '•' || c === '・' || c === '.' || c === '-' || /\s/.test(c);
}
