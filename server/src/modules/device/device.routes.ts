import { Readable } from 'node:stream';
import { DomainError } from '../../platform/errors.ts';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import {
  bindBody,
  bindParams,
  createBody,
  credentialsView,
  deviceDetail,
  deviceList,
  elderParams,
  idParams,
  ingestResult,
  listQuery,
  updateBody,
  vendorParams,
} from './device.schema.ts';
import type { DeviceService } from './device.service.ts';
import type { VendorIngest } from './device.vendor.ts';

const tags = ['devices'];
const READ = { anyOf: ['device:read', 'device:write'] } as const;
const at = { params: { id: '{{victim.deviceId}}' } };
const MAX_INGEST_BYTES = 256 * 1024;

/** PRODUCT.md §5 `devices`: the registry, binding, credentials; and the devices on an elder's record. */
export function deviceRoutes(app: App, devices: DeviceService): void {
  app.get(
    '/api/v1/devices',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: deviceList } },
    },
    (req) => devices.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/devices',
    {
      config: {
        access: 'device:write',
        authz: {
          body: {
            type: 'button',
            vendor: 'probe',
            serial: 'PROBE-1',
            regionCode: '{{victim.regionCode}}',
          },
        },
        idempotent: true,
      },
      schema: { tags, body: createBody, response: { 201: deviceDetail } },
    },
    (req, reply) => {
      reply.status(201);
      return devices.create(authOf(req), actorOf(req), req.body);
    },
  );
  deviceItemRoutes(app, devices);
}

/** One device: its page, edits, bindings, credentials; the devices on an elder's record. */
function deviceItemRoutes(app: App, devices: DeviceService): void {
  app.get(
    '/api/v1/devices/:id',
    {
      config: { access: READ, authz: at },
      schema: { tags, params: idParams, response: { 200: deviceDetail } },
    },
    (req) => devices.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/devices/:id',
    {
      config: {
        access: 'device:write',
        authz: { ...at, body: { installNote: 'probe' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: updateBody, response: { 200: deviceDetail } },
    },
    (req) => devices.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/devices/:id/bindings',
    {
      config: {
        access: 'device:write',
        authz: { ...at, body: { elderId: '{{victim.elderId}}' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: bindBody, response: { 200: deviceDetail } },
    },
    (req) => devices.bind(authOf(req), actorOf(req), req.params.id, req.body.elderId),
  );
  app.delete(
    '/api/v1/devices/:id/bindings/:elderId',
    {
      config: {
        access: 'device:write',
        authz: { params: { id: '{{victim.spareDeviceId}}', elderId: '{{victim.deviceElderId}}' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: bindParams, response: { 200: deviceDetail } },
    },
    (req) => devices.unbind(authOf(req), actorOf(req), req.params.id, req.params.elderId),
  );
  app.post(
    '/api/v1/devices/:id/credentials',
    {
      config: {
        access: 'device:write',
        authz: at,
        idempotent: { exempt: 'issues a new secret each time; the earlier one stops working' },
      },
      schema: { tags, params: idParams, response: { 200: credentialsView } },
    },
    (req) => devices.credentials(authOf(req), actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/elders/:id/devices',
    {
      config: { access: READ, authz: { params: { id: '{{victim.deviceElderId}}' } } },
      schema: { tags, params: elderParams, response: { 200: deviceList.omit({ nextCursor: true }) } },
    },
    (req) => devices.ofElder(authOf(req), req.params.id),
  );
}

/**
 * `POST /api/v1/ingest/{vendor}/events`: no sign-in, the vendor's signature instead. The raw body is what
 * was signed, so it is read here before any parsing (the JSON parser then sees `{}`); a malformed body is
 * stored and answered 400 by the vendor ingest itself.
 */
export function vendorIngestRoutes(app: App, vendors: VendorIngest): void {
  app.post(
    '/api/v1/ingest/:vendor/events',
    {
      config: {
        access: 'public',
        idempotent: { exempt: "the vendor's message id makes a retry a no-op (device_messages.message_key)" },
      },
      schema: { tags, params: vendorParams, response: { 200: ingestResult } },
      preParsing: async (req, _reply, payload) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of payload as AsyncIterable<Buffer>) {
          size += c.length;
          if (size > MAX_INGEST_BYTES) throw new DomainError('common.bad_request', { status: 413 });
          chunks.push(c);
        }
        (req as { rawBody?: string }).rawBody = Buffer.concat(chunks).toString('utf8');
        const stand = Readable.from([Buffer.from('{}')]) as Readable & { receivedEncodedLength?: number };
        stand.receivedEncodedLength = size;
        return stand;
      },
    },
    async (req) => {
      const r = await vendors.receive(req.params.vendor, (req as { rawBody?: string }).rawBody ?? '', {
        signature: req.headers['x-yiyang-signature'] as string | undefined,
        timestamp: req.headers['x-yiyang-timestamp'] as string | undefined,
      });
      return { messageId: r.messageId, duplicate: r.duplicate, outcome: r.outcome, alarmId: r.alarmId };
    },
  );
}
