import type { Logger } from 'pino';
import type { RoleCode } from '@yiyang/contracts';
import type { AuthCache } from './authCache.ts';
import type { AuthContext } from './access.ts';
import type { Platform } from './context.ts';
import type { DomainEvent } from '@yiyang/contracts';
import type { App } from './http.ts';

/**
 * A server module's manifest (decision 017, docs/modules.md): everything the module brings to the
 * process, declared in one file `modules/<m>/<m>.module.ts`. `app.ts`, `main.ts`, the CLI, the demo
 * seed, the dashboard counts and the authorization walk iterate over the one list in
 * `modules/index.ts`; adding a module is its folder and one line there (and the table re-export
 * drizzle-kit needs in `db/schema.ts`).
 *
 * Dependencies are explicit and typed: `needs` lists the modules whose services this one uses, and
 * every hook receives exactly those services (keyed by module name). A needed module must come
 * earlier in the list; `createServices` refuses to start otherwise.
 */
export interface ServerModule<N extends string = string, S extends object = object, D = object> {
  readonly name: N;
  /** Modules whose services this one uses (each earlier in the list). */
  readonly needs: readonly AnyModule[];
  /** The module's services, from the platform and the services of `needs` (no I/O: constructors only). */
  create(ctx: ModuleContext, deps: D): S;
  /** Registers the module's HTTP routes (each declares `config.access` and `config.authz`). */
  routes?(app: App, s: S, deps: D, ctx: ModuleContext): void;
  /** Domain-event handlers (every instance receives every event: handlers must be idempotent). */
  events?: readonly EventHandler<S, D>[];
  /** Work done when the instance stops (after the server stopped accepting requests). */
  close?(s: S): Promise<void>;
  /** Database work before the app is built; see `StartupPhase`. */
  startup?: readonly StartupTask[];
  /** Periodic work started by `main.ts` once the server listens (e.g. the assessment due scan). */
  schedules?: readonly Schedule<S, D>[];
  /** The module's demo data, seeded in list order after the demo district (modules/seed). */
  seed?(p: Platform, demo: DemoDistrict): Promise<void>;
  /** Counts for the console home page (`GET /stats/overview`), in the order of `keys`. */
  stats?: StatsContribution<S, D>;
  /** `npm run yiyang -- <words> …` commands. */
  cli?: readonly CliCommand<S, D>[];
  /**
   * Authorization-walk fixtures (test/authz.int.test.ts): the victim community's resources of this
   * module, as fixture keys (`victim.…`) for the routes' `{{…}}` probes. Loaded lazily: test code stays
   * out of the server's module graph.
   */
  authz?(): Promise<AuthzFixtures<S, D>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any module, whatever its services and needs
export type AnyModule = ServerModule<string, any, any>;

/** `{ [name]: services }` for a list of modules: what `deps` holds for `needs`. */
export type DepsOf<Ms extends readonly AnyModule[]> = {
  [M in Ms[number] as M['name']]: ReturnType<M['create']>;
};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Every module's services in one flat object (`services.elders`, `services.assessments`…). */
export type FlatServices<Ms extends readonly AnyModule[]> = UnionToIntersection<
  ReturnType<Ms[number]['create']>
>;

/**
 * Declares a module. `needs` is written as a tuple of module manifests and the hooks' `deps`
 * parameter is typed from it: `defineModule({ name: 'x', needs: [regionModule], create: (ctx, { region }) => … })`.
 */
export function defineModule<
  const N extends string,
  S extends object,
  const Ns extends readonly AnyModule[] = [],
>(m: Omit<ServerModule<N, S, DepsOf<Ns>>, 'needs'> & { needs: Ns }): ServerModule<N, S, DepsOf<Ns>> {
  return m;
}

/** What `create` receives: the platform and this instance's session cache. */
export interface ModuleContext extends Platform {
  /**
   * Sessions and API tokens resolved by this instance. One per instance, shared by the auth gate and
   * the services that revoke sessions (users, elders' family bindings), hence created by the app and
   * not by the auth module (whose routes need the user module, which needs the cache).
   */
  authCache: AuthCache;
  /** Every module's counts, in list order (for the stats module; read when a request asks). */
  statsSources(): readonly StatsSource[];
}

/** Plain dependencies most services take (what `app.ts` handed every service before the manifest). */
export function baseDeps(ctx: ModuleContext) {
  return { db: ctx.db, bus: ctx.bus, config: ctx.config, cipher: ctx.cipher, authCache: ctx.authCache };
}

export interface EventHandler<S, D> {
  /** Names the handler in logs (`<name> failed`). */
  name: string;
  handle(e: DomainEvent, s: S, deps: D): Promise<void>;
}

/**
 * - `prepare`: every process that opens the database (server, CLI, tests): reference data the code
 *   expects, e.g. the role catalogue.
 * - `migrate`: data migrations after the schema migrations: server start and `yiyang db migrate`.
 * - `repair`: server start only: what an instance killed mid-work left behind.
 */
export type StartupPhase = 'prepare' | 'migrate' | 'repair';

export interface StartupTask {
  phase: StartupPhase;
  /** Logged (with `unit: count`) when the task did something. */
  name: string;
  unit?: string;
  run(p: Platform): Promise<number>;
  /** The CLI's sentence for `count` (e.g. after `db migrate`). */
  summary?(count: number): string;
}

export interface Schedule<S, D> {
  /** Logged with the result (`<name>`) or the error (`<name> failed`). */
  name: string;
  everyMs: number;
  run(s: S, deps: D): Promise<object>;
}

/** The demo district that modules/seed creates and each module's `seed` adds to. */
export interface DemoDistrict {
  countyCode: string;
  countyName: string;
  /** The county's divisions, from the county down to villages. */
  regions: { code: string; level: string }[];
  /** The demo community and village (their workers' pages are not empty). */
  communityCode: string;
  villageCode: string;
  /** The demo assessment agency. */
  agencyId: string;
  /** The demo home-care providers, the `provider` account's first (created in one transaction: same timestamp). */
  providerIds: string[];
  /** One account per role; a module may rewrite an account's `scope` for the start-up banner. */
  accounts: { username: string; role: RoleCode; scope: string }[];
}

/** The demo providers among `orgs`, in the demo's order (the `provider` account's first). */
export function demoProviders<O extends { id: string }>(
  orgs: O[],
  demo: Pick<DemoDistrict, 'providerIds'>,
): O[] {
  const rank = (o: O) => demo.providerIds.indexOf(o.id);
  return orgs.filter((o) => rank(o) >= 0).sort((a, b) => rank(a) - rank(b));
}

export interface StatsQuery {
  auth: AuthContext;
  /** The region asked for, if any (already checked against the caller's scope). */
  regionCode: string | undefined;
  /** The region counted under: the one asked for, else the root of the caller's scope (null: none). */
  root: string | null;
}

export interface StatsContribution<S, D> {
  keys: readonly string[];
  count(q: StatsQuery, s: S, deps: D, ctx: ModuleContext): Promise<Record<string, number>>;
}

/** A module's counts, bound to its services. */
export interface StatsSource {
  module: string;
  keys: readonly string[];
  count(q: StatsQuery): Promise<Record<string, number>>;
}

export interface CliCommand<S, D> {
  /** The two words that select it, e.g. `['regions', 'import']`. */
  words: readonly [string, string];
  /** Argument synopsis and help, as `npm run yiyang -- help` prints them. */
  usage: string;
  help: string;
  /** Returns the exit code (64: usage, printed by the CLI). */
  run(io: CliIo<S, D>): Promise<number>;
}

export interface CliIo<S, D> {
  /** The words after the command's two. */
  args: readonly (string | undefined)[];
  /** Opens the database (once, with the `prepare` start-up tasks) and builds the services. */
  open(): Promise<{ platform: Platform; s: S; deps: D }>;
  /** A line to stdout / stderr. */
  out(line: string): void;
  err(line: string): void;
}

/** The world an authorization-walk fixture builds in (test/authz.int.test.ts). */
export interface AuthzWorld {
  platform: Platform;
  /** The victim community's worker, their community, organisation and auth context. */
  victim: { userId: string; regionCode: string; organisationId: string; auth: AuthContext };
  /** A user of the victim community holding every permission (the positive control). */
  owner: AuthzClient;
  login(username: string, password: string): Promise<AuthzClient>;
  /** The hash of the walk's users' password. */
  passwordHash: string;
  password: string;
}

export interface AuthzClient {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; body: string }>;
  post(url: string, body?: unknown): Promise<{ statusCode: number; body: string }>;
}

