import { verifyAuditChain } from '../../platform/audit.ts';
import { defineModule } from '../../platform/module.ts';
import { auditRoutes } from './audit.routes.ts';

/** The audit log (platform/audit.ts writes it): its search and the hash chain's check. */
export const auditModule = defineModule({
  name: 'audit',
  needs: [],
  create: () => ({}),
  routes: (app, _s, _deps, ctx) => auditRoutes(app, ctx.db),
  cli: [
    {
      words: ['audit', 'verify'],
      usage: 'audit verify',
      help: "verify the audit log's hash chains and their anchors",
      async run({ open, out }) {
        const { platform } = await open();
        const r = await verifyAuditChain(platform.db);
        out(
          r.ok
            ? `Audit chain intact: ${r.checked} entries, ${r.anchors} anchors.`
            : r.brokenAnchor !== null
              ? `Audit anchors BROKEN at anchor ${r.brokenAnchor} (${r.anchors} verified before it).`
              : `Audit chain BROKEN at entry ${r.brokenAt} (${r.checked} entries verified).`,
        );
        return r.ok ? 0 : 2;
      },
    },
  ],
});
