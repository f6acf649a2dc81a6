import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { canonical } from './canonical.ts';
import type { FieldCipher } from './crypto.ts';
import { queryText, type Db, type Executor } from './db.ts';
import { DomainError } from './errors.ts';
import { idempotencyKeys } from './platform.table.ts';
import { inRequestTransaction } from './requestTx.ts';

/**
 * One idempotency mechanism for every command a phone may replay (decision 015). A route declares
 * `config: { idempotent: true }`; a request to it with an `Idempotency-Key` header is then keyed by (user,
 * method and route, key):
 * - the first one runs in ONE transaction with the record of its result (`requestTx.ts`): the claim is its
 *   first statement, the status and serialised body its last, so a crash leaves both or neither;
 * - a retry with the same params, query and body gets that status and body again (`Idempotent-Replayed:
 *   true`); with a different request, 422 `idempotency.key_reused`;
 * - concurrent duplicates meet at the claim's primary key: the loser waits for the winner's commit and
 *   replays its result (PostgreSQL blocks on the uncommitted key; PGlite runs one transaction at a time);
 * - a refusal (a `DomainError`) stores nothing: the claim is removed and what the service recorded on
 *   purpose (failure audits, login throttling) commits as it would without a key; any other failure rolls
 *   everything back. Either way a retry runs the command again.
 * Results are kept for 24 hours, encrypted; the request is compared by a keyed hash.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
const BODY_CONTEXT = 'idempotency.body';
const REQUEST_HASH_DOMAIN = 'idempotency.request';

/** The header as the OpenAPI document and the validator see it on an idempotent route. */
const keyHeader = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .describe(
      'A client-chosen id of this command (1–255 visible ASCII characters, e.g. a UUID). A retry with the same key and request returns the first result again (`Idempotent-Replayed: true`) for 24 hours; the same key with another request is a 422.',
    ),
});

type Handler = (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown;
interface Deps {
  db: Db;
  cipher: FieldCipher;
}
interface Claim {
  userId: string;
  route: string;
  key: string;
}
type Stored = { requestHash: string; status: number; body: string };
type Outcome = { replay: Stored } | { refused: DomainError } | { status: number; body: string };

/** onRoute hook: wraps the handler of every route that declares `idempotent: true`. */
export function idempotentRoutes(deps: Deps): (route: RouteOptions) => void {
  return (route) => {
    if (route.config?.idempotent !== true) return;
    route.schema = { ...route.schema, headers: keyHeader };
    route.handler = idempotent(deps, route.handler as Handler) as RouteOptions['handler'];
  };
}

function idempotent(deps: Deps, handler: Handler): Handler {
  return async function (this: unknown, req, reply) {
    const key = (req.headers as { 'idempotency-key'?: string })['idempotency-key'];
    if (key === undefined || !req.auth) return handler.call(this, req, reply);
    const claim: Claim = { userId: req.auth.userId, route: `${req.method} ${req.routeOptions.url}`, key };
    const requestHash = deps.cipher.blindIndex(
      canonical({ params: req.params, query: req.query, body: req.body ?? null }),
      REQUEST_HASH_DOMAIN,
    );
    // No read before the transaction: the claim is the first statement either way, and a retry (rare)
    // finds the stored answer once its claim loses.
    const outcome = await inRequestTransaction<Outcome>(deps.db, async (tx) => {
      if (!(await tryClaim(tx, claim, requestHash))) {
        const winner = await find(tx, claim);
        if (!winner) throw new DomainError('common.conflict', { status: 409 });
        return { replay: winner };
      }
      try {
        const value = await handler.call(this, req, reply);
        if (value === reply || reply.sent)
          throw new Error(`${claim.route}: an idempotent handler returns its result`);
        const body = value === undefined ? '' : (reply.serialize(value) as string);
        await tx
          .update(idempotencyKeys)
          .set({ status: reply.statusCode, body: body && deps.cipher.encrypt(body, BODY_CONTEXT) })
          .where(keyIs(claim));
        return { status: reply.statusCode, body };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // Removing the claim fails only when the error has already aborted the transaction: roll it all back.
        await tx
          .delete(idempotencyKeys)
          .where(keyIs(claim))
          .catch(() => Promise.reject(err));
        return { refused: err };
      }
    });
    if ('refused' in outcome) throw outcome.refused;
    if ('replay' in outcome) return replay(deps, reply, outcome.replay, requestHash);
    return send(reply, outcome.status, outcome.body);
  };
}

const keyIs = (c: Claim) =>
  and(
    eq(idempotencyKeys.userId, c.userId),
    eq(idempotencyKeys.route, c.route),
    eq(idempotencyKeys.key, c.key),
  );

async function find(db: Executor, c: Claim): Promise<Stored | undefined> {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      status: idempotencyKeys.status,
      body: idempotencyKeys.body,
    })
    .from(idempotencyKeys)
    .where(and(keyIs(c), gt(idempotencyKeys.expiresAt, sql`now()`)));
  return row;
}

/**
 * The transaction's first statement, ONE statement: true when this request may run the command. It takes
 * the key when it is free or expired (an expired key is claimed afresh) and removes the user's other expired
 * keys; a key held by a concurrent request blocks here until that one ends, and then counts as taken when it
 * committed.
 */
const CLAIM = `WITH gc AS (
  DELETE FROM idempotency_keys WHERE user_id = $1 AND expires_at <= now() AND NOT (route = $2 AND key = $3)
)
INSERT INTO idempotency_keys (user_id, route, key, request_hash, status, body, created_at, expires_at)
VALUES ($1, $2, $3, $4, 0, '', now(), now() + make_interval(hours => $5))
ON CONFLICT (user_id, route, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, body = '',
  created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
  WHERE idempotency_keys.expires_at <= now()
RETURNING key`;

async function tryClaim(tx: Executor, c: Claim, requestHash: string): Promise<boolean> {
  const won = await queryText<{ key: string }>(tx, CLAIM, [
    c.userId,
    c.route,
    c.key,
    requestHash,
    IDEMPOTENCY_TTL_HOURS,
  ]);
  return won.length > 0;
}

function replay(deps: Deps, reply: FastifyReply, stored: Stored, requestHash: string): FastifyReply {
  if (stored.requestHash !== requestHash)
    throw new DomainError('idempotency.key_reused', {
      status: 422,
      errors: [{ pointer: '/headers/idempotency-key', code: 'idempotency.key_reused' }],
    });
  reply.header('idempotent-replayed', 'true');
  return send(reply, stored.status, stored.body && deps.cipher.decrypt(stored.body, BODY_CONTEXT));
}

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  reply.status(status);
  return body === '' ? reply.send() : reply.type('application/json; charset=utf-8').send(body);
}
