import type { Tx } from '../../platform/db.ts';
import type { UnitOfWork } from '../../platform/uow.ts';
import type { DeviceAlarmKind } from '@yiyang/contracts';

/** What the ingest asks of the alarm module (its `openAlarm(tx, uow, input)` seam, issue 16). */
export interface DeviceAlarmInput {
  source: 'device' | 'vendor_http';
  kind: DeviceAlarmKind;
  deviceId: string | null;
  deviceSerial: string | null;
  elderIds: string[];
  regionCode: string | null;
  position: { lat: number; lng: number } | null;
  occurredAt: Date;
  messageId: string;
}

/**
 * Opens (or folds into) an alarm in the ingest's transaction. Until the alarm module is merged this opens
 * nothing and returns null: the message is committed as `alarm` without an alarm id.
 */
export async function openDeviceAlarm(
  _tx: Tx,
  _uow: UnitOfWork,
  _input: DeviceAlarmInput,
): Promise<{ alarmId: string; folded: boolean } | null> {
  return null;
}
