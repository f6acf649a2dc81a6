export * from './access.ts';
export * from './region.ts';
export * from './problem.ts';
export * from './messages.ts';
export * from './organisation.ts';
export * from './elder.ts';
export * from './assessment.ts';
export * from './assessment.standard.ts';
export * from './assessment.messages.ts';
export * from './assessment.appendixA.ts';
export * from './order.ts';
export * from './text.ts';
export * from './events.ts';
export * from './audit.labels.ts';
// Wire shapes as types only: zod schemas load from '@yiyang/contracts/wire'.
export type * from './wire.ts';
export * from './service.ts';
export * from './staff.ts';
export * from './device.ts';
