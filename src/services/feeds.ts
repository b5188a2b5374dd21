// The content of the Atom and RSS feeds: published agendas, supplementary packs and minutes (all, or one body's),
// decisions (all, key, by taker), a councillor's meetings, recorded votes and declarations, and search results.
// Feeds are the same for everyone, so they are built for the public viewer and every entry asks the one policy.
import { decisionStanding } from '../domain/executive.js';
import { personMatchKey } from '../domain/names.js';
import { can, PUBLIC_VIEWER } from '../domain/policy.js';
import { itemExempt, minuteExempt } from '../domain/visibility.js';
import { formatDisplayDate } from '../domain/display.js';
import type { RecordedVote } from '../domain/types.js';
import type { Store } from '../store/db.js';
import { filteredDecisions } from '../store/read/decisions.js';
import { meetingForCalendar } from '../store/read/calendar.js';
import { feedBody, feedMeetingContents, feedMeetings, feedSupplements, feedPerson, minutesWithVotes, personDeclarations, personMeetings } from '../store/read/feeds.js';
import { styledNamesOf } from '../store/read/people.js';
import { agendaPublished, decisionVisible, meetingHeld, minutesPublished } from '../store/read/visibility.js';
import { search, type SearchKind } from '../store/search/index.js';

/** One meeting's public facts for its own iCalendar file. */
export { meetingForCalendar, feedBody };

export interface FeedEntry {
  /** Stable within the site: the web layer makes it a tag: URI. */
  id: string;
  title: string;
  /** Site-relative link to the page the entry is about. */
  path: string;
  /** ISO timestamps. */
  updated: string;
  published?: string;
  summary: string;
  author?: string;
  categories?: string[];
}

export interface FeedModel {
  id: string;
  title: string;
  description: string;
  /** The HTML page this feed mirrors. */
  path: string;
  updated: string;
  entries: FeedEntry[];
}

export const FEED_SIZE = 50;

const EPOCH = '1970-01-01T00:00:00.000Z';

function iso(ts: string | null | undefined, fallbackDate?: string | null): string {
  if (ts && !Number.isNaN(Date.parse(ts))) return new Date(ts).toISOString();
  if (fallbackDate && /^\d{4}-\d{2}-\d{2}$/.test(fallbackDate)) return `${fallbackDate}T00:00:00.000Z`;
  return EPOCH;
}

function newest(entries: FeedEntry[]): string {
  return entries.reduce((a, e) => (e.updated > a ? e.updated : a), EPOCH);
}

function finish<T extends { id: string; updated: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.updated === b.updated ? (a.id < b.id ? 1 : -1) : a.updated < b.updated ? 1 : -1)).slice(0, FEED_SIZE);
}

type MeetingFacts = { id: number; body_id: number; status: string; historic: number; agenda_published_at: string | null };

const publicSees = (m: MeetingFacts, exempt: boolean, published: boolean) => can(PUBLIC_VIEWER, 'view', { bodyId: m.body_id, meetingId: m.id, exempt, published });

type MeetingRow = Awaited<ReturnType<typeof feedMeetings>>[number];

/** An entry before its summary is written: what it is, and when (enough to rank it). */
interface Candidate { id: string; meeting: MeetingRow; kind: 'agenda' | 'supplementary' | 'minutes'; updated: string; version?: number; codes?: string[] }

/**
 * Published agendas, supplementary packs and minutes, of every body or of one. The entries are ranked from the
 * meetings' own dates first; only the meetings whose entries make the feed have their items and minutes read.
 */
