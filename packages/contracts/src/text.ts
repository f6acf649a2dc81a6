/**
 * What any text a person types (or a file carries) may contain, shared by the
 * server's one text schema and the clients' form checks.
 *
 * Refused everywhere: control characters (C0, DEL, C1) — U+0000 cannot be
 * stored by PostgreSQL at all (SQLSTATE 22021) and the others are invisible
 * in a form; lone surrogates, which are not Unicode and arrive in the
 * database as U+FFFD; U+FFFD itself, a character already lost in decoding;
 * and the noncharacters U+FFFE and U+FFFF. Multi-line text (reasons, notes)
 * may also hold tab, line feed and carriage return.
 */
export interface TextRules {
  /** Tab, line feed and carriage return are allowed (reasons, notes). */
  multiline?: boolean;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The 1-based position (in characters, as a person counts them: 𠀀 is one)
 * of the first character that no text field accepts, or 0 when there is
 * none. One pass over the UTF-16 units, as a million-row import calls it
 * for every cell.
 */
export function invalidCharPosition(s: string, rules: TextRules = {}): number {
  let position = 0;
  for (let i = 0; i < s.length; i++) {
    position++;
    const c = s.charCodeAt(i);
    if (isHigh(c) && isLow(s.charCodeAt(i + 1))) i++;
    else if (isHigh(c) || isLow(c)) return position;
    else if (c < 0x20) {
      if (!(rules.multiline && (c === 0x09 || c === 0x0a || c === 0x0d))) return position;
    } else if ((c >= 0x7f && c <= 0x9f) || c >= 0xfffd) return position;
  }
  return 0;
}

const LETTER = /\p{L}/gu;

/**
 * How many letters (Chinese characters included) a text holds: what is left
 * once whitespace, zero-width characters, punctuation, symbols and digits are
 * taken away. A reason recorded in the audit log must be made of words
 * (PRODUCT.md §4.15), not of "...." or invisible characters.
 */
export function letterCount(s: string): number {
  return s.match(LETTER)?.length ?? 0;
}
