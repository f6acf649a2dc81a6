import type { Actor } from '../../platform/audit.ts';
import { todayIso } from '../../platform/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import { findElder } from '../elder/index.ts';
import { serviceItemsOn } from '../service/index.ts';
import type { OrderDeps } from './order.deps.ts';
import { placeOrder } from './order.place.ts';

/**
 * A follow-up visit another module asks for (a real emergency's 回访, issue 16): the catalogue item of the
 * elder's district with this code, placed through the one create command on the hotline channel. Returns the
 * order, or why none was placed (no such item, no contracted provider, a funded item without agreement):
 * the caller records the reason and a person follows up by hand.
 */
export async function placeFollowUpOrder(
  deps: OrderDeps,
  actor: Actor,
  input: { elderId: string; itemCode: string; plannedStart: Date; note: string },
): Promise<{ orderId: string | null; reason: string | null }> {
  const elder = await findElder(deps.db, input.elderId);
  if (!elder) return { orderId: null, reason: 'order.elder_not_found' };
  const district = `${elder.regionCode.slice(0, 6)}000000`;
  const items = await serviceItemsOn(deps.db, district, todayIso(input.plannedStart));
  const item = items.find((i) => i.code === input.itemCode);
  if (!item) return { orderId: null, reason: 'order.item_not_found' };
  try {
    const row = await placeOrder(deps, actor, {
      elder,
      itemId: item.id,
      plannedStart: input.plannedStart,
      channel: 'hotline',
      orderedBy: actor.userId,
      orderedByName: actor.name,
      note: input.note,
    });
    return { orderId: row?.id ?? null, reason: row ? null : 'order.not_placed' };
  } catch (err) {
    if (err instanceof DomainError) return { orderId: null, reason: err.code };
    throw err;
  }
}
