import { Readable } from 'node:stream';
import type { AuthzFixtures } from '../../platform/module.ts';
import type { ElderExportService } from './elder.export.ts';
import type { ElderImportService } from './import/elder.import.service.ts';
import type { ElderService } from './elder.service.ts';

/**
 * Authorization-walk fixtures (test/authz.int.test.ts; loaded by elder.module.ts only when the walk
 * runs): an elder of the victim community, a family member of theirs, and a dry-run import job of the
 * community (its progress and report are scoped).
 */
export const elderAuthz: AuthzFixtures<
  { elders: ElderService; imports: ElderImportService; elderExports: ElderExportService },
  object
> = async (w, s) => {
  const actor = { userId: null, name: 'test' };
  const elder = await s.elders.create(w.victim.auth, actor, {
    name: '受害老人',
    idType: 'resident_id',
    idNumber: '650102194805069986',
    regionCode: w.victim.regionCode,
    householdLocal: true,
    phone: '13912345678',
  });
  const member = await s.elders.addFamily(w.victim.auth, actor, elder.id, {
    name: '受害家属',
    relationship: 'daughter',
    mayActFor: true,
    isGuardian: false,
  });
  const job = await s.imports.start(
    w.victim.auth,
    { userId: w.victim.userId, name: 'test' },
    {
      regionCode: w.victim.regionCode,
      dryRun: true,
      onDuplicate: 'skip',
      fileName: 'victim.csv',
      stream: Readable.from([
        Buffer.from(`姓名,证件号码,所属社区/村代码\n受害导入,123,${w.victim.regionCode}\n`),
      ]),
    },
  );
  await s.imports.drain();
  return {
    'victim.elderId': elder.id,
    'victim.familyMemberId': member.id,
    'victim.importJobId': job.jobId,
  };
};
