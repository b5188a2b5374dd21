// Email alerts for residents: subscribe to a committee, a search, decisions, the forward plan (new and changed
// entries when an edition is published) or a councillor; double opt-in; each
// alert straight away or in a daily digest; every message carries one-click unsubscribe (RFC 8058) and a link to
// manage alerts without an account. Also papers to members (agenda, supplementary agenda and minutes emailed to
// the body's members, substitutes and named attendees; the exempt pack linked only for those entitled) and
// outgoing webhooks. Everything is queued in the outbox from the publication events (services/events.ts).
import { randomBytes } from 'node:crypto';
import { formatDisplayDate } from '../domain/display.js';
import { entitledToExempt, PUBLIC_VIEWER, can } from '../domain/policy.js';
import { ValidationError } from '../errors.js';
import { viewerFor } from '../store/accounts.js';
import {
  accountsOfPeople, activeWebhooks, alertBody, alertCouncillor, addDigestItem, confirmedSubscriptions, createSubscriber, digestSent, findSubscription, insertSubscription, markConfirmed,
  meetingForMail, paperRecipients, personConcernedWithMeeting, removeSubscriptions, setFrequency, subscriberByEmail, subscriberByToken, subscriptionByConfirmToken, subscriptionsOf,
  unconfirmedBefore, waitingDigestItems,
} from '../store/alerts.js';
import { transaction, type Queryable, type Store, type Tx } from '../store/db.js';
import { enqueue, type NewOutboxMessage } from '../store/outbox.js';
import { feedBody, feedPerson } from '../store/read/feeds.js';
import { styledNamesOf } from '../store/read/people.js';
import { readForwardPlan, type PublishedEntry } from './executive/forward-plan.js';
import { agendaPublished } from '../store/read/visibility.js';
import { search, SEARCH_KINDS, type SearchKind } from '../store/search/index.js';
import { consumeEvents, EVENT_TYPES, type ConsumeOptions, type EventType, type PublicationEvent } from './events.js';
import { publicDecisionEntry, publicMeetingEntries, type FeedEntry } from './feeds.js';

