import type { Tx } from '../../platform/db.ts';
import type { UnitOfWork } from '../../platform/uow.ts';
import { openAlarm, type OpenAlarmInput } from '../alarm/index.ts';

/** What the ingest asks of the alarm module (a device or a vendor cloud opens it). */
export type DeviceAlarmInput = OpenAlarmInput & { source: 'device' | 'vendor_http' };

/** Opens (or folds into) an alarm in the ingest's transaction: the message and its alarm commit together. */
export const openDeviceAlarm = (tx: Tx, uow: UnitOfWork, input: DeviceAlarmInput) =>
  openAlarm(tx, uow, input);

/** A welfare call found an elder who needs help (decision 029): the seat's alarm, in the call's transaction. */
export const openWelfareAlarm = (tx: Tx, uow: UnitOfWork, input: OpenAlarmInput & { source: 'hotline' }) =>
  openAlarm(tx, uow, input);
