import type { Executor } from '../../platform/db.ts';
import {
  activeAgreement,
  contractedProviders,
  priceFor,
  pricingFactsOf,
  serviceItemOn,
  type ServiceItemRow,
} from '../service/index.ts';

/**
 * What the order module takes from the service catalogue (helper C's `service/index.ts`) and the staff
 * module (helper S's `staff/index.ts`), behind small private functions: the module's own code names these.
 * The staff part is TEMPORARY until that seam is merged: each throws.
 */
export type OrderItem = ServiceItemRow;

export interface OrderPrice {
  priceCents: number;
  elderShareCents: number;
  fundingSource: string;
}

export interface OrderCaregiver {
  userId: string;
  organisationId: string;
  displayName: string;
  base: { lat: number; lng: number } | null;
  validKinds: string[];
}

const unwired = (): never => {
  throw new Error('order seams not wired yet');
};

export const seams = {
  /** The catalogue version of this item valid on the visit's day (a price change makes a new version). */
  item: (db: Executor, id: string, onDate: string): Promise<OrderItem | null> =>
    serviceItemOn(db, id, onDate),
  /** `priceFor` (the one price function) on the elder's facts that day. */
  price: async (db: Executor, item: OrderItem, elderId: string, onDate: string): Promise<OrderPrice> => {
    const p = priceFor(item, await pricingFactsOf(db, elderId, onDate), onDate);
    return { priceCents: p.priceCents, elderShareCents: p.elderShareCents, fundingSource: p.fundingSource };
  },
  contractedProviders,
  activeAgreement,
  caregiversOf: async (_db: Executor, _orgs: string[], _onDate: string): Promise<OrderCaregiver[]> =>
    unwired(),
  credentialGaps: async (
    _db: Executor,
    _userId: string,
    _required: string[],
    _onDate: string,
  ): Promise<string[]> => unwired(),
  availableBetween: async (
    _db: Executor,
    _userIds: string[],
    _start: Date,
    _end: Date,
  ): Promise<Set<string>> => unwired(),
};
