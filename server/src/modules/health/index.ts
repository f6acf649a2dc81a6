/**
 * Health monitoring (decision 031): the manifest, and the device ingest's hook (vital signs and ambient
 * events of bound devices, recorded in the ingest's transaction).
 */
export { healthModule } from './health.module.ts';
export { recordDeviceSignals, type DeviceSignal } from './health.vitals.ts';
