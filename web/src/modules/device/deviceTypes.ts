import type { DeviceHealthState, DeviceStatus, DeviceTaskKind, DeviceType } from '@yiyang/contracts';

/** `GET /devices` items (server device.schema.ts deviceView). */
export interface DeviceView {
  id: string;
  type: DeviceType;
  vendor: string;
  serial: string;
  model: string | null;
  regionCode: string | null;
  addressMasked: string | null;
  installedOn: string | null;
  installer: string | null;
  heartbeatSeconds: number;
  battery: number | null;
  status: DeviceStatus;
  lastSeenAt: string | null;
  health: DeviceHealthState;
  mainsFailAt: string | null;
  openTasks: { id: string; kind: DeviceTaskKind; openedAt: string; areaEventId: string | null }[];
  messageCount: number;
  malformedCount: number;
  hasCredentials: boolean;
  bindings: { elderId: string; elderNameMasked: string | null; boundAt: string }[];
}

/** `GET /devices/{id}`: the device and its recent messages (raw payloads, for the installer's checks). */
export interface DeviceDetail extends DeviceView {
  recentMessages: {
    id: string;
    receivedAt: string;
    channel: string;
    outcome: string;
    error: string | null;
    alarmId: string | null;
  }[];
}
