import type {
  DispatchReason,
  OrderCanceller,
  OrderChannel,
  OrderCommandName,
  OrderStatus,
} from '@yiyang/contracts';

export type { DispatchReason, OrderChannel, OrderCommandName, OrderStatus };

/** `GET /orders` items (server order.schema.ts orderView). */
export interface OrderView {
  id: string;
  status: OrderStatus;
  elderId: string;
  elderNameMasked: string;
  regionCode: string;
  regionName: string | null;
  itemId: string;
  itemCode: string;
  itemName: string;
  providerId: string | null;
  providerName: string | null;
  caregiverId: string | null;
  caregiverName: string | null;
  channel: OrderChannel;
  orderedByName: string;
  plannedStart: string;
  plannedEnd: string;
  priceCents: number;
  elderShareCents: number;
  fundingSource: string;
  agreementId: string | null;
  planId: string | null;
  escalationLevel: number;
  rating: number | null;
  ratingComment: string | null;
  cancelledBy: OrderCanceller | null;
  cancelReason: string | null;
  rejectReason: string | null;
  closingNote: string | null;
  checkInAt: string | null;
  checkOutAt: string | null;
  createdAt: string;
  commands: OrderCommandName[];
}

export interface OrderDetail extends OrderView {
  callNote: string | null;
  note: string | null;
  consent: { basis: string; relation: string; at: string } | null;
  timeline: { action: string; byName: string | null; at: string }[];
  contact: { address: string | null; phone: string | null } | null;
}

export interface OrderQuote {
  elderId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  durationMinutes: number;
  priceCents: number;
  elderShareCents: number;
  fundingSource: string;
  agreementRequired: boolean;
  providers: { organisationId: string; name: string; agreementId: string | null }[];
}

export interface Suggestion {
  caregiverId: string;
  displayName: string;
  eligible: boolean;
  score: number;
  missingCredentials: string[];
  available: boolean;
  distanceKm: number | null;
  servedBefore: number;
  reasons: { code: DispatchReason; params?: Record<string, unknown> }[];
}

export interface OrderCreateBody {
  elderId: string;
  itemId: string;
  plannedStart: string;
  providerId?: string;
  channel?: 'hotline' | 'community_worker';
  callNote?: string;
  note?: string;
}
