/** Devices (智能设备): its manifest; nothing else of it is used by other modules yet. */
export { deviceModule } from './device.module.ts';
