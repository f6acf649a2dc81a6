/** Service orders (服务工单): its manifest; nothing else of it is used by other modules yet. */
export { orderModule } from './order.module.ts';
