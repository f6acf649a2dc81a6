import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintSatisfaction,
  ComplaintStatus,
  ReturnVisitResult,
  ReturnVisitStatus,
} from '@yiyang/contracts';
import { api } from '../../api/client.ts';

/** React-query key prefix of complaints and return visits. */
export const FEEDBACK_KEY = 'feedback';

/** `GET /complaints` items (server feedback.schema.ts complaintView). */
export interface Complaint {
  id: string;
  regionCode: string;
  elderId: string | null;
  elderNameMasked: string | null;
  orderId: string | null;
  providerId: string | null;
  organisationId: string | null;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  description: string;
  complainantName: string | null;
  complainantPhoneMasked: string | null;
  status: ComplaintStatus;
  dueAt: string;
  overdue: boolean;
  escalationLevel: number;
  response: string | null;
  correctiveAction: string | null;
  respondedAt: string | null;
  satisfaction: ComplaintSatisfaction | null;
  closedAt: string | null;
  createdAt: string;
  commands: string[];
}
export interface ComplaintDetail extends Complaint {
  timeline: { action: string; byName: string | null; note: string | null; at: string }[];
}
export interface ReturnVisit {
  id: string;
  orderId: string;
  elderNameMasked: string | null;
  itemName: string;
  visitEndedAt: string | null;
  status: ReturnVisitStatus;
  serviceHappened: boolean | null;
  result: ReturnVisitResult | null;
  complaintId: string | null;
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });

export const fetchComplaints = (
  q: { regionCode?: string | undefined; status?: string | undefined; overdue?: boolean | undefined },
  signal?: AbortSignal,
) => api.get<{ items: Complaint[] }>('/complaints', q, opts(signal));
export const fetchComplaint = (id: string, signal?: AbortSignal) =>
  api.get<ComplaintDetail>(`/complaints/${encodeURIComponent(id)}`, undefined, opts(signal));
export const fileComplaint = (body: object) => api.post<ComplaintDetail>('/complaints', body, keyed());
export const complaintCommand = (id: string, command: string, body: object) =>
  api.post<ComplaintDetail>(`/complaints/${encodeURIComponent(id)}/${command}`, body, keyed());

export const fetchReturnVisits = (
  q: { regionCode?: string | undefined; status?: string | undefined },
  signal?: AbortSignal,
) => api.get<{ items: ReturnVisit[] }>('/return-visits', q, opts(signal));
export const sampleReturnVisits = (body: object) =>
  api.post<{ population: number; sampled: number }>('/return-visits/sample', body, keyed());
export const recordReturnVisit = (id: string, body: object) =>
  api.post<ReturnVisit>(`/return-visits/${encodeURIComponent(id)}/record`, body, keyed());
