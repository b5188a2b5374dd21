// Email alert subscribers and subscriptions, digest items, the recipients of papers for a meeting, and webhook
// endpoints. An address is stored only while it has a subscription (confirmed, or waiting for confirmation for
// at most a week): removing the last subscription removes the subscriber and what was queued or logged for them.
import type { Queryable } from './db.js';

export function subscriberByEmail(db: Queryable, email: string) {
  return db.selectFrom('alert_subscriber').selectAll().where('email', '=', email).executeTakeFirst();
}

export function subscriberByToken(db: Queryable, token: string) {
  return db.selectFrom('alert_subscriber').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function createSubscriber(db: Queryable, email: string, token: string, now: string): Promise<number> {
  const row = await db.insertInto('alert_subscriber').values({ email, token, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function subscriptionsOf(db: Queryable, subscriberId: number) {
  return db.selectFrom('alert_subscription').selectAll().where('subscriber_id', '=', subscriberId).orderBy('created_at').orderBy('id').execute();
}

export function findSubscription(db: Queryable, subscriberId: number, kind: string, targetJson: string) {
  return db.selectFrom('alert_subscription').selectAll().where('subscriber_id', '=', subscriberId).where('kind', '=', kind).where('target_json', '=', targetJson).executeTakeFirst();
}

export async function insertSubscription(db: Queryable, v: { subscriberId: number; kind: string; targetJson: string; label: string; frequency: string; confirmToken: string; now: string }): Promise<number> {
  const row = await db.insertInto('alert_subscription').values({
    subscriber_id: v.subscriberId, kind: v.kind, target_json: v.targetJson, label: v.label, frequency: v.frequency, confirm_token: v.confirmToken,
    confirmed_at: null, created_at: v.now, last_digest_on: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function subscriptionByConfirmToken(db: Queryable, token: string) {
  return db.selectFrom('alert_subscription').innerJoin('alert_subscriber', 'alert_subscriber.id', 'alert_subscription.subscriber_id')
    .selectAll('alert_subscription').select(['alert_subscriber.email', 'alert_subscriber.token'])
    .where('alert_subscription.confirm_token', '=', token).executeTakeFirst();
}

export async function markConfirmed(db: Queryable, id: number, now: string): Promise<void> {
  await db.updateTable('alert_subscription').set({ confirmed_at: now, confirm_token: null }).where('id', '=', id).execute();
}

export async function setFrequency(db: Queryable, subscriberId: number, id: number, frequency: string): Promise<number> {
  const r = await db.updateTable('alert_subscription').set({ frequency }).where('id', '=', id).where('subscriber_id', '=', subscriberId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Email kinds that concern a subscriber only (not papers to members): forgotten with the address. */
const SUBSCRIBER_MAIL = ['confirm', 'alert', 'digest', 'notice'];

/** Removes one subscription (or all, when id is null); with the last one, the subscriber and their mail log go. */
export async function removeSubscriptions(db: Queryable, subscriberId: number, id: number | null): Promise<{ removed: number; subscriberRemoved: boolean }> {
  let del = db.deleteFrom('alert_subscription').where('subscriber_id', '=', subscriberId);
  if (id !== null) del = del.where('id', '=', id);
  const subs = await db.selectFrom('alert_subscription').select('id').where('subscriber_id', '=', subscriberId).execute();
  const gone = id === null ? subs.map((s) => s.id) : subs.filter((s) => s.id === id).map((s) => s.id);
  if (gone.length) await db.deleteFrom('alert_digest_item').where('subscription_id', 'in', gone).execute();
  const r = await del.executeTakeFirst();
  const left = subs.length - gone.length;
  if (left > 0) return { removed: Number(r.numDeletedRows), subscriberRemoved: false };
  const sub = await db.selectFrom('alert_subscriber').select('email').where('id', '=', subscriberId).executeTakeFirst();
  if (sub) await db.deleteFrom('outbox').where('recipient', '=', sub.email).where('purpose', 'in', SUBSCRIBER_MAIL).execute();
  await db.deleteFrom('alert_subscriber').where('id', '=', subscriberId).execute();
  return { removed: Number(r.numDeletedRows), subscriberRemoved: true };
}

/** Confirmed subscriptions of some kinds, with the subscriber's address and token. */
export function confirmedSubscriptions(db: Queryable, kinds: string[]) {
  return db.selectFrom('alert_subscription').innerJoin('alert_subscriber', 'alert_subscriber.id', 'alert_subscription.subscriber_id')
    .select(['alert_subscription.id', 'alert_subscription.subscriber_id', 'alert_subscription.kind', 'alert_subscription.target_json', 'alert_subscription.label',
      'alert_subscription.frequency', 'alert_subscriber.email', 'alert_subscriber.token'])
    .where('alert_subscription.kind', 'in', kinds).where('alert_subscription.confirmed_at', 'is not', null).orderBy('alert_subscription.id').execute();
}

export async function addDigestItem(db: Queryable, v: { subscriptionId: number; eventKey: string; title: string; url: string; summary: string; now: string }): Promise<void> {
  await db.insertInto('alert_digest_item').values({ subscription_id: v.subscriptionId, event_key: v.eventKey, title: v.title, url: v.url, summary: v.summary, created_at: v.now })
    .onConflict((oc) => oc.columns(['subscription_id', 'event_key']).doNothing()).execute();
}

/** Daily subscriptions with items waiting and no digest yet today. */
export function waitingDigestItems(db: Queryable, today: string) {
  return db.selectFrom('alert_digest_item').innerJoin('alert_subscription', 'alert_subscription.id', 'alert_digest_item.subscription_id')
    .innerJoin('alert_subscriber', 'alert_subscriber.id', 'alert_subscription.subscriber_id')
    .select(['alert_digest_item.id', 'alert_digest_item.title', 'alert_digest_item.url', 'alert_digest_item.summary', 'alert_subscription.id as subscription_id',
      'alert_subscription.label', 'alert_subscriber.id as subscriber_id', 'alert_subscriber.email', 'alert_subscriber.token'])
    .where('alert_subscription.frequency', '=', 'daily')
    .where((eb) => eb.or([eb('alert_subscription.last_digest_on', 'is', null), eb('alert_subscription.last_digest_on', '<', today)]))
    .orderBy('alert_subscriber.id').orderBy('alert_digest_item.id').execute();
}

export async function digestSent(db: Queryable, itemIds: number[], subscriptionIds: number[], today: string): Promise<void> {
  if (itemIds.length) await db.deleteFrom('alert_digest_item').where('id', 'in', itemIds).execute();
  if (subscriptionIds.length) await db.updateTable('alert_subscription').set({ last_digest_on: today }).where('id', 'in', subscriptionIds).execute();
}

/** Subscriptions never confirmed since `before`: removed, with subscribers left with none. */
export async function unconfirmedBefore(db: Queryable, before: string) {
  return db.selectFrom('alert_subscription').select(['id', 'subscriber_id']).where('confirmed_at', 'is', null).where('created_at', '<', before).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// What an alert is about

/** The committee an alert names, by id. */
export function alertBody(db: Queryable, bodyId: number) {
  return db.selectFrom('body').select('name').where('id', '=', bodyId).executeTakeFirst();
}

/** The councillor (or co-opted member) an alert names, by id. */
export function alertCouncillor(db: Queryable, personId: number) {
  return db.selectFrom('person').select(['id']).where('id', '=', personId)
    .where('kind', 'in', ['councillor', 'co-opted']).executeTakeFirst();
}

/** Was the person a member of the body on the date, or named in the meeting's attendance? */
export async function personConcernedWithMeeting(db: Queryable, personId: number, m: { bodyId: number; meetingId: number; date: string }): Promise<boolean> {
  const member = await db.selectFrom('membership').select('id').where('person_id', '=', personId).where('body_id', '=', m.bodyId)
    .where('starts_on', '<=', m.date).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', m.date)])).executeTakeFirst();
  if (member) return true;
  const attended = await db.selectFrom('attendance').select('id').where('person_id', '=', personId).where('meeting_id', '=', m.meetingId).executeTakeFirst();
  return !!attended;
}

// ---------------------------------------------------------------------------------------------------------------
// Papers to members

export function meetingForMail(db: Queryable, meetingId: number) {
  return db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.date', 'meeting.time', 'meeting.venue', 'meeting.status', 'meeting.historic', 'meeting.agenda_published_at',
      'meeting.body_id', 'body.name as body_name', 'body.slug as body_slug'])
    .where('meeting.id', '=', meetingId).executeTakeFirst();
}

/** Members (and substitutes) of the body on the meeting's date, and everyone named in its attendance, with email. */
export async function paperRecipients(db: Queryable, meetingId: number, bodyId: number, date: string) {
  const members = await db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.person_id')
    .select(['person.id', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.email', 'membership.role'])
    .where('membership.body_id', '=', bodyId).where('membership.starts_on', '<=', date)
    .where((eb) => eb.or([eb('membership.ends_on', 'is', null), eb('membership.ends_on', '>=', date)]))
    .where('person.email', 'is not', null).execute();
  const attendees = await db.selectFrom('attendance').innerJoin('person', 'person.id', 'attendance.person_id')
    .select(['person.id', 'person.title', 'person.initials', 'person.forenames', 'person.surname', 'person.post_nominals', 'person.email', 'attendance.kind as role'])
    .where('attendance.meeting_id', '=', meetingId).where('person.email', 'is not', null).execute();
  return { members, attendees };
}

export function accountsOfPeople(db: Queryable, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([]);
  return db.selectFrom('user_account').select(['id', 'role', 'person_id', 'disabled']).where('person_id', 'in', personIds).execute();
}

export function activeWebhooks(db: Queryable) {
  return db.selectFrom('webhook').selectAll().where('active', '=', 1).orderBy('id').execute();
}