async function meetingEntries(store: Store, bodyId?: number, meetingId?: number): Promise<FeedEntry[]> {
  // Twice the feed's size in meetings gives at least its size in entries (each published meeting makes one or two).
  const meetings = await feedMeetings(store.db, { bodyId, meetingId, limit: FEED_SIZE * 2 });
  const supplements = await feedSupplements(store.db, meetings.map((m) => m.id));
  const candidates: Candidate[] = [];
  for (const m of meetings) {
    if (publicSees(m, false, agendaPublished(m))) {
      candidates.push({ id: `meeting/${m.id}/agenda`, meeting: m, kind: 'agenda', updated: iso(m.agenda_published_at ?? null, m.published_on ?? m.date) });
      for (const s of supplements.filter((x) => x.meeting_id === m.id)) {
        candidates.push({ id: `meeting/${m.id}/supplementary/${s.version}`, meeting: m, kind: 'supplementary', updated: iso(s.published_at, m.date), version: s.version,
          codes: (JSON.parse(s.items_json) as { code: string }[]).map((x) => x.code) });
      }
    }
    if (publicSees(m, false, minutesPublished(m))) candidates.push({ id: `meeting/${m.id}/minutes`, meeting: m, kind: 'minutes', updated: iso(m.updated_at, m.date) });
  }
  const chosen = finish(candidates);
  const contents = await feedMeetingContents(store.db, [...new Set(chosen.filter((c) => c.kind !== 'minutes').map((c) => c.meeting.id))],
    [...new Set(chosen.filter((c) => c.kind === 'minutes').map((c) => c.meeting.id))]);
  const sectionExempt = new Map(contents.sections.map((s) => [s.id, !!s.exempt]));
  const exemptItems = new Map(contents.items.map((i) => [i.id, itemExempt(i, { exempt: i.section_id !== null && !!sectionExempt.get(i.section_id) })]));
  const itemsOf = new Map<number, typeof contents.items>();
  for (const i of contents.items) itemsOf.set(i.meeting_id, [...(itemsOf.get(i.meeting_id) ?? []), i]);
  return chosen.map((c): FeedEntry => {
    const m = c.meeting;
    const when = `${m.body_name}, ${formatDisplayDate(m.date)}`;
    if (c.kind === 'minutes') {
      const minutesOut = minutesPublished(m);
      const minutes = contents.minutes.filter((x) => x.meeting_id === m.id)
        .filter((x) => publicSees(m, minuteExempt(x, x.agenda_item_id !== null && (exemptItems.get(x.agenda_item_id) ?? false)), minutesOut));
      const approved = m.status === 'minutes-approved';
      return {
        id: c.id, title: `${approved ? 'Minutes' : 'Draft minutes'}: ${when}`, path: `/meetings/${m.slug}#minutes`, updated: c.updated,
        summary: [`${approved ? 'Approved minutes' : 'Draft minutes, not yet approved,'} of the meeting of ${m.body_name} on ${formatDisplayDate(m.date)}.`,
          ...minutes.map((x) => `${x.number}. ${x.title}`)].join('\n'),
        author: m.body_name, categories: [m.body_name, 'Minutes'],
      };
    }
    const agendaOut = agendaPublished(m);
    const items = (itemsOf.get(m.id) ?? []).filter((i) => !i.withdrawn);
    const shown = items.filter((i) => publicSees(m, exemptItems.get(i.id) ?? false, agendaOut));
    if (c.kind === 'supplementary') {
      const titled = shown.filter((i) => c.codes!.includes(i.code));
      return {
        id: c.id, title: `Supplementary agenda ${c.version}: ${when}`, path: `/meetings/${m.slug}`, updated: c.updated, published: c.updated,
        summary: [`Supplementary papers for the meeting of ${m.body_name} on ${formatDisplayDate(m.date)}.`, ...titled.map((i) => `${i.code}. ${i.title}`)].join('\n'),
        author: m.body_name, categories: [m.body_name, 'Supplementary agenda'],
      };
    }
    const hidden = items.length - shown.length;
    return {
      id: c.id, title: `Agenda: ${when}`, path: `/meetings/${m.slug}`, updated: c.updated, published: c.updated,
      summary: [
        `Agenda for the meeting of ${m.body_name} on ${formatDisplayDate(m.date)}${m.time ? ` at ${m.time}` : ''}${m.venue ? `, ${m.venue}` : ''}.`,
        ...shown.map((i) => `${i.code}. ${i.title}`),
        ...(hidden ? [`${hidden} item${hidden === 1 ? '' : 's'} to be considered in private.`] : []),
      ].join('\n'),
      author: m.body_name, categories: [m.body_name, 'Agenda'],
    };
  });
}

