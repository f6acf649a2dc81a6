import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceType } from '@yiyang/contracts';
import type { Platform } from '../../platform/context.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { maskAddress } from '../../platform/masking.ts';
import { someEldersOf, syntheticCoordinates } from '../elder/index.ts';
import { deviceRepo } from './device.repo.ts';
import { ADDRESS_CONTEXT } from './device.service.ts';
import { secretHashOf } from './device.mqtt.ts';

/**
 * Demo devices (issue 16 item 6): a call button shared by a couple, a watch, a fall radar and a smoke
 * detector bound to demo elders, and one button not yet bound. Their MQTT credentials are written to
 * `<DATA_DIR>/demo-device-secrets.json` (mode 600) for the simulator and demonstrations.
 */
export async function seedDevices(p: Platform, demo: DemoDistrict): Promise<void> {
  const elders = await someEldersOf(p.db, demo.communityCode, 4);
  if (elders.length < 4) return;
  const [a, b, c, d] = elders;
  const plan: { type: DeviceType; serial: string; elderIds: string[]; addr: string | null }[] = [
    { type: 'button', serial: 'YK-0001', elderIds: [a!.id, b!.id], addr: '幸福社区3栋2单元501' },
    { type: 'watch', serial: 'SW-1001', elderIds: [c!.id], addr: '幸福社区5栋1单元302' },
    { type: 'radar', serial: 'LD-2001', elderIds: [d!.id], addr: '幸福社区8栋101' },
    { type: 'smoke', serial: 'YG-3001', elderIds: [a!.id, b!.id], addr: '幸福社区3栋2单元501' },
    { type: 'button', serial: 'YK-0002', elderIds: [], addr: null },
  ];
  const secrets: { id: string; serial: string; password: string }[] = [];
  const repo = deviceRepo(p.db);
  for (const [i, x] of plan.entries()) {
    const password = randomBytes(32).toString('base64url');
    const pos = syntheticCoordinates(demo.communityCode, i);
    const row = await repo.insert({
      type: x.type,
      vendor: 'demo',
      serial: x.serial,
      model: 'DEMO',
      regionCode: demo.communityCode,
      organisationId: demo.providerIds[0] ?? null,
      addressEnc: x.addr ? p.cipher.encrypt(x.addr, ADDRESS_CONTEXT) : null,
      addressMasked: x.addr ? maskAddress(x.addr) : null,
      lat: pos.lat,
      lng: pos.lng,
      installedOn: '2026-01-15',
      installer: '演示服务站',
      heartbeatSeconds: x.type === 'smoke' ? 86400 : 3600,
      battery: 90 - i * 7,
      secretHash: secretHashOf(p.cipher, password),
    });
    for (const elderId of x.elderIds) await repo.bind(row.id, elderId, null);
    secrets.push({ id: row.id, serial: x.serial, password });
  }
  mkdirSync(p.config.dataDir, { recursive: true });
  writeFileSync(join(p.config.dataDir, 'demo-device-secrets.json'), JSON.stringify(secrets, null, 2), {
    mode: 0o600,
  });
}