export type AuthzFixtures<S, D> = (w: AuthzWorld, s: S, deps: D) => Promise<Record<string, string>>;

/** A module with its services built. */
export interface BuiltModule {
  module: AnyModule;
  services: object;
  deps: object;
}

export interface BuiltModules {
  modules: readonly BuiltModule[];
  ctx: ModuleContext;
  byName(name: string): BuiltModule | undefined;
}

/**
 * Creates every module's services in list order; each gets the services of its `needs`, which must
 * come earlier in the list (a forgotten or misplaced module fails here, at start-up).
 */
export function createServices(p: Platform, list: readonly AnyModule[], authCache: AuthCache): BuiltModules {
  const built: BuiltModule[] = [];
  const byName = new Map<string, BuiltModule>();
  const ctx: ModuleContext = {
    ...p,
    authCache,
    statsSources: () =>
      built.flatMap(({ module: m, services, deps }) =>
        m.stats
          ? [
              {
                module: m.name,
                keys: m.stats.keys,
                count: (q: StatsQuery) => m.stats!.count(q, services, deps, ctx),
              },
            ]
          : [],
      ),
  };
  for (const m of list) {
    if (byName.has(m.name)) throw new Error(`Module ${m.name} is listed twice`);
    const deps: Record<string, object> = {};
    for (const n of m.needs) {
      const d = byName.get(n.name);
      if (!d)
        throw new Error(`Module ${m.name} needs ${n.name}, which must come before it in modules/index.ts`);
      deps[n.name] = d.services;
    }
    const b = { module: m, services: m.create(ctx, deps), deps };
    built.push(b);
    byName.set(m.name, b);
  }
  return { modules: built, ctx, byName: (name) => byName.get(name) };
}

