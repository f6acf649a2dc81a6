// The one Drizzle schema: every module's tables, for the client and drizzle-kit.
export * from '../platform/platform.table.ts';
export * from '../modules/region/region.table.ts';
export * from '../modules/organisation/organisation.table.ts';
export * from '../modules/user/user.table.ts';
export * from '../modules/auth/auth.table.ts';
export * from '../modules/elder/elder.table.ts';
export * from '../modules/elder/import/elder.import.table.ts';
export * from '../modules/staff/staff.table.ts';
export * from '../modules/assessment/assessment.table.ts';
export * from '../modules/service/service.table.ts';
export * from '../modules/order/order.table.ts';
export * from '../modules/alarm/alarm.table.ts';
export * from '../modules/visit/visit.table.ts';
export * from '../modules/device/device.table.ts';
export * from '../modules/health/health.table.ts';
