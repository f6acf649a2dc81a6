import type { Executor } from '../../platform/db.ts';
import {
  activeAgreements,
  contractedProviders,
  priceFor,
  pricingFactsOf,
  serviceItemOn,
  type ServiceItemRow,
} from '../service/index.ts';
import { elderPosition, type ElderRow } from '../elder/index.ts';
import { caregiversOf, dispatchFactsOf } from '../staff/index.ts';

/**
 * What the order module takes from the service catalogue (helper C's `service/index.ts`) and the staff
 * module (helper S's `staff/index.ts`), behind small private functions: the module's own code names these.
 */
export type OrderItem = ServiceItemRow;

export interface OrderPrice {
  priceCents: number;
  elderShareCents: number;
  fundingSource: string;
}

export const seams = {
  /** The catalogue version of this item valid on the visit's day (a price change makes a new version). */
  item: (db: Executor, id: string, onDate: string): Promise<OrderItem | null> =>
    serviceItemOn(db, id, onDate),
  /** `priceFor` (the one price function) on the elder's facts that day. */
  price: async (db: Executor, item: OrderItem, elder: ElderRow, onDate: string): Promise<OrderPrice> => {
    const p = priceFor(item, await pricingFactsOf(db, elder.id, onDate, elder), onDate);
    return { priceCents: p.priceCents, elderShareCents: p.elderShareCents, fundingSource: p.fundingSource };
  },
  contractedProviders,
  activeAgreements,
  caregiversOf,
  dispatchFactsOf,
  elderPosition,
};