/** What the public may read of one meeting's publications: its agenda, supplementary and minutes entries. */
export function publicMeetingEntries(store: Store, meetingId: number): Promise<FeedEntry[]> {
  return meetingEntries(store, undefined, meetingId);
}

/** One Record of Decision as the public may read it, or null when it is not public. */
export async function publicDecisionEntry(store: Store, decisionId: number, today = new Date().toISOString().slice(0, 10)): Promise<(FeedEntry & { takerBodyId: number | null; takerName: string; key: boolean; meetingId: number | null }) | null> {
  const d = await filteredDecisions(store.db, PUBLIC_VIEWER, {}).where('decision.id', '=', decisionId)
    .select(['decision.id', 'decision.slug', 'decision.number', 'decision.subject', 'decision.taker_name', 'decision.taken_on', 'decision.status', 'decision.key_decision', 'decision.urgent',
      'decision.classification', 'decision.taker_body_id', 'decision.meeting_id', 'decision.decision_text', 'decision.published_on', 'decision.call_in_ends_on', 'decision.created_at'])
    .executeTakeFirst();
  if (!d || !decisionVisible(PUBLIC_VIEWER, d)) return null;
  return { ...decisionEntry(d, today), takerBodyId: d.taker_body_id, takerName: d.taker_name, key: !!d.key_decision, meetingId: d.meeting_id };
}

type DecisionRow = {
  id: number; slug: string; number: string; subject: string; taker_name: string; taken_on: string; status: string; key_decision: number; urgent: number;
  decision_text: string; published_on: string | null; call_in_ends_on: string | null;
};

/** A decision's entry; its status is where it stands on `today`, as its page says. */
function decisionEntry(d: DecisionRow, today: string): FeedEntry {
  const published = iso(d.published_on ?? null, d.taken_on);
  return {
    id: `decision/${d.id}`, title: `${d.number}: ${d.subject}`, path: `/decisions/${d.slug}`, updated: published, published,
    summary: [`${d.key_decision ? 'Key decision' : 'Decision'} by ${d.taker_name} on ${formatDisplayDate(d.taken_on)}.`, d.decision_text,
      ...(d.call_in_ends_on ? [`Call-in period ends ${formatDisplayDate(d.call_in_ends_on)}.`] : []), `Status: ${decisionStanding(d, today).phaseLabel}.`].join('\n'),
    author: d.taker_name, categories: [d.key_decision ? 'Key decision' : 'Decision', d.taker_name],
  };
}

export async function meetingsFeed(store: Store): Promise<FeedModel> {
  const entries = await meetingEntries(store);
  return { id: 'meetings', title: 'Agendas and minutes', description: 'Every published agenda, supplementary agenda and set of minutes.', path: '/meetings', updated: newest(entries), entries };
}

export async function bodyFeed(store: Store, slug: string): Promise<FeedModel | null> {
  const body = await feedBody(store.db, slug);
  if (!body) return null;
  const entries = await meetingEntries(store, body.id);
  return { id: `body/${body.id}`, title: `${body.name}: agendas and minutes`, description: `Published agendas and minutes of ${body.name}.`, path: `/bodies/${body.slug}`, updated: newest(entries), entries };
}

export interface DecisionFeedFilter {
  taker?: string;
  key?: boolean;
  /** The day each entry's status is read on (default today). */
  today?: string;
}