/** Every module's services in one object (the shape `BuiltApp.services` always had). */
export function flatServices<Ms extends readonly AnyModule[]>(b: BuiltModules): FlatServices<Ms> {
  const flat: Record<string, unknown> = {};
  for (const { module: m, services } of b.modules)
    for (const [k, v] of Object.entries(services)) {
      if (k in flat) throw new Error(`Service ${k} of module ${m.name} is also another module's`);
      flat[k] = v;
    }
  return flat as FlatServices<Ms>;
}

/** Runs the start-up tasks of `phases`, phase by phase, each in list order; logs those that did something. */
export async function runStartup(
  p: Platform,
  list: readonly AnyModule[],
  phases: readonly StartupPhase[],
): Promise<{ task: StartupTask; count: number }[]> {
  const done: { task: StartupTask; count: number }[] = [];
  for (const phase of phases)
    for (const m of list)
      for (const task of m.startup ?? []) {
        if (task.phase !== phase) continue;
        const count = await task.run(p);
        if (count && task.unit) p.log.info({ [task.unit]: count }, task.name);
        done.push({ task, count });
      }
  return done;
}

/** Starts every module's schedules: each runs at once, then every `everyMs`. Returns the stopper. */
export function startSchedules(b: BuiltModules, log: Logger): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const { module: m, services, deps } of b.modules)
    for (const sch of m.schedules ?? []) {
      // A run still going when the next is due is not doubled (short periods: the alarm ladder's second);
      // a run that did nothing (an empty result) is not logged.
      let running = false;
      const run = () => {
        if (running) return;
        running = true;
        sch
          .run(services, deps)
          .then((r) => Object.keys(r).length > 0 && log.info(r, sch.name))
          .catch((err: unknown) => log.warn({ err }, `${sch.name} failed`))
          .finally(() => (running = false));
      };
      void run();
      const timer = setInterval(() => void run(), sch.everyMs);
      timer.unref();
      timers.push(timer);
    }
  return () => timers.forEach(clearInterval);
}
