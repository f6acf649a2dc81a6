import { pinyin } from 'pinyin-pro';

/**
 * Pinyin search keys for elder names, so staff can type `zsh` or `zhangsanhua`
 * to find 张三华 (PRODUCT.md §4.2 registry search).
 *
 * - Surname readings: pinyin-pro's surname mode, applied to the start of the
 *   name only, so 单/曾/解/仇/朴/区/查 read as shan/zeng/xie/qiu/piao/ou/zha
 *   and compound surnames (欧阳, 长孙, 尉迟) are recognised, while the same
 *   characters in the given name keep their ordinary reading.
 * - No tones; ü is written v (吕 → lv), as on a keyboard.
 * - Latin letters and digits are kept in lower case; each word contributes
 *   its first letter to `initials` (`John Smith` → `js`, `johnsmith`).
 * - Separators (·, spaces, punctuation) are dropped.
 * - Han characters pinyin-pro does not know are kept as they are.
 * - Given-name 多音字 use pinyin-pro's most likely reading; a search on the
 *   other reading will not match (one key per name keeps the index small).
 */
export interface NameSearchKeys {
  initials: string;
  full: string;
}

// Names repeat in a registry and pinyin-pro costs ~7–10 µs per name; ~15 MB at the limit.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, NameSearchKeys>();

export function nameSearchKeys(name: string): NameSearchKeys {
  const key = name.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  const keys = compute(key);
  // Oldest out first (a Map keeps insertion order): a bulk import keeps its recent names.
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, keys);
  return keys;
}

function compute(name: string): NameSearchKeys {
  let initials = '';
  let full = '';
  let inWord = false;
  const syllables = pinyin(name, {
    mode: 'surname',
    surname: 'head',
    toneType: 'none',
    type: 'all',
    v: true,
  });
  for (const s of syllables) {
    if (s.isZh && s.pinyin) {
      initials += s.pinyin[0];
      full += s.pinyin;
      inWord = false;
    } else if (/^[\p{L}\p{N}]+$/u.test(s.origin)) {
      const text = s.origin.normalize('NFKC').toLowerCase();
      // Han characters without a reading stand alone; Latin letters form words.
      if (!inWord || /\p{Script=Han}/u.test(text)) initials += Array.from(text)[0] ?? '';
      full += text;
      inWord = !/\p{Script=Han}/u.test(text);
    } else {
      inWord = false;
    }
  }
  return { initials, full };
}

/** Longest substring kept in `nameGrams`; longer searches use their first NAME_GRAM_MAX characters. */
export const NAME_GRAM_MAX = 4;

/**
 * Every substring of 1–4 characters (code points) of the lower-cased name, for the `name_grams` GIN
 * index: "name contains q" implies "name_grams holds q's first 4 characters", so a substring search
 * becomes an index lookup plus a recheck. Migration 0004 computes the same with lower()/substr().
 */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name.trim().toLowerCase());
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++)
    for (let l = 1; l <= NAME_GRAM_MAX && i + l <= chars.length; l++) out.add(chars.slice(i, i + l).join(''));
  return [...out];
}

/** The gram a search for `q` must find in `nameGrams`. */
export function searchGram(q: string): string {
  return Array.from(q.trim().toLowerCase()).slice(0, NAME_GRAM_MAX).join('');
}
