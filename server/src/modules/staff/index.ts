/** The staff module's public surface (docs/modules.md, "Public surfaces"). */
import type { Executor } from '../../platform/db.ts';
import { staffRepo } from './staff.repo.ts';

export type { CertificateRow } from './staff.repo.ts';
export { bestCertificate, certificateValidOn } from './staff.rules.ts';

/** The certificates held by these users (of one kind when given). */
export const certificatesOf = (db: Executor, userIds: string[], kind?: string) =>
  staffRepo(db).certificatesOf(userIds, kind);
/** Certificates by id. */
export const findCertificates = (db: Executor, ids: string[]) => staffRepo(db).findMany(ids);
