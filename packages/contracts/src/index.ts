export * from './access.ts';
export * from './region.ts';
export * from './problem.ts';
export * from './messages.ts';
export * from './organisation.ts';
export * from './elder.ts';
