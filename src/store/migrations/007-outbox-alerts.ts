// Open data and alerts: the durable outbox (every email and webhook leaves through it, retried with backoff,
// at least once, each with an idempotency key), email alert subscribers and their subscriptions (double opt-in,
// immediate or daily), digest items waiting for the daily email, the cursors of the publication-event readers,
// and outgoing webhook endpoints.
import type { Kysely } from 'kysely';
import { int, text, withId, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db, dialect, 'outbox')
    .addColumn('idempotency_key', text, (c) => c.notNull().unique())
    .addColumn('channel', text, (c) => c.notNull()) // 'email' | 'webhook'
    .addColumn('purpose', text, (c) => c.notNull()) // 'confirm' | 'alert' | 'digest' | 'papers' | 'webhook' | 'notice'
    .addColumn('recipient', text, (c) => c.notNull()) // email address or URL
    .addColumn('meeting_id', int)
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('payload_json', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull()) // 'pending' | 'sending' | 'sent' | 'failed'
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('locked_until', text)
    .addColumn('locked_by', text)
    .addColumn('last_error', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('sent_at', text)
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_recipient_sent').on('outbox').columns(['recipient', 'sent_at']).execute();
  await db.schema.createIndex('outbox_meeting').on('outbox').columns(['meeting_id', 'purpose']).execute();

  await withId(db, dialect, 'alert_subscriber')
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('token', text, (c) => c.notNull().unique()) // capability for the manage and unsubscribe links
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await withId(db, dialect, 'alert_subscription')
    .addColumn('subscriber_id', int, (c) => c.notNull().references('alert_subscriber.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull()) // 'body' | 'search' | 'decisions' | 'person' | 'forward-plan'
    .addColumn('target_json', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('frequency', text, (c) => c.notNull()) // 'immediate' | 'daily'
    .addColumn('confirm_token', text, (c) => c.unique())
    .addColumn('confirmed_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_digest_on', text)
    .execute();
  await db.schema.createIndex('alert_subscription_kind').on('alert_subscription').columns(['kind', 'confirmed_at']).execute();
  await db.schema.createIndex('alert_subscription_subscriber').on('alert_subscription').column('subscriber_id').execute();

  await withId(db, dialect, 'alert_digest_item')
    .addColumn('subscription_id', int, (c) => c.notNull().references('alert_subscription.id').onDelete('cascade'))
    .addColumn('event_key', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('alert_digest_item_once', ['subscription_id', 'event_key'])
    .execute();

  await db.schema.createTable('event_cursor')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('last_id', int, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await withId(db, dialect, 'webhook')
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('events_json', text, (c) => c.notNull()) // event types it wants
    .addColumn('active', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .execute();
}
