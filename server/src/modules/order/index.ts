/** Service orders (服务工单): its manifest, and the follow-up visit other modules place (alarms). */
export { orderModule } from './order.module.ts';
export { placeFollowUpOrder } from './order.followup.ts';
