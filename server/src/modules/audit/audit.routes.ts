import { z } from 'zod';
import { auditEventPage, auditVerifyView } from '@yiyang/contracts/wire';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError } from '../../platform/errors.ts';
import { authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import { text } from '../../platform/text.ts';
import { parseIsoDate } from '../../platform/dates.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { listAuditEvents } from './audit.repo.ts';

const isoDate = text().refine((v) => parseIsoDate(v) !== null, { message: 'common.invalid_format' });

const tags = ['audit'];

export function auditRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: 'audit:read', authz: {} },
      schema: {
        tags,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: text().regex(/^\d+$/, { message: 'common.bad_cursor' }).optional(),
            action: text().max(60).optional(),
            entityType: text().max(60).optional(),
            entityId: text().max(60).optional(),
            regionCode: regionCodeSchema.optional(),
            actorUserId: z.uuid().optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
          })
          .strict(),
        response: { 200: auditEventPage },
      },
    },
    (req) => listAuditEvents(db, authOf(req).scope, req.query),
  );
  app.post(
    '/api/v1/audit-events/verify',
    {
      config: {
        access: 'audit:verify',
        authz: { skip: 'read-only check over the whole chain; reveals no entries' },
        idempotent: NO_REPLAY.reads,
      },
      schema: {
        tags,
        description: 'Recomputes the hash chains of the whole audit log and their anchors.',
        response: { 200: auditVerifyView },
      },
    },
    async () => {
      const r = await verifyAuditChain(db);
      if (r.brokenAnchor !== null)
        throw new DomainError('audit.anchor_broken', { status: 409, params: { id: r.brokenAnchor } });
      if (!r.ok) throw new DomainError('audit.chain_broken', { status: 409, params: { id: r.brokenAt } });
      return r;
    },
  );
}
