import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { baseDeps, defineModule } from '../../platform/module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { visitModule } from '../visit/index.ts';
import { DeviceHealth } from './device.health.ts';
import { DeviceIngest } from './device.mqtt.ts';
import { mosquittoPasswdLine } from './device.passwd.ts';
import { deviceRepo } from './device.repo.ts';
import { deviceRoutes, vendorIngestRoutes } from './device.routes.ts';
import { seedDevices } from './device.seed.ts';
import { DeviceService } from './device.service.ts';
import { deviceTaskRoutes } from './device.tasks.routes.ts';
import { DeviceTasks } from './device.tasks.ts';
import { simulate } from './device.simulate.ts';
import { VendorIngest } from './device.vendor.ts';

/** Devices (issue 16): the registry, MQTT and signed-HTTP ingest, the simulator. */
export const deviceModule = defineModule({
  name: 'device',
  // The visit module's seam (isVerifiedVisit) closes offline tasks; not its services.
  needs: [elderModule, visitModule],
  create: (ctx) => {
    const deviceIngest = new DeviceIngest({ ...baseDeps(ctx), log: ctx.log, broker: ctx.broker });
    const deps = { ...baseDeps(ctx), ingest: deviceIngest };
    return {
      devices: new DeviceService(deps),
      deviceIngest,
      deviceVendors: new VendorIngest(deps),
      deviceHealth: new DeviceHealth(baseDeps(ctx)),
      deviceTasks: new DeviceTasks(baseDeps(ctx)),
    };
  },
  routes: (app, s) => {
    deviceRoutes(app, s.devices);
    deviceTaskRoutes(app, s.deviceTasks);
    vendorIngestRoutes(app, s.deviceVendors);
  },
  close: (s) => s.deviceIngest.stop(),
  // A verified visit to a device's elder closes its offline task (idempotent: closes only open ones).
  events: [{ name: 'device tasks close on a verified visit', handle: (e, s) => s.deviceHealth.onEvent(e) }],
  schedules: [
    // Joins the broker once the server listens; every minute again (idempotent: a no-op once connected).
    { name: 'device ingest', everyMs: 60_000, run: (s) => s.deviceIngest.start() },
    // Offline, mains-failure and low-battery tasks, area events (SKIP LOCKED: instances split the work).
    {
      name: 'device health',
      everyMs: 30_000,
      run: async (s) => {
        const r = await s.deviceHealth.sweep();
        return r.opened || r.closed || r.areaEvents || r.areaEventsEnded ? r : {};
      },
    },
  ],
  seed: (p, demo) => seedDevices(p, demo),
  cli: [
    {
      words: ['devices', 'simulate'],
      usage: 'devices simulate [--devices 50] [--rate 2] [--duration 30] [--sos-share 0.05] [--url mqtt://…]',
      help: `publish realistic device traffic (heartbeats, telemetry, some SOS/fall) with
                            device credentials (vendor "sim" devices are registered and given new ones)`,
      async run({ args, open, out }) {
        const { values } = parseArgs({
          args: args.filter((a): a is string => a !== undefined),
          options: {
            devices: { type: 'string', default: '50' },
            rate: { type: 'string', default: '2' },
            duration: { type: 'string', default: '30' },
            'sos-share': { type: 'string', default: '0.05' },
            url: { type: 'string' },
          },
        });
        const { platform, s } = await open();
        const n = Number(values.devices);
        const { config } = platform;
        const url = values.url ?? config.MQTT_URL ?? `mqtt://127.0.0.1:${config.MQTT_PORT}`;
        const types = ['button', 'watch', 'radar', 'smoke', 'vital'] as const;
        const sims = [];
        for (let i = 0; i < n; i++) {
          const serial = `SIM-${String(i + 1).padStart(5, '0')}`;
          const existing = await deviceRepo(platform.db).findBySerial('sim', serial);
          const d =
            existing ??
            (await deviceRepo(platform.db).insert({ type: types[i % types.length]!, vendor: 'sim', serial }));
          const c = await s.devices.credentials(null, SYSTEM_ACTOR, d.id);
          sims.push({ id: d.id, password: c.password, type: d.type });
        }
        out(`${n} simulated devices → ${url}`);
        const r = await simulate({
          url,
          devices: sims,
          rate: Number(values.rate),
          durationS: Number(values.duration),
          sosShare: Number(values['sos-share']),
          out,
        });
        out(`sent ${r.sent}, acknowledged ${r.acked}, failed ${r.failed}`);
        return r.failed === 0 ? 0 : 1;
      },
    },
    {
      words: ['devices', 'credentials'],
      usage: 'devices credentials <passwd-file> <secrets-file> [device-id…]',
      help: `issue new MQTT credentials (all devices without any, or the ones named): appends
                            mosquitto_passwd lines to <passwd-file>, writes "id,vendor,serial,password"
                            to <secrets-file> (mode 600) for the installer`,
      async run({ args: [passwd, secrets, ...ids], open, out }) {
        if (!passwd || !secrets) return 64;
        const { platform, s } = await open();
        const named = ids.filter((x): x is string => !!x);
        const rows = named.length
          ? await Promise.all(named.map((id) => deviceRepo(platform.db).findById(id)))
          : await deviceRepo(platform.db).withoutCredentials();
        const lines: string[] = [];
        const csv = ['id,vendor,serial,password'];
        for (const d of rows) {
          if (!d) continue;
          const c = await s.devices.credentials(null, SYSTEM_ACTOR, d.id);
          lines.push(mosquittoPasswdLine(c.username, c.password));
          csv.push(`${d.id},${d.vendor},${d.serial},${c.password}`);
        }
        if (lines.length) appendFileSync(passwd, lines.join('\n') + '\n');
        writeFileSync(secrets, csv.join('\n') + '\n', { mode: 0o600 });
        out(`${lines.length} device credentials: ${passwd} (reload Mosquitto: kill -HUP), ${secrets}`);
        return 0;
      },
    },
    {
      words: ['devices', 'vendor-key'],
      usage: 'devices vendor-key <vendor-code> <name>',
      help: 'register a vendor cloud for HTTP ingest (or replace its key); prints the key once',
      async run({ args: [code, name], open, out }) {
        if (!code || !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(code)) return 64;
        const { s } = await open();
        out(await s.deviceVendors.issueKey(code, name ?? code));
        return 0;
      },
    },
  ],
  authz: async () => (await import('./device.authz.ts')).deviceAuthz,
});
