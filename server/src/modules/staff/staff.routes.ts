import { z } from 'zod';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import { certificateCreateBody, certificateList, certificateView } from './staff.schema.ts';
import type { StaffService } from './staff.service.ts';

const tags = ['staff'];
const params = z.object({ userId: z.uuid() }).strict();
const certParams = z.object({ userId: z.uuid(), id: z.uuid() }).strict();
const victim = { params: { userId: '{{victim.assessorId}}' } };

export function staffRoutes(app: App, staff: StaffService): void {
  app.get(
    '/api/v1/staff/:userId/certificates',
    {
      config: { access: 'staff:read', authz: victim },
      schema: { tags, params, response: { 200: certificateList } },
    },
    (req) => staff.list(authOf(req), req.params.userId),
  );
  app.post(
    '/api/v1/staff/:userId/certificates',
    {
      config: {
        access: 'staff:write',
        authz: { ...victim, body: { kind: 'assessor', number: 'PROBE-1', issuedOn: '2025-01-01' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: certificateCreateBody, response: { 201: certificateView } },
    },
    async (req, reply) =>
      reply.status(201).send(await staff.add(authOf(req), actorOf(req), req.params.userId, req.body)),
  );
  app.delete(
    '/api/v1/staff/:userId/certificates/:id',
    {
      config: {
        access: 'staff:write',
        authz: { params: { userId: '{{victim.assessorId}}', id: '{{victim.certificateId}}' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: certParams },
    },
    async (req, reply) => {
      await staff.remove(authOf(req), actorOf(req), req.params.userId, req.params.id);
      return reply.status(204).send();
    },
  );
}
