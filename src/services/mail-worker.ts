// The background round run by every server process (and by `moot outbox deliver`): read new publication events
// into the outbox, queue the daily digests when due, deliver what is due, and forget unconfirmed requests after a
// week. Several processes may run it at once: the event cursor and the outbox claims keep them from doubling work.
import { createMailer, type Mailer } from '../mail/index.js';
import type { Store } from '../store/db.js';
import { purgeUnconfirmed, processPublicationEvents, sendDigests, type AlertContext } from './alerts.js';
import { deliverDue, type DeliveryOptions, type DeliveryReport } from './outbox.js';

export interface MailRoundOptions extends Omit<DeliveryOptions, 'mailer'> {
  mailer: Mailer;
  context: () => Promise<AlertContext>;
  /** See services/events.ts. */
  settleMs?: number;
}

export interface MailRoundReport {
  events: number;
  digests: number;
  purged: number;
  delivery: DeliveryReport | null;
}

export async function runMailRound(store: Store, options: MailRoundOptions): Promise<MailRoundReport> {
  const ctx = await options.context();
  const events = await processPublicationEvents(store, ctx, { settleMs: options.settleMs });
  const digests = await sendDigests(store, ctx);
  const purged = await purgeUnconfirmed(store, ctx.now);
  // Without SMTP the messages wait in the outbox (nothing is lost) until email is configured.
  const delivery = options.mailer.configured ? await deliverDue(store, options) : null;
  return { events, digests, purged, delivery };
}

/**
 * Runs a round every `everyMs` (default 5 s) until stopped; errors are logged, never fatal. Without a mailer, one
 * is made from the environment (SMTP_URL, MAIL_FROM); `configured` says whether messages can leave.
 */
export function startMailWorker(store: Store, partial: Omit<MailRoundOptions, 'mailer'> & { mailer?: Mailer; everyMs?: number; log: (error: unknown) => void }): { stop: () => Promise<void>; configured: boolean } {
  const ownMailer = !partial.mailer;
  const options = { ...partial, mailer: partial.mailer ?? createMailer() };
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runMailRound(store, options).catch(options.log).finally(() => {
      if (!stopped) timer = setTimeout(tick, options.everyMs ?? 5000);
    });
  };
  let timer = setTimeout(tick, options.everyMs ?? 5000);
  return {
    configured: options.mailer.configured,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (ownMailer) options.mailer.close();
    },
  };
}
