import type { Logger } from 'pino';
import type { Executor } from '../../platform/db.ts';
import { maskPhone } from '../../platform/masking.ts';
import { alarmNotifications } from './alarm.table.ts';

/** One message to one person: an SMS to a number, or an app notice to an account. */
export interface Notification {
  to: { userId: string | null; phone?: string | null };
  channel: 'sms' | 'app';
  /** A template code (e.g. `alarm.family_opened`); the provider holds the wording. */
  template: string;
  params: Record<string, string>;
  alarmId?: string | null;
}

/**
 * Where notifications go, whatever the provider (an SMS gateway, the app's push service). `send` runs in
 * the caller's transaction: what was sent is recorded with the step that sent it.
 */
export interface Notifier {
  send(db: Executor, n: Notification): Promise<void>;
}

/**
 * The development driver: sends nothing, records each message (the number masked) in
 * `alarm_notifications` and the log. Tests and the console read the table.
 */
export class LoggingNotifier implements Notifier {
  constructor(private readonly log?: Pick<Logger, 'info'>) {}

  async send(db: Executor, n: Notification): Promise<void> {
    const params = { ...n.params, ...(n.to.phone ? { to: maskPhone(n.to.phone) } : {}) };
    await db.insert(alarmNotifications).values({
      alarmId: n.alarmId ?? null,
      toUserId: n.to.userId,
      channel: n.channel,
      template: n.template,
      params,
    });
    this.log?.info({ channel: n.channel, template: n.template, toUserId: n.to.userId }, 'notification');
  }
}
