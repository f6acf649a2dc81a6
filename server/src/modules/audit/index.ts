/** The audit log's search and chain check: its manifest; entries are written by platform/audit.ts. */
export { auditModule } from './audit.module.ts';
