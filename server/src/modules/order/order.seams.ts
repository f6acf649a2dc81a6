import type { Executor } from '../../platform/db.ts';

/**
 * What the order module takes from the service catalogue (helper C's `service/index.ts`) and the staff
 * module (helper S's `staff/index.ts`), behind small private functions: the module's own code names these.
 * TEMPORARY until the seams are merged: each throws.
 */
export interface OrderItem {
  id: string;
  districtCode: string;
  code: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  requiredCredentials: string[];
}

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
  item: async (_db: Executor, _id: string): Promise<OrderItem | null> => unwired(),
  price: async (_db: Executor, _item: OrderItem, _elderId: string, _onDate: string): Promise<OrderPrice> =>
    unwired(),
  contractedProviders: async (
    _db: Executor,
    _q: { regionCode: string; itemId: string; onDate: string },
  ): Promise<{ organisationId: string; name: string }[]> => unwired(),
  activeAgreement: async (
    _db: Executor,
    _q: { elderId: string; organisationId: string; itemId: string; onDate: string },
  ): Promise<{ id: string } | null> => unwired(),
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