export async function decisionsFeed(store: Store, f: DecisionFeedFilter): Promise<FeedModel> {
  const rows = await filteredDecisions(store.db, PUBLIC_VIEWER, f)
    .select(['decision.id', 'decision.slug', 'decision.number', 'decision.subject', 'decision.taker_name', 'decision.taken_on', 'decision.status', 'decision.key_decision', 'decision.urgent',
      'decision.classification', 'decision.taker_body_id', 'decision.meeting_id', 'decision.decision_text', 'decision.published_on', 'decision.call_in_ends_on', 'decision.created_at'])
    .orderBy('decision.taken_on', 'desc').orderBy('decision.year', 'desc').orderBy('decision.seq', 'desc').limit(FEED_SIZE).execute();
  const today = f.today ?? new Date().toISOString().slice(0, 10);
  const entries = rows.filter((d) => decisionVisible(PUBLIC_VIEWER, d)).map((d) => decisionEntry(d, today));
  const what = [f.key === true ? 'Key decisions' : f.key === false ? 'Non-key decisions' : 'Decisions', f.taker ? `by ${f.taker}` : ''].filter(Boolean).join(' ');
  const qs = new URLSearchParams();
  if (f.taker) qs.set('taker', f.taker);
  if (f.key !== undefined) qs.set('key', f.key ? 'yes' : 'no');
  const query = qs.toString();
  return { id: `decisions${query ? `?${query}` : ''}`, title: what, description: `${what}: published Records of Decision.`, path: `/decisions${query ? `?${query}` : ''}`, updated: newest(entries), entries: finish(entries) };
}

function voteOf(v: RecordedVote, key: string): 'for' | 'against' | 'abstained' | null {
  const has = (names: string[]) => names.some((n) => personMatchKey(n) === key);
  return has(v.for) ? 'for' : has(v.against) ? 'against' : has(v.abstained) ? 'abstained' : null;
}

const ATTENDANCE_WORDS: Record<string, string> = { present: 'Attended', apologies: 'Sent apologies to', absent: 'Absent from' };

