import type { DomainEvent, DomainEventOf, EventTopic, RealtimeMessage } from '@yiyang/contracts';
import { API_BASE } from './client.ts';

/** The part of the browser's WebSocket the client uses (so Node tests can pass `ws`). */
export interface SocketLike {
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  close(code?: number): void;
}

export interface RealtimeOptions {
  /** Opens a socket to the given URL; default `new WebSocket(url)`. */
  open?: (url: string) => SocketLike;
  /** Where `/api/v1/events` is; default this page's origin. */
  base?: string;
  /** Reconnect delays: doubling from `minDelayMs` up to `maxDelayMs`, with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

type Handler = (e: DomainEvent) => void;
// Ids remembered for dropping events sent twice (a resume may resend the last few).
const REMEMBERED_IDS = 2000;

/**
 * The console's connection to `/api/v1/events` (RealtimeMessage, contracts):
 * typed subscriptions per topic, reconnection with backoff, and no gaps — on
 * reconnect it sends the last cursor it was given and the server replays
 * what it missed; events it was sent already are dropped by id. When the gap
 * was too long to replay, `onReset` handlers are told to reload.
 */
export class RealtimeClient {
  private readonly handlers = new Map<EventTopic | '*', Set<Handler>>();
  private readonly resetHandlers = new Set<() => void>();
  private readonly seen = new Set<number>();
  private cursor: string | null = null;
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private running = false;

  constructor(private readonly options: RealtimeOptions = {}) {}

  /** Calls `handler` with each event of `topic`; returns the unsubscribe function. */
  on<T extends EventTopic>(topic: T, handler: (e: DomainEventOf<T>) => void): () => void {
    return this.add(topic, handler as Handler);
  }

  /** Calls `handler` with every event. */
  onAny(handler: (e: DomainEvent) => void): () => void {
    return this.add('*', handler);
  }

  /** Called when events may have been missed (the gap was too long to replay): reload what is shown. */
  onReset(handler: () => void): () => void {
    this.resetHandlers.add(handler);
    return () => this.resetHandlers.delete(handler);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes the connection; `start()` again resumes after the last cursor. */
  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }

  private add(key: EventTopic | '*', handler: Handler): () => void {
    let set = this.handlers.get(key);
    if (!set) this.handlers.set(key, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  private url(): string {
    const base = this.options.base ?? `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    const after = this.cursor === null ? '' : `?after=${encodeURIComponent(this.cursor)}`;
    return `${base}${API_BASE}/events${after}`;
  }

  private connect(): void {
    const url = this.url();
    const socket = this.options.open ? this.options.open(url) : (new WebSocket(url) as unknown as SocketLike);
    this.socket = socket;
    socket.onmessage = (ev) => this.receive(JSON.parse(String(ev.data)) as RealtimeMessage);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.running) this.retry();
    };
  }

  private retry(): void {
    const min = this.options.minDelayMs ?? 1000;
    const max = this.options.maxDelayMs ?? 30_000;
    const delay = Math.min(max, min * 2 ** this.failures++) * (0.75 + Math.random() * 0.5);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private receive(m: RealtimeMessage): void {
    if (m.type === 'hello') this.failures = 0;
    if (m.type === 'reset') for (const h of this.resetHandlers) h();
    if (m.type === 'event' && !this.seen.has(m.event.id)) {
      this.remember(m.event.id);
      for (const key of [m.event.topic, '*'] as const)
        for (const h of this.handlers.get(key) ?? []) {
          try {
            h(m.event);
          } catch (err) {
            console.error('realtime handler failed', err);
          }
        }
    }
    this.cursor = m.cursor;
  }

  private remember(id: number): void {
    this.seen.add(id);
    if (this.seen.size <= REMEMBERED_IDS) return;
    // A Set iterates in insertion order: drop the oldest.
    const oldest = this.seen.values().next().value;
    if (oldest !== undefined) this.seen.delete(oldest);
  }
}
