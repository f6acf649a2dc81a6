import { api } from '../../api/client.ts';
import type { OrderCreateBody, OrderDetail, OrderQuote, Suggestion } from './orderTypes.ts';

/** `/api/v1/orders…` (decision 021). */
export const ORDERS_PATH = '/orders';
/** React-query key prefix of every order query (realtime `order.*` events mark them stale). */
export const ORDERS_KEY = 'orders';

const one = (id: string) => `${ORDERS_PATH}/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);
/** A fresh key per user action: a retry of a lost answer replays the first result (decision 015). */
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });

export const fetchOrder = (id: string, signal?: AbortSignal) =>
  api.get<OrderDetail>(one(id), undefined, opts(signal));
export const fetchSuggestions = (id: string, signal?: AbortSignal) =>
  api.get<{ orderId: string; items: Suggestion[] }>(`${one(id)}/suggestions`, undefined, opts(signal));
export const fetchQuote = (q: { elderId: string; itemId: string; start?: string }, signal?: AbortSignal) =>
  api.get<OrderQuote>(`${ORDERS_PATH}/quote`, q, opts(signal));

export const createOrder = (body: OrderCreateBody) => api.post<OrderDetail>(ORDERS_PATH, body, keyed());
/** `POST /orders/{id}/{command}` with its body. */
export const orderCommand = (id: string, command: string, body: object = {}) =>
  api.post<OrderDetail>(`${one(id)}/${command}`, body, keyed());