export async function personFeed(store: Store, slug: string): Promise<FeedModel | null> {
  const p = await feedPerson(store.db, slug);
  if (!p) return null;
  const [{ meetings, attendance }, declarations, voted] = await Promise.all([
    personMeetings(store.db, p.id, FEED_SIZE), personDeclarations(store.db, p.id, FEED_SIZE), minutesWithVotes(store.db, p.id, FEED_SIZE * 4),
  ]);
  // Named as the council writes its members' names, as on the person's page; so is a member they substituted for.
  const names = await styledNamesOf(store.db, [p.id, ...attendance.map((a) => a.substitute_for_person_id)]);
  const name = names.get(p.id)!;
  const substituteFor = (a: (typeof attendance)[number]) => (a.substitute_for_person_id !== null ? names.get(a.substitute_for_person_id) : undefined) ?? a.substitute_for_name;
  const entries: FeedEntry[] = [];
  for (const m of meetings) {
    if (!publicSees(m, false, meetingHeld(m) && agendaPublished(m))) continue;
    const a = attendance.find((x) => x.meeting_id === m.id);
    if (!a) continue; // no record of this member at this meeting
    const verb = ATTENDANCE_WORDS[a.kind] ?? 'Recorded at';
    entries.push({
      id: `person/${p.id}/meeting/${m.id}`, title: `${verb} ${m.body_name}, ${formatDisplayDate(m.date)}`, path: `/meetings/${m.slug}`, updated: iso(`${m.date}T12:00:00Z`),
      summary: `${name}: ${verb.toLowerCase()} the meeting of ${m.body_name} on ${formatDisplayDate(m.date)}${substituteFor(a) ? ` (as substitute for ${substituteFor(a)})` : ''}.`,
      categories: ['Attendance', m.body_name],
    });
  }
  for (const d of declarations) {
    if (!publicSees(d, false, meetingHeld(d) && agendaPublished(d))) continue;
    const itemVisible = d.item_code !== null && publicSees(d, itemExempt({ exempt: d.item_exempt }, { exempt: d.section_exempt }), true);
    entries.push({
      id: `person/${p.id}/declaration/${d.id}`, title: `Declared an interest: ${d.body_name}, ${formatDisplayDate(d.date)}`,
      path: `/meetings/${d.meeting_slug}`, updated: iso(`${d.date}T12:00:00Z`),
      summary: `${name} declared a ${d.kind.replace(/-/g, ' ')} interest${itemVisible ? ` in item ${d.item_code}, ${d.item_title}` : ''}: ${d.nature}${d.dispensation ? ` (dispensation: ${d.dispensation})` : ''}.`,
      categories: ['Declaration of interest', d.body_name],
    });
  }
  for (const mv of voted) {
    const exempt = minuteExempt(mv, itemExempt({ exempt: mv.item_exempt }, { exempt: mv.section_exempt }));
    if (!publicSees(mv, exempt, minutesPublished(mv))) continue;
    const votes = JSON.parse(mv.votes_json) as RecordedVote[];
    votes.forEach((v, i) => {
      const how = voteOf(v, p.match_key);
      if (!how) return;
      const result = v.for.length > v.against.length ? 'carried' : 'lost';
      entries.push({
        id: `person/${p.id}/vote/${mv.id}/${i}`, title: `Voted ${how === 'abstained' ? 'to abstain' : how}: ${mv.title}`, path: `/meetings/${mv.meeting_slug}#minutes`,
        updated: iso(`${mv.date}T12:00:00Z`),
        summary: `${mv.body_name}, ${formatDisplayDate(mv.date)}, minute ${mv.number}: ${v.motion}\n${name} voted ${how}. The motion was ${result} (${v.for.length} for, ${v.against.length} against, ${v.abstained.length} abstention${v.abstained.length === 1 ? '' : 's'}).`,
        categories: ['Recorded vote', mv.body_name],
      });
    });
  }
  const sorted = finish(entries);
  return { id: `person/${p.id}`, title: `${name}: meetings, votes and declarations`, description: `Meetings attended, recorded votes and declarations of interest of ${name}.`,
    path: `/people/${p.slug}`, updated: newest(sorted), entries: sorted };
}

export interface SearchFeedQuery {
  text: string;
  kind?: SearchKind;
  bodyId?: number;
  bodySlug?: string;
  from?: string;
  to?: string;
}

/** The best matches of a search (as the search page ranks them), newest first. Public results only. */
export async function searchFeed(store: Store, q: SearchFeedQuery): Promise<FeedModel> {
  const results = q.text ? await search(store, {
    text: q.text, kinds: q.kind ? [q.kind] : undefined, bodyIds: q.bodyId ? [q.bodyId] : undefined, from: q.from, to: q.to, limit: 100, offset: 0,
    viewer: { exemptMeetingIds: 'none' },
  }) : { total: 0, hits: [] };
  const entries = results.hits.map((h): FeedEntry => ({
    id: `search/${h.kind}/${h.refId}${h.page ? `/${h.page}` : ''}`, title: h.title, path: h.url, updated: iso(null, h.date),
    // The snippet marks matched words with <mark>; a feed entry's summary is plain text.
    summary: h.snippet.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    categories: [h.kind],
  }));
  const qs = new URLSearchParams();
  qs.set('q', q.text);
  if (q.kind) qs.set('type', q.kind);
  if (q.bodySlug) qs.set('body', q.bodySlug);
  if (q.from) qs.set('from', q.from);
  if (q.to) qs.set('to', q.to);
  const sorted = finish(entries);
  return { id: `search?${qs.toString()}`, title: `Search: ${q.text}`, description: `New and updated records matching “${q.text}”.`, path: `/search?${qs.toString()}`, updated: newest(sorted), entries: sorted };
}
