/**
 * Emergency assistance (紧急援助): the alarm module's public surface. `openAlarm` is the seam the device
 * ingest (MQTT, vendor HTTP) calls inside its own transaction.
 */
export { alarmModule } from './alarm.module.ts';
export { openAlarm, type OpenAlarmInput } from './alarm.open.ts';
