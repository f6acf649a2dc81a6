import { and, asc, eq, gt, like, type SQL } from 'drizzle-orm';
import { regionPrefix, toRegionCode } from '@yiyang/contracts';
import type { Db } from '../../platform/db.ts';
import { maskAddress, maskName } from '../../platform/masking.ts';
import { IMPORT_REASON } from './import/elder.import.rows.ts';
import type { ElderService } from './elder.service.ts';
import { elders, elderVersions } from './elder.table.ts';

/**
 * Records that hold U+FFFD (�), the replacement character: what exceljs's streaming reader stored for a
 * Chinese character cut by a chunk boundary before decision 012 (李秀兰 → ���秀兰), silently. They cannot
 * be repaired automatically — the lost character is gone — so they are listed for staff to correct
 * (`npm run yiyang -- elders replacement-chars`). Encrypted fields are decrypted to be checked; what is
 * listed is masked (the record's id is how staff open it, with the console's audited reveal).
 */
export const REPLACEMENT_CHAR = '\uFFFD';

export interface ReplacementFinding {
  id: string;
  regionCode: string;
  createdAt: Date;
  /** The fields holding U+FFFD: `name`, `address`, `health.chronicDiseases`, … */
  fields: string[];
  nameMasked: string;
  addressMasked: string | null;
  /** Whether a 摸底表 import created or changed the record. */
  imported: boolean;
}

/** Paths of the strings in `value` that hold U+FFFD. */
function damagedPaths(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes(REPLACEMENT_CHAR)) out.push(path);
  } else if (Array.isArray(value)) {
    if (value.some((v) => typeof v === 'string' && v.includes(REPLACEMENT_CHAR))) out.push(path);
    else for (const v of value) if (v && typeof v === 'object') damagedPaths(v, path, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) damagedPaths(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/**
 * Every record (under `regionCode` if given) with U+FFFD in any text field, in id order, read in batches;
 * returns how many records were checked.
 */
export async function* findReplacementChars(
  deps: { db: Db; elders: ElderService },
  opts: { regionCode?: string; batch?: number } = {},
): AsyncGenerator<ReplacementFinding, number> {
  const scope: SQL | undefined = opts.regionCode
    ? like(elders.regionCode, `${regionPrefix(toRegionCode(opts.regionCode))}%`)
    : undefined;
  let checked = 0;
  for (let after: string | null = null; ;) {
    const rows = await deps.db
      .select()
      .from(elders)
      .where(and(scope, after ? gt(elders.id, after) : undefined))
      .orderBy(asc(elders.id))
      .limit(opts.batch ?? 1000);
    if (rows.length === 0) return checked;
    checked += rows.length;
    after = rows.at(-1)!.id;
    for (const e of rows) {
      const plain = deps.elders.plain(e);
      const fields = damagedPaths(plain, '', []);
      if (fields.length === 0) continue;
      const [imported] = await deps.db
        .select({ id: elderVersions.id })
        .from(elderVersions)
        .where(and(eq(elderVersions.elderId, e.id), eq(elderVersions.reason, IMPORT_REASON)))
        .limit(1);
      yield {
        id: e.id,
        regionCode: e.regionCode,
        createdAt: e.createdAt,
        fields,
        nameMasked: maskName(plain.name),
        addressMasked: plain.address ? maskAddress(plain.address) : null,
        imported: !!imported,
      };
    }
  }
}

/** The lines `yiyang elders replacement-chars` prints: a header and one tab-separated line per record, then a count. */
export async function* replacementReport(
  deps: { db: Db; elders: ElderService },
  opts: { regionCode?: string } = {},
): AsyncGenerator<string> {
  const found = findReplacementChars(deps, opts);
  let listed = 0;
  for (let next = await found.next(); ; next = await found.next()) {
    if (next.done) {
      yield `${listed} of ${next.value} records hold U+FFFD (${REPLACEMENT_CHAR}): open each by its id in the console to correct it.`;
      return;
    }
    const f = next.value;
    if (listed++ === 0) yield ['id', 'region', 'imported', 'fields', 'name', 'address'].join('\t');
    yield [
      f.id,
      f.regionCode,
      f.imported ? 'yes' : 'no',
      f.fields.join(','),
      f.nameMasked,
      f.addressMasked ?? '',
    ].join('\t');
  }
}