export const ALERT_KINDS = ['body', 'search', 'decisions', 'person', 'forward-plan'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const FREQUENCIES = ['immediate', 'daily'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type AlertTarget =
  | { kind: 'body'; bodyId: number }
  | { kind: 'person'; personId: number }
  | { kind: 'decisions'; key?: boolean; taker?: string }
  | { kind: 'forward-plan'; key?: boolean }
  | { kind: 'search'; q: string; type?: SearchKind; bodyId?: number };

export interface AlertContext {
  /** The site's address for links in emails: from configuration only (MOOT_BASE_URL), never from a request. */
  baseUrl: string;
  councilName: string;
  now?: Date;
}

/** Where links in emails point: MOOT_BASE_URL (or MOOT_PUBLIC_URL); a local address otherwise. */
export function mailBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.MOOT_BASE_URL ?? env.MOOT_PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
}

const EMAIL = /^[^\s@<>()",;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(raw: string): string {
  const email = raw.trim();
  if (!email) throw new ValidationError('Enter your email address', 'email');
  if (email.length > 254 || !EMAIL.test(email)) throw new ValidationError('Enter an email address in the correct format, like name@example.com', 'email');
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

const token = () => randomBytes(24).toString('base64url');

/** Checks a target and says in words what it is ("Cabinet", "key decisions", "searches for “libraries”"). */
export async function describeTarget(db: Queryable, t: AlertTarget): Promise<string> {
  switch (t.kind) {
    case 'body': {
      const b = await alertBody(db, t.bodyId);
      if (!b) throw new ValidationError('There is no such committee', 'target');
      return `agendas and minutes of ${b.name}`;
    }
    case 'person': {
      const p = await alertCouncillor(db, t.personId);
      if (!p) throw new ValidationError('There is no such councillor', 'target');
      return `meetings of ${(await styledNamesOf(db, [t.personId])).get(t.personId)}'s committees`;
    }
    case 'decisions':
      return `${t.key === true ? 'key decisions' : t.key === false ? 'non-key decisions' : 'decisions'}${t.taker ? ` by ${t.taker}` : ''}`;
    case 'forward-plan':
      return t.key ? 'new and changed key decisions on the forward plan' : 'new and changed entries on the forward plan';
    case 'search': {
      if (!t.q.trim()) throw new ValidationError('Enter what to search for', 'q');
      if (t.q.length > 200) throw new ValidationError('Search words must be 200 characters or fewer', 'q');
      if (t.type && !(SEARCH_KINDS as readonly string[]).includes(t.type)) throw new ValidationError(`type must be one of ${SEARCH_KINDS.join(', ')}`, 'type');
      return `new results for the search “${t.q.trim()}”`;
    }
  }
}

/** A target from the words of a form or a query string (body=slug, person=slug, decisions=all|key, forwardPlan=all|key, q=…). */
export async function targetFromParams(db: Queryable, p: Record<string, string | undefined>): Promise<AlertTarget> {
  if (p.body) {
    const b = await feedBody(db, p.body);
    if (!b) throw new ValidationError(`there is no committee "${p.body.slice(0, 60)}"`, 'body');
    if (p.q) return { kind: 'search', q: p.q, bodyId: b.id, type: p.type as SearchKind | undefined };
    return { kind: 'body', bodyId: b.id };
  }
  if (p.person) {
    const person = await feedPerson(db, p.person);
    if (!person) throw new ValidationError(`there is no councillor "${p.person.slice(0, 60)}"`, 'person');
    return { kind: 'person', personId: person.id };
  }
  if (p.q) return { kind: 'search', q: p.q, type: p.type as SearchKind | undefined };
  if (p.decisions) {
    if (!['all', 'key'].includes(p.decisions)) throw new ValidationError('decisions must be "all" or "key"', 'decisions');
    return { kind: 'decisions', key: p.decisions === 'key' ? true : undefined, taker: p.taker || undefined };
  }
  if (p.forwardPlan) {
    if (!['all', 'key'].includes(p.forwardPlan)) throw new ValidationError('forwardPlan must be "all" or "key"', 'forwardPlan');
    return { kind: 'forward-plan', key: p.forwardPlan === 'key' ? true : undefined };
  }
  throw new ValidationError('Choose what to be told about', 'target');
}

function mailFooter(ctx: AlertContext, subscriberToken: string, subscriptionId: number | null, why: string): { text: string; headers: Record<string, string> } {
  const unsubscribe = `${ctx.baseUrl}/alerts/unsubscribe?token=${subscriberToken}${subscriptionId ? `&s=${subscriptionId}` : ''}`;
  const manage = `${ctx.baseUrl}/alerts/manage?token=${subscriberToken}`;
  return {
    text: `\n--\n${why}\nStop these emails: ${unsubscribe}\nManage your alerts: ${manage}\n${ctx.councilName}`,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `${ctx.councilName.replace(/[<>"]/g, '')} alerts <alerts.${new URL(ctx.baseUrl).hostname}>`,
    },
  };
}

export interface SubscribeRequest {
  email: string;
  target: AlertTarget;
  frequency: Frequency;
}

/**
 * Asks for a subscription. The answer never says whether the address is known: a new subscription gets a
 * confirmation email, an unconfirmed one gets it again (at most once an hour), a confirmed one gets a note that it
 * already exists (at most once a day). Nothing else is stored until the address is confirmed.
 */
export async function requestSubscription(store: Store, ctx: AlertContext, r: SubscribeRequest): Promise<void> {
  const email = normaliseEmail(r.email);
  if (!(FREQUENCIES as readonly string[]).includes(r.frequency)) throw new ValidationError('Choose how often to be emailed', 'frequency');
  const label = await describeTarget(store.db, r.target);
  const { kind, ...rest } = r.target;
  const targetJson = JSON.stringify(rest);
  const now = (ctx.now ?? new Date()).toISOString();
  await transaction(store.db, async (tx) => {
    let subscriber = await subscriberByEmail(tx, email);
    if (!subscriber) {
      const fresh = token();
      await createSubscriber(tx, email, fresh, now);
      subscriber = (await subscriberByToken(tx, fresh))!;
    }
    const existing = await findSubscription(tx, subscriber.id, kind, targetJson);
    const footer = mailFooter(ctx, subscriber.token, null, `You get this email because someone asked for email alerts at ${ctx.baseUrl} for this address.`);
    if (existing?.confirmed_at) {
      await enqueue(tx, {
        idempotencyKey: `notice:${existing.id}:${now.slice(0, 10)}`, channel: 'email', purpose: 'notice', recipient: email, subject: `You already get email alerts about ${existing.label}`,
        payload: { to: email, subject: `You already get email alerts about ${existing.label}`, text: `You asked for email alerts about ${existing.label}, and you already get them: nothing has changed.\nIf you did not ask, you can ignore this email.\n${footer.text}`, headers: footer.headers },
      }, now);
      return;
    }
    let id = existing?.id;
    let confirmToken = existing?.confirm_token ?? null;
    if (!existing) {
      confirmToken = token();
      id = await insertSubscription(tx, { subscriberId: subscriber.id, kind, targetJson, label, frequency: r.frequency, confirmToken, now });
    }
    const confirmUrl = `${ctx.baseUrl}/alerts/confirm?token=${confirmToken}`;
    const subject = `Confirm your email alerts about ${label}`;
    await enqueue(tx, {
      idempotencyKey: `confirm:${id}:${now.slice(0, 13)}`, channel: 'email', purpose: 'confirm', recipient: email, subject,
      payload: {
        to: email, subject,
        text: `Someone (we hope you) asked ${ctx.councilName} to email this address ${r.frequency === 'daily' ? 'once a day' : 'as soon as there is news'} about ${label}.\n\nTo start the alerts, confirm here:\n${confirmUrl}\n\nIf you did not ask, ignore this email: nothing will be sent, and the address is deleted within 7 days.\n${footer.text}`,
        headers: footer.headers,
      },
    }, now);
  });
}

export async function confirmSubscription(store: Store, confirmToken: string, now = new Date()): Promise<{ label: string; manageToken: string } | null> {
  if (!confirmToken || confirmToken.length > 100) return null;
  const sub = await subscriptionByConfirmToken(store.db, confirmToken);
  if (!sub) return null;
  await markConfirmed(store.db, sub.id, now.toISOString());
  return { label: sub.label, manageToken: sub.token };
}

export async function subscriberView(store: Store, subscriberToken: string) {
  if (!subscriberToken || subscriberToken.length > 100) return null;
  const s = await subscriberByToken(store.db, subscriberToken);
  if (!s) return null;
  const subs = await subscriptionsOf(store.db, s.id);
  return { email: s.email, token: s.token, subscriptions: subs.map((x) => ({ id: x.id, label: x.label, frequency: x.frequency as Frequency, confirmed: !!x.confirmed_at, kind: x.kind })) };
}

/** Removes one subscription, or all (subscriptionId null). With the last, the address is deleted. */
export async function unsubscribe(store: Store, subscriberToken: string, subscriptionId: number | null): Promise<{ removed: number; addressDeleted: boolean } | null> {
  const s = subscriberToken && subscriberToken.length <= 100 ? await subscriberByToken(store.db, subscriberToken) : undefined;
  if (!s) return null;
  const r = await transaction(store.db, (tx) => removeSubscriptions(tx, s.id, subscriptionId));
  return { removed: r.removed, addressDeleted: r.subscriberRemoved };
}

export async function changeFrequency(store: Store, subscriberToken: string, subscriptionId: number, frequency: string): Promise<boolean> {
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) throw new ValidationError('Choose how often to be emailed', 'frequency');
  const s = await subscriberByToken(store.db, subscriberToken);
  if (!s) return false;
  return (await setFrequency(store.db, s.id, subscriptionId, frequency)) > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// From publication events to queued messages

type Write = (tx: Tx) => Promise<void>;

const MEETING_EVENTS: EventType[] = ['agenda-published', 'supplementary-published', 'minutes-published', 'minutes-approved'];

function entryIdFor(e: PublicationEvent): string {
  if (e.type === 'agenda-published') return `meeting/${e.meetingId}/agenda`;
  if (e.type === 'supplementary-published') return `meeting/${e.meetingId}/supplementary/${e.version}`;
  return `meeting/${e.meetingId}/minutes`;
}

function eventKey(e: PublicationEvent): string {
  return `${e.type}:${e.meetingId ?? e.decisionId ?? e.edition}:${e.version ?? ''}`;
}

interface PublicNews {
  entry: FeedEntry;
  bodyId: number | null;
  meetingId: number | null;
  decisionId: number | null;
  date: string | null;
  key?: boolean;
  takerName?: string;
  /** A forward plan edition: its entries that are new or changed since the edition before. */
  planChanges?: PlanChange[];
}

/** A forward plan entry as a published edition shows it, new or changed since the previous edition. */
export interface PlanChange {
  change: 'new' | 'changed';
  title: string;
  reference: string | null;
  takerName: string;
  expectedOn: string | null;
  key: boolean;
  status: string;
  private: boolean;
  /** For a changed entry: what changed, in words ("expected date", "status"). */
  what: string[];
}

const PLAN_FIELDS: [keyof PublishedEntry, string][] = [
  ['title', 'subject'], ['takerName', 'decision taker'], ['portfolio', 'portfolio'], ['expectedOn', 'expected date'], ['key', 'key decision'], ['keyReason', 'why it is key'],
  ['status', 'status'], ['private', 'private'], ['exemptParagraphs', 'exempt paragraphs'], ['privateReason', 'why private'], ['divisions', 'divisions'],
  ['documents', 'documents'], ['consultation', 'consultation'], ['contact', 'contact'],
];

/**
 * What is new or changed in a published edition against the one before, read as the public reads the forward
 * plan (readForwardPlan with the public viewer: published editions only, never the clerk's working copy).
 */
export async function forwardPlanChanges(db: Queryable, edition: number): Promise<{ publishedOn: string; changes: PlanChange[] } | null> {
  const now = await readForwardPlan(db, PUBLIC_VIEWER, edition);
  if (!now.edition || now.edition.edition !== edition) return null;
  const before = edition > 1 ? await readForwardPlan(db, PUBLIC_VIEWER, edition - 1) : null;
  const previous = new Map((before?.edition?.edition === edition - 1 ? before.entries : []).map((e) => [e.id, e]));
  const changes: PlanChange[] = [];
  for (const e of now.entries) {
    const old = previous.get(e.id);
    const what = old ? PLAN_FIELDS.filter(([f]) => JSON.stringify(old[f] ?? null) !== JSON.stringify(e[f] ?? null)).map(([, words]) => words) : [];
    if (old && !what.length) continue;
    changes.push({ change: old ? 'changed' : 'new', title: e.title, reference: e.reference, takerName: e.takerName, expectedOn: e.expectedOn, key: e.key, status: e.status, private: e.private, what });
  }
  return { publishedOn: now.edition.publishedOn, changes };
}

const PLAN_STATUS_WORDS: Record<string, string> = { planned: 'planned', deferred: 'deferred', taken: 'decision taken', withdrawn: 'withdrawn' };

/** The alert's words for some changes of an edition. */
function planSummary(changes: PlanChange[]): string {
  const line = (c: PlanChange) => {
    const head = `${c.change === 'new' ? 'New' : 'Changed'}: ${c.reference ? `${c.reference} ` : ''}${c.title}${c.key ? ' (key decision)' : ''}`;
    const detail = [`Decision by ${c.takerName}`, c.expectedOn ? `expected ${formatDisplayDate(c.expectedOn)}` : null, c.status !== 'planned' ? PLAN_STATUS_WORDS[c.status] ?? c.status : null,
      c.private ? 'to be taken in private' : null].filter(Boolean).join(', ');
    return `* ${head}\n  ${detail}${c.what.length ? `\n  What changed: ${c.what.join(', ')}` : ''}`;
  };
  const added = changes.filter((c) => c.change === 'new').length;
  const changed = changes.length - added;
  const counts = [added ? `${added} new ${added === 1 ? 'entry' : 'entries'}` : null, changed ? `${changed} changed ${changed === 1 ? 'entry' : 'entries'}` : null].filter(Boolean).join(' and ');
  return `${counts}:\n\n${changes.map(line).join('\n\n')}`;
}

/** What the public may read about an event, or null (nothing public: no alert, no webhook). */
async function publicNews(store: Store, e: PublicationEvent): Promise<PublicNews | null> {
  if (e.type === 'forward-plan-published' && e.edition !== null) {
    const plan = await forwardPlanChanges(store.db, e.edition);
    if (!plan || !plan.changes.length) return null;
    const entry: FeedEntry = {
      id: `forward-plan/edition/${e.edition}`, title: `Forward plan: edition ${e.edition}, ${formatDisplayDate(plan.publishedOn)}`, path: `/forward-plan/editions/${e.edition}`,
      updated: e.at, summary: planSummary(plan.changes),
    };
    return { entry, bodyId: null, meetingId: null, decisionId: null, date: plan.publishedOn, planChanges: plan.changes };
  }
  if (e.meetingId !== null && MEETING_EVENTS.includes(e.type)) {
    const m = await meetingForMail(store.db, e.meetingId);
    if (!m) return null;
    const entries = await publicMeetingEntries(store, e.meetingId);
    let entry = entries.find((x) => x.id === entryIdFor(e));
    if (!entry && e.type === 'supplementary-published') entry = entries.find((x) => x.id.startsWith(`meeting/${e.meetingId}/supplementary/`));
    if (!entry) return null;
    if (e.type === 'minutes-approved') entry = { ...entry, title: entry.title.replace(/^Draft minutes/, 'Minutes') };
    return { entry, bodyId: m.body_id, meetingId: m.id, decisionId: null, date: m.date };
  }
  if (e.decisionId !== null) {
    const d = await publicDecisionEntry(store, e.decisionId);
    if (!d) return null;
    return { entry: d, bodyId: d.takerBodyId, meetingId: d.meetingId, decisionId: e.decisionId, date: d.updated.slice(0, 10), key: d.key, takerName: d.takerName };
  }
  return null;
}

async function personConcerned(db: Queryable, personId: number, news: PublicNews): Promise<boolean> {
  if (news.meetingId === null || news.bodyId === null || news.date === null) return false;
  return personConcernedWithMeeting(db, personId, { bodyId: news.bodyId, meetingId: news.meetingId, date: news.date });
}

async function searchMatches(store: Store, t: { q: string; type?: SearchKind; bodyId?: number }, news: PublicNews): Promise<boolean> {
  if (t.bodyId !== undefined && t.bodyId !== news.bodyId) return false;
  const results = await search(store, {
    text: t.q, kinds: t.type ? [t.type] : undefined, bodyIds: news.bodyId !== null ? [news.bodyId] : undefined,
    from: news.date ?? undefined, to: news.date ?? undefined, limit: 100, viewer: { exemptMeetingIds: 'none' },
  });
  return results.hits.some((h) => (news.decisionId !== null ? h.kind === 'decision' && h.refId === news.decisionId : h.meetingId === news.meetingId));
}

async function alertWrites(store: Store, ctx: AlertContext, events: PublicationEvent[], now: string): Promise<Write[]> {
  const writes: Write[] = [];
  const subs = await confirmedSubscriptions(store.db, [...ALERT_KINDS]);
  if (!subs.length) return writes;
  for (const e of events) {
    const news = await publicNews(store, e);
    if (!news) continue;
    for (const s of subs) {
      const t = JSON.parse(s.target_json) as Record<string, unknown>;
      let match = false;
      let entry = news.entry;
      if (s.kind === 'forward-plan') {
        // Key decisions only: the alert lists just those, and there is none when no key entry is new or changed.
        const changes = (news.planChanges ?? []).filter((c) => t.key !== true || c.key);
        match = changes.length > 0;
        if (match && changes.length !== news.planChanges!.length) entry = { ...entry, summary: planSummary(changes) };
      } else if (news.planChanges) match = false;
      else if (s.kind === 'body') match = news.bodyId !== null && t.bodyId === news.bodyId;
      else if (s.kind === 'decisions') match = news.decisionId !== null && (t.key === undefined || t.key === news.key) && (!t.taker || t.taker === news.takerName);
      else if (s.kind === 'person') match = news.decisionId === null && (await personConcerned(store.db, Number(t.personId), news));
      else if (s.kind === 'search') match = await searchMatches(store, t as { q: string; type?: SearchKind; bodyId?: number }, news);
      if (!match) continue;
      const url = `${ctx.baseUrl}${entry.path}`;
      const key = eventKey(e);
      if (s.frequency === 'daily') {
        writes.push((tx) => addDigestItem(tx, { subscriptionId: s.id, eventKey: key, title: entry.title, url, summary: entry.summary, now }));
        continue;
      }
      const footer = mailFooter(ctx, s.token, s.id, `You get this email because you asked for email alerts about ${s.label}.`);
      const message: NewOutboxMessage = {
        idempotencyKey: `alert:${s.id}:${key}`, channel: 'email', purpose: 'alert', recipient: s.email, meetingId: news.meetingId, subject: entry.title,
        payload: { to: s.email, subject: entry.title, text: `${entry.title}\n\n${entry.summary}\n\nRead it: ${url}\n${footer.text}`, headers: footer.headers },
      };
      writes.push((tx) => enqueue(tx, message, now).then(() => undefined));
    }
  }
  return writes;
}

const PAPER_EVENTS: EventType[] = ['agenda-published', 'supplementary-published', 'minutes-published'];

async function paperWrites(store: Store, ctx: AlertContext, events: PublicationEvent[], now: string): Promise<Write[]> {
  const writes: Write[] = [];
  for (const e of events) {
    if (!PAPER_EVENTS.includes(e.type) || e.meetingId === null) continue;
    const m = await meetingForMail(store.db, e.meetingId);
    if (!m) continue;
    const { members, attendees } = await paperRecipients(store.db, m.id, m.body_id, m.date);
    const people = new Map<number, { id: number; name: string; email: string; why: string }>();
    // "Dear …" names each member as the council writes its members' names everywhere else.
    const names = await styledNamesOf(store.db, [...members, ...attendees].map((p) => p.id));
    for (const p of [...members, ...attendees]) {
      if (!p.email || people.has(p.id)) continue;
      const why = members.some((x) => x.id === p.id) ? (p.role === 'substitute' ? 'a substitute member' : 'a member') : 'named in the attendance';
      people.set(p.id, { id: p.id, email: p.email, why, name: names.get(p.id)! });
    }
    const accounts = await accountsOfPeople(store.db, [...people.keys()]);
    const when = `${m.body_name}, ${formatDisplayDate(m.date)}`;
    const what = e.type === 'agenda-published' ? 'Agenda' : e.type === 'supplementary-published' ? `Supplementary agenda ${e.version ?? ''}`.trim() : 'Draft minutes';
    const page = `${ctx.baseUrl}/meetings/${m.slug}`;
    const pack = e.type === 'agenda-published' ? 'pack' : e.type === 'supplementary-published' ? 'supplementary-pack' : null;
    for (const p of people.values()) {
      // Entitlement to the exempt pack is the policy's: a signed-in account whose viewer may see this meeting's exempt papers.
      const account = accounts.find((a) => a.person_id === p.id && !a.disabled);
      const viewer = account ? await viewerFor(store.db, account, m.date) : PUBLIC_VIEWER;
      const entitled = entitledToExempt(viewer, { bodyId: m.body_id, meetingId: m.id }) && can(viewer, 'download', { bodyId: m.body_id, meetingId: m.id, exempt: true, published: agendaPublished(m) });
      const lines = [`Dear ${p.name},`, '', `The ${what.toLowerCase()} for the meeting of ${m.body_name} on ${formatDisplayDate(m.date)}${m.time ? ` at ${m.time}` : ''}${m.venue ? ` (${m.venue})` : ''} has been published.`, '', `Meeting page: ${page}`];
      if (pack) lines.push(`Public pack: ${page}/${pack}.pdf`);
      if (pack && entitled) lines.push(`Pack with the exempt (Part 2) papers, after signing in: ${page}/${pack}-confidential.pdf`, 'Exempt papers are confidential: please do not forward them.');
      lines.push('', `You get this email as ${p.why} of ${m.body_name}.`, ctx.councilName);
      const subject = `${what} published: ${when}`;
      const message: NewOutboxMessage = {
        idempotencyKey: `papers:${e.type}:${m.id}:${e.version ?? ''}:${p.id}`, channel: 'email', purpose: 'papers', recipient: p.email, meetingId: m.id, subject,
        payload: { to: p.email, subject, text: lines.join('\n') },
      };
      writes.push((tx) => enqueue(tx, message, now).then(() => undefined));
    }
  }
  return writes;
}

export const WEBHOOK_EVENTS = EVENT_TYPES;

async function webhookWrites(store: Store, ctx: AlertContext, events: PublicationEvent[], now: string): Promise<Write[]> {
  const hooks = await activeWebhooks(store.db);
  if (!hooks.length) return [];
  const writes: Write[] = [];
  for (const e of events) {
    const wanting = hooks.filter((h) => (JSON.parse(h.events_json) as string[]).includes(e.type));
    if (!wanting.length) continue;
    const news = await publicNews(store, e);
    if (!news) continue; // nothing public about it: webhooks carry public information only
    const body = JSON.stringify({
      id: `event-${e.id}`, type: e.type, occurredAt: e.at, meetingId: news.meetingId, decisionId: news.decisionId, ...(e.edition !== null ? { edition: e.edition } : {}),
      title: news.entry.title, url: `${ctx.baseUrl}${news.entry.path}`, summary: news.entry.summary,
    });
    for (const h of wanting) {
      const message: NewOutboxMessage = {
        idempotencyKey: `webhook:${h.id}:${e.id}`, channel: 'webhook', purpose: 'webhook', recipient: h.url, meetingId: news.meetingId, subject: e.type,
        payload: { url: h.url, event: e.type, body, secret: h.secret },
      };
      writes.push((tx) => enqueue(tx, message, now).then(() => undefined));
    }
  }
  return writes;
}

/** Reads new publication events and queues alerts, digest items, papers to members and webhooks. */
export async function processPublicationEvents(store: Store, ctx: AlertContext, options: ConsumeOptions = {}): Promise<number> {
  const now = (ctx.now ?? options.now ?? new Date()).toISOString();
  return consumeEvents(store, 'mail-and-webhooks', async (events) => {
    const writes = [
      ...(await alertWrites(store, ctx, events, now)),
      ...(await paperWrites(store, ctx, events, now)),
      ...(await webhookWrites(store, ctx, events, now)),
    ];
    return async (tx) => {
      for (const w of writes) await w(tx);
    };
  }, { ...options, now: ctx.now ?? options.now });
}

/** The daily digests: one email per subscriber with everything waiting, once a day from `hour` (London time). */
export async function sendDigests(store: Store, ctx: AlertContext, options: { hour?: number } = {}): Promise<number> {
  const now = ctx.now ?? new Date();
  const londonHour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hour12: false, timeZone: 'Europe/London' }).format(now));
  if (londonHour < (options.hour ?? 7)) return 0;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  const items = await waitingDigestItems(store.db, today);
  const bySubscriber = new Map<number, typeof items>();
  for (const i of items) bySubscriber.set(i.subscriber_id, [...(bySubscriber.get(i.subscriber_id) ?? []), i]);
  let sent = 0;
  for (const [subscriberId, list] of bySubscriber) {
    const first = list[0];
    const footer = mailFooter(ctx, first.token, null, 'You get this daily email because you asked for email alerts.');
    const sections = [...new Set(list.map((i) => i.label))].map((label) => [`About ${label}:`, ...list.filter((i) => i.label === label).map((i) => `\n* ${i.title}\n  ${i.url}`)].join('\n'));
    const subject = `${list.length} new item${list.length === 1 ? '' : 's'} from ${ctx.councilName}, ${formatDisplayDate(today)}`;
    await transaction(store.db, async (tx) => {
      await enqueue(tx, {
        idempotencyKey: `digest:${subscriberId}:${today}`, channel: 'email', purpose: 'digest', recipient: first.email, subject,
        payload: { to: first.email, subject, text: `${sections.join('\n\n')}\n${footer.text}`, headers: footer.headers },
      }, now.toISOString());
      await digestSent(tx, list.map((i) => i.id), [...new Set(list.map((i) => i.subscription_id))], today);
    });
    sent++;
  }
  return sent;
}

/** Deletes subscriptions never confirmed within 7 days (and addresses left with none). */
export async function purgeUnconfirmed(store: Store, now = new Date()): Promise<number> {
  const stale = await unconfirmedBefore(store.db, new Date(now.getTime() - 7 * 86_400_000).toISOString());
  for (const s of stale) await transaction(store.db, (tx) => removeSubscriptions(tx, s.subscriber_id, s.id));
  return stale.length;
}
