import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError } from '../../platform/errors.ts';
import { issueCode, type IssueLike } from '../../platform/issues.ts';
import { transact } from '../../platform/uow.ts';
import { ImportFileError, readImport } from './facility.excel.ts';
import { facilityRepo } from './facility.repo.ts';
import { createBody, type FacilityCreate } from './facility.schema.ts';
import type { FacilityDeps, FacilityService, FieldIssue } from './facility.service.ts';
import { insertOf, servesOf } from './facility.values.ts';

/** Most rows an import takes at once (a district's facilities are hundreds). */
export const IMPORT_MAX_ROWS = 5000;

/**
 * Excel import of facilities (issue 18 §1, "Bad input"): all or nothing. Every row is checked like a create
 * (zod fields, scope, known region, coordinates in the district, nursing beds ≤ beds) and names are checked
 * against the registry and the file itself; any problem refuses the whole file with a 422 problem+json whose
 * `errors` name each row and field (`/rows/{sheet row}/{field}`), as the elder import's row report does.
 */
export async function importFacilities(
  deps: FacilityDeps,
  svc: FacilityService,
  auth: AuthContext,
  actor: Actor,
  buf: Buffer,
  today: string,
): Promise<{ imported: number }> {
  let rows;
  try {
    rows = await readImport(buf);
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    const params = err.column ? { column: err.column } : {};
    throw new DomainError(err.code, {
      status: 422,
      params,
      errors: [{ pointer: '/body/file', code: err.code, params }],
    });
  }
  if (rows.length > IMPORT_MAX_ROWS)
    throw new DomainError('common.too_many', {
      status: 422,
      params: { maximum: IMPORT_MAX_ROWS },
      errors: [{ pointer: '/body/file', code: 'common.too_many', params: { maximum: IMPORT_MAX_ROWS } }],
    });
  const issues: FieldIssue[] = [];
  const good: { row: number; input: FacilityCreate }[] = [];
  const boxes = new Map<string, Awaited<ReturnType<FacilityService['districtBox']>>>();
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const at = (f: string) => `/rows/${row}/${f}`;
    const parsed = createBody.safeParse(values);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const { code, params } = issueCode(i as IssueLike);
        issues.push({ pointer: at(i.path.map(String).join('/')), code, params });
      }
      continue;
    }
    const input = parsed.data;
    const county = input.regionCode.slice(0, 6);
    if (!boxes.has(county)) boxes.set(county, await svc.districtBox(deps.db, county));
    const draft = { ...insertOf(input, actor.userId), serves: input.serves };
    const found = await svc.check(deps.db, auth, draft as never, at, boxes.get(county));
    const key = `${input.regionCode}\u0000${input.name}`;
    const params = { name: input.name, region: input.regionCode };
    if (seen.has(key) || (await facilityRepo(deps.db).sameName(input.regionCode, input.name)))
      found.push({ pointer: at('name'), code: 'facility.name_taken', params });
    seen.set(key, row);
    issues.push(...found);
    if (found.length === 0) good.push({ row, input });
  }
  if (issues.length)
    throw new DomainError('facility.import_invalid', {
      status: 422,
      params: { count: issues.length },
      errors: issues,
    });
  return transact(deps, actor, async (tx, uow) => {
    const repo = facilityRepo(tx);
    const made = await repo.insertMany(good.map((g) => insertOf(g.input, actor.userId)));
    await repo.addCoverage(
      made.flatMap((f, i) =>
        servesOf(good[i]!.input).map((regionCode) => ({ facilityId: f.id, regionCode, validFrom: today })),
      ),
    );
    uow.audit({
      action: 'facility.import',
      entityType: 'facility',
      regionCode: auth.regionCode,
      organisationId: auth.organisationId,
      summary: `批量导入设施 ${made.length} 个`,
      detail: { rows: made.length },
    });
    return { imported: made.length };
  });
}
