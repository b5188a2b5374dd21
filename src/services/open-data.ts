// Open data: the council's public record as Popolo / Open Civic Data JSON (organizations, people, posts,
// memberships, events with agenda, participants and documents, vote events with each member's vote), as bulk
// datasets (meetings, items, papers, decisions, attendance, votes; CSV or JSON, all or one year), and as each
// councillor's voting and attendance record. Everything is built for the public viewer and every row asks the one
// visibility rule (domain/visibility.ts through policy.can): nothing unpublished or exempt leaves.
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipPassThrough } from 'fflate';
import { councilDay } from '../domain/display.js';
import { personMatchKey, sortablePersonName } from '../domain/names.js';
import { personFullName } from '../store/people.js';
import { can, PUBLIC_VIEWER } from '../domain/policy.js';
import { exemptLabel, itemExempt as itemExemptRule, minuteExempt, packExempt, paperExempt } from '../domain/visibility.js';
import type { RecordedVote } from '../domain/types.js';
import type { Store } from '../store/db.js';
import { MootError } from '../errors.js';
import { getBlob } from '../store/documents.js';
import { dataVersion } from '../store/read/version.js';
import { visibleDecisions } from '../store/read/decisions.js';
import { textToParagraphs } from '../store/json.js';
import { decisionStanding } from '../domain/executive.js';
import { packFileName } from '../store/read/meeting-page.js';
import {
  meetingIdsOfPerson, openDataBodies, openDataCouncil, openDataGroups, openDataMeetingContents, openDataMeetings, openDataMemberships, openDataPeople,
  openDataPerson, openDataYears, type OpenDataScope,
} from '../store/read/open-data.js';
import { styledNamesOf } from '../store/read/people.js';
import { agendaPublished, decisionVisible, documentPublished, meetingHeld, minutesPublished } from '../store/read/visibility.js';
import { POPOLO_COLLECTIONS, type PopoloCollection, type PopoloExport } from '../domain/popolo.js';
import { safeWebUrl } from '../domain/input.js';

export { POPOLO_COLLECTIONS, openDataYears };
export type { PopoloCollection, PopoloExport };

/** The licence every dataset is offered under (the council's own open licence, modelled on the OGL). */
export const OPEN_DATA_LICENCE = {
  name: 'Open Licence for Council Information',
  summary: 'You may copy, publish, adapt and use this information, commercially or not, if you acknowledge the council as its source. '
    + 'It does not cover personal data beyond what the council publishes as part of the democratic record, logos, or third parties\' material in papers.',
};

// ---------------------------------------------------------------------------------------------------------------
// Stable identifiers: the same record gets the same OCD id in every export (a name-based UUID of the council and
// the record's kind and number), so re-importers can match what they already hold.

const NAMESPACE = 'moot-open-data-v1';

export function ocdId(kind: 'person' | 'organization' | 'post' | 'membership' | 'event' | 'vote', council: string, key: string | number): string {
  const h = createHash('sha1').update(`${NAMESPACE}:${council}:${kind}:${key}`).digest('hex');
  // Laid out as a version-5 (name-based, SHA-1) UUID.
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `ocd-${kind}/${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** "2024-05-01" + "14:00" in Europe/London → "2024-05-01T14:00:00+01:00" (date only when there is no time). */
export function londonDateTime(date: string, time: string | null): string {
  if (!time || !/^\d{2}:\d{2}/.test(time)) return date;
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d+)?(?::(\d+))?/.exec(name);
  const hours = m?.[1] ? Number(m[1]) : 0;
  const offset = `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:${m?.[2] ?? '00'}`;
  return `${date}T${time.slice(0, 5)}:00${offset}`;
}

function isoTimestamp(ts: string | null | undefined): string | null {
  if (!ts) return null;
  const t = Date.parse(ts.includes('T') || ts.includes(' ') ? ts.replace(' ', 'T') + (/[zZ]|[+-]\d{2}:?\d{2}$/.test(ts) ? '' : 'Z') : `${ts}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// The public record, filtered once

type MeetingRow = Awaited<ReturnType<typeof openDataMeetings>>[number];
type Contents = Awaited<ReturnType<typeof openDataMeetingContents>>;

const sees = (m: { id: number; body_id: number }, exempt: boolean, published: boolean) =>
  can(PUBLIC_VIEWER, 'view', { bodyId: m.body_id, meetingId: m.id, exempt, published });

export interface PublicItem {
  id: number; meetingId: number; position: number; code: string; exempt: boolean;
  /** Null when exempt: the public gets the item's code and its Schedule 12A paragraphs only. */
  title: string | null; purpose: string | null; exemptLabel: string | null; withdrawn: boolean; deferred: boolean;
}
export interface PublicPaper {
  id: number; slug: string; meetingId: number; itemId: number | null; kind: string; title: string; version: number; sha256: string | null; size: number | null; pageCount: number | null; createdAt: string | null;
  /** Withdrawn after it was public: the day (the council's) and why; it stays listed, marked. Null when not withdrawn. */
  withdrawn: { on: string; reason: string } | null;
}
export interface PublicMinute { id: number; meetingId: number; itemId: number | null; number: string; title: string; votes: RecordedVote[] }
export interface PublicAttendance { meetingId: number; personId: number | null; name: string; kind: string; role: string | null; substituteFor: string | null }

export interface PublicRecord {
  meetings: MeetingRow[];
  /** Held meetings whose record (attendance) is public. */
  heldIds: Set<number>;
  items: PublicItem[];
  papers: PublicPaper[];
  packs: { meetingId: number; kind: string; version: number; sha256: string; size: number; publishedAt: string; url: string }[];
  minutes: PublicMinute[];
  attendance: PublicAttendance[];
}

/** Meetings whose agenda the public may see, with their public items, papers, packs, minutes and attendance. */
export async function publicRecord(store: Store, scope: OpenDataScope = {}): Promise<PublicRecord> {
  let all = await openDataMeetings(store.db, scope);
  if (scope.personId !== undefined) {
    const ids = new Set(await meetingIdsOfPerson(store.db, scope.personId));
    all = all.filter((m) => ids.has(m.id));
  }
  const meetings = all.filter((m) => sees(m, false, agendaPublished(m)));
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const c: Contents = await openDataMeetingContents(store.db, meetings.map((m) => m.id));
  const sectionExempt = new Map(c.sections.map((s) => [s.id, !!s.exempt]));
  const itemExempt = new Map(c.items.map((i) => [i.id, itemExemptRule(i, i.section_id === null ? null : { exempt: sectionExempt.get(i.section_id) ?? false })]));
  const items: PublicItem[] = [];
  for (const i of c.items) {
    const m = byId.get(i.meeting_id)!;
    const exempt = itemExempt.get(i.id)!;
    if (!sees(m, false, true)) continue;
    const open = sees(m, exempt, true);
    const paragraphs = String(i.exempt_paragraphs ?? '').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
    items.push({ id: i.id, meetingId: i.meeting_id, position: i.position, code: i.code, exempt, title: open ? i.title : null, purpose: open ? i.purpose : null,
      exemptLabel: exempt ? exemptLabel(paragraphs) : null, withdrawn: !!i.withdrawn, deferred: i.deferred_to_meeting_id !== null });
  }
  const papers: PublicPaper[] = c.papers.filter((d) => {
    const m = byId.get(d.meeting_id!)!;
    const exempt = paperExempt({ classification: d.classification, kind: d.kind, itemExempt: d.agenda_item_id !== null && (itemExempt.get(d.agenda_item_id) ?? false) });
    return sees(m, exempt, documentPublished(d));
  }).map((d) => ({ id: d.id, slug: d.slug, meetingId: d.meeting_id!, itemId: d.agenda_item_id, kind: d.kind, title: d.title, version: d.current_version,
    sha256: d.sha256, size: d.size, pageCount: d.page_count, createdAt: isoTimestamp(d.created_at),
    // Only papers the public had reach here (documentPublished leaves out those withdrawn before they were public).
    withdrawn: d.withdrawn_at ? { on: councilDay(d.withdrawn_at), reason: d.withdrawn_reason ?? '' } : null }));
  // A public pack withheld since (an item in it was later made exempt) is no longer public: the pack route's rule.
  const packs = c.packs.filter((p) => sees(byId.get(p.meeting_id)!, packExempt({ audience: 'public', withheldAt: p.withheld_at }), true)).map((p) => ({
    meetingId: p.meeting_id, kind: p.kind, version: p.version, sha256: p.sha256, size: p.size, publishedAt: isoTimestamp(p.published_at) ?? p.published_at,
    url: `/meetings/${byId.get(p.meeting_id)!.slug}/${packFileName(p.kind, p.version, 'public', false)}`,
  }));
  const minutes: PublicMinute[] = c.minutes.filter((x) => {
    const m = byId.get(x.meeting_id)!;
    const exempt = minuteExempt(x, x.agenda_item_id !== null && (itemExempt.get(x.agenda_item_id) ?? false));
    return sees(m, exempt, minutesPublished(m));
  }).map((x) => ({ id: x.id, meetingId: x.meeting_id, itemId: x.agenda_item_id, number: x.number, title: x.title, votes: parseVotes(x.votes_json) }));
  const heldIds = new Set(meetings.filter((m) => sees(m, false, meetingHeld(m) && agendaPublished(m))).map((m) => m.id));
  const attendance: PublicAttendance[] = c.attendance.filter((a) => heldIds.has(a.meeting_id) && a.for_item_id === null)
    .map((a) => ({ meetingId: a.meeting_id, personId: a.person_id, name: a.name_as_recorded, kind: a.kind, role: a.role, substituteFor: a.substitute_for_name }));
  return { meetings, heldIds, items, papers, packs, minutes, attendance };
}

function parseVotes(json: string): RecordedVote[] {
  try {
    const v = JSON.parse(json) as RecordedVote[];
    return Array.isArray(v) ? v.map((x) => ({ motion: String(x.motion ?? ''), for: x.for ?? [], against: x.against ?? [], abstained: x.abstained ?? [] })) : [];
  } catch {
    return [];
  }
}

/** A recorded vote is carried when more voted for than against (a chairman's casting vote is minuted as a vote for). */
export function voteResult(v: RecordedVote): 'carried' | 'lost' {
  return v.for.length > v.against.length ? 'carried' : 'lost';
}

// ---------------------------------------------------------------------------------------------------------------
// Popolo / Open Civic Data

const BODY_CLASSIFICATION: Record<string, string> = {
  'full-council': 'legislature', cabinet: 'executive', 'cabinet-member': 'executive', 'cabinet-committee': 'committee',
};

const STATUS: Record<string, string> = { scheduled: 'confirmed', 'agenda-published': 'confirmed', held: 'passed', 'minutes-drafted': 'passed', 'minutes-approved': 'passed', cancelled: 'cancelled', postponed: 'tentative' };

const OPTION: Record<'for' | 'against' | 'abstained', 'yes' | 'no' | 'abstain'> = { for: 'yes', against: 'no', abstained: 'abstain' };

export interface PopoloOptions extends OpenDataScope {
  /** The public address links are made absolute against (e.g. https://democracy.example.gov.uk). */
  baseUrl: string;
}

/** The whole public record as Popolo JSON following the Open Civic Data conventions. */
export async function popoloExport(store: Store, o: PopoloOptions): Promise<PopoloExport> {
  const base = o.baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path}`;
  const [council, groups, bodies, people, memberships, record] = await Promise.all([
    openDataCouncil(store.db), openDataGroups(store.db), openDataBodies(store.db), openDataPeople(store.db), openDataMemberships(store.db), publicRecord(store, o),
  ]);
  const key = council?.short_name || council?.name || 'council';
  const id = (kind: Parameters<typeof ocdId>[0], k: string | number) => ocdId(kind, key, k);
  const councilOrgId = id('organization', 'council');
  const fullCouncil = bodies.find((b) => b.kind === 'full-council');
  const bodyOrg = (bodyId: number) => id('organization', `body/${bodyId}`);
  const groupOrg = (groupId: number) => id('organization', `group/${groupId}`);
  const personId = (pid: number) => id('person', pid);

  const organizations: PopoloExport['organizations'] = [
    { id: councilOrgId, name: council?.name ?? 'The council', classification: 'government', parent_id: null, identifiers: [{ scheme: 'moot', identifier: 'council' }],
      other_names: council?.short_name && council.short_name !== council.name ? [{ name: council.short_name, note: 'short name' }] : [], links: [], sources: [{ url: url('/') }] },
    ...bodies.map((b) => ({ id: bodyOrg(b.id), name: b.name, classification: BODY_CLASSIFICATION[b.kind] ?? 'committee', parent_id: councilOrgId,
      identifiers: [{ scheme: 'moot-body', identifier: b.slug }], other_names: [], description: b.purpose ?? undefined,
      links: [{ url: url(`/bodies/${b.slug}`), note: 'web page' }, { url: url(`/bodies/${b.slug}/feed.atom`), note: 'Atom feed' }], sources: [{ url: url(`/bodies/${b.slug}`) }],
      extras: { kind: b.kind } })),
    ...groups.map((g) => ({ id: groupOrg(g.id), name: g.name, classification: 'party', parent_id: null, identifiers: [{ scheme: 'moot-group', identifier: String(g.id) }],
      other_names: g.short_name ? [{ name: g.short_name, note: 'abbreviation' }] : [], links: [], sources: [{ url: url(`/people?group=${g.id}`) }] })),
  ];

  // Posts: one seat per electoral division on the full council (or the council when there is no full-council body).
  const divisions = [...new Set(people.filter((p) => p.kind === 'councillor' && p.division).map((p) => p.division!))].sort();
  const seatOrg = fullCouncil ? bodyOrg(fullCouncil.id) : councilOrgId;
  const postId = (division: string) => id('post', `division/${division.toLowerCase()}`);
  const posts: PopoloExport['posts'] = divisions.map((d) => ({ id: postId(d), label: `Councillor for ${d}`, role: 'Councillor', organization_id: seatOrg,
    division_id: null, area: { name: d } }));

  const persons: PopoloExport['persons'] = people.map((p) => ({
    id: personId(p.id), name: personFullName(p), sort_name: sortablePersonName(p),
    family_name: p.surname, given_name: p.forenames ?? undefined, honorific_prefix: p.title ?? undefined, honorific_suffix: p.post_nominals ?? undefined,
    other_names: [], identifiers: [{ scheme: 'moot-person', identifier: p.slug }],
    links: [{ url: url(`/people/${p.slug}`), note: 'web page' }, { url: url(`/people/${p.slug}/votes`), note: 'voting and attendance record' }],
    sources: [{ url: url(`/people/${p.slug}`) }], extras: { kind: p.kind, division: p.division },
  }));
  const personById = new Map(people.map((p) => [p.id, p]));
  const byKey = new Map<string, number>();
  for (const p of people) if (!byKey.has(p.match_key)) byKey.set(p.match_key, p.id);

  const roleLabel = (r: string) => r.replace(/-/g, ' ');
  const fullCouncilIds = new Set(fullCouncil ? [fullCouncil.id] : []);
  const membershipsOut: PopoloExport['memberships'] = memberships.map((m) => {
    const person = personById.get(m.person_id);
    const seat = fullCouncilIds.has(m.body_id) && person?.division && person.kind === 'councillor' ? postId(person.division) : null;
    return { id: id('membership', `body/${m.id}`), person_id: personId(m.person_id), organization_id: bodyOrg(m.body_id), post_id: seat, role: roleLabel(m.role),
      label: roleLabel(m.role), on_behalf_of_id: m.group_id ? groupOrg(m.group_id) : null, start_date: m.starts_on, end_date: m.ends_on ?? null };
  });
  for (const p of people) {
    if (p.group_id) membershipsOut.push({ id: id('membership', `group/${p.id}/${p.group_id}`), person_id: personId(p.id), organization_id: groupOrg(p.group_id), post_id: null,
      role: 'member', label: 'member', on_behalf_of_id: null, start_date: null, end_date: null });
  }

  const itemsOf = groupBy(record.items, (i) => i.meetingId);
  const papersOf = groupBy(record.papers, (p) => p.meetingId);
  const packsOf = groupBy(record.packs, (p) => p.meetingId);
  const minutesOf = groupBy(record.minutes, (x) => x.meetingId);
  const attendanceOf = groupBy(record.attendance, (a) => a.meetingId);
  const events: PopoloExport['events'] = [];
  const voteEvents: PopoloExport['vote_events'] = [];
  for (const m of record.meetings) {
    const eventId = id('event', m.id);
    const papers = papersOf.get(m.id) ?? [];
    const minutes = minutesOf.get(m.id) ?? [];
    const agenda = (itemsOf.get(m.id) ?? []).map((i, n) => {
      const ps = i.title === null ? [] : papers.filter((p) => p.itemId === i.id);
      const minute = minutes.find((x) => x.itemId === i.id);
      return {
        order: String(n + 1), description: i.title === null ? `Item ${i.code}: ${i.exemptLabel}` : `${i.code}. ${i.title}`,
        classification: [i.exempt ? 'exempt' : 'open', ...(i.withdrawn ? ['withdrawn'] : []), ...(i.deferred ? ['deferred'] : [])],
        subjects: [], notes: i.purpose ? [i.purpose] : [], media: [],
        related_entities: ps.map((p) => ({ entity_type: 'document', entity_id: null, entity_name: p.title, note: p.kind })),
        extras: { code: i.code, exempt: i.exempt, minute_number: minute?.number ?? null },
      };
    });
    const participants = [
      { name: m.body_name, entity_type: 'organization', entity_id: bodyOrg(m.body_id), note: 'host' },
      ...(attendanceOf.get(m.id) ?? []).map((a) => ({ name: a.name, entity_type: 'person', entity_id: a.personId !== null && personById.has(a.personId) ? personId(a.personId) : null,
        note: a.kind + (a.substituteFor ? ` (substitute for ${a.substituteFor})` : '') })),
    ];
    const documents = [
      ...(packsOf.get(m.id) ?? []).map((p) => ({ note: `${p.kind} pack, version ${p.version}`, date: p.publishedAt.slice(0, 10), media_type: 'application/pdf',
        links: [{ url: url(p.url), media_type: 'application/pdf' }], extras: { sha256: p.sha256, size: p.size } })),
      ...papers.map((p) => ({ note: p.title, date: (p.createdAt ?? m.date).slice(0, 10), media_type: 'application/pdf',
        links: [{ url: url(`/documents/${p.slug}/v${p.version}.pdf`), media_type: 'application/pdf' }],
        extras: { kind: p.kind, version: p.version, sha256: p.sha256, size: p.size, ...(p.withdrawn ? { withdrawn_on: p.withdrawn.on, withdrawn_reason: p.withdrawn.reason } : {}) } })),
    ];
    events.push({
      id: eventId, name: `${m.body_name}, ${m.date}`, description: '', classification: 'committee-meeting', start_date: londonDateTime(m.date, m.time), end_date: null,
      timezone: 'Europe/London', all_day: !m.time, status: STATUS[m.status] ?? 'confirmed', location: m.venue ? { name: m.venue, note: '', coordinates: null } : null,
      organization_id: bodyOrg(m.body_id), participants, agenda, documents,
      media: safeWebUrl(m.webcast_url) ? [{ note: 'webcast', date: m.date, offset: null, links: [{ url: m.webcast_url!, media_type: 'text/html' }] }] : [],
      links: [{ url: url(`/meetings/${m.slug}`), note: 'web page' }], sources: [{ url: url(`/meetings/${m.slug}`) }],
      extras: { moot_status: m.status, historic: !!m.historic },
    });
    for (const x of minutes) {
      x.votes.forEach((v, n) => {
        const votes = (['for', 'against', 'abstained'] as const).flatMap((side) => v[side].map((name) => {
          const pid = byKey.get(personMatchKey(name));
          return { option: OPTION[side], voter_name: name, voter_id: pid !== undefined ? personId(pid) : null };
        }));
        voteEvents.push({
          id: id('vote', `${x.id}/${n}`), identifier: `${x.number}${x.votes.length > 1 ? `/${n + 1}` : ''}`, motion_text: v.motion, motion_classification: [],
          start_date: m.date, result: voteResult(v) === 'carried' ? 'pass' : 'fail', organization_id: bodyOrg(m.body_id), event_id: eventId,
          counts: [{ option: 'yes', value: v.for.length }, { option: 'no', value: v.against.length }, { option: 'abstain', value: v.abstained.length }],
          votes, sources: [{ url: url(`/meetings/${m.slug}#minutes`) }], extras: { minute_number: x.number, minute_title: x.title },
        });
      });
    }
  }
  return { organizations, persons, posts, memberships: membershipsOut, events, vote_events: voteEvents };
}

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// A councillor's voting and attendance record

export interface VoteRecordRow {
  date: string; body: string; meetingSlug: string; minute: string; item: string; motion: string;
  vote: 'for' | 'against' | 'abstained'; result: 'carried' | 'lost'; for: number; against: number; abstained: number;
}
export interface AttendanceRow { date: string; body: string; meetingSlug: string; attendance: string; substituteFor: string | null }
export interface AttendanceSummary { body: string; present: number; apologies: number; absent: number; other: number; meetings: number }

export interface CouncillorRecord {
  person: { slug: string; name: string };
  votes: VoteRecordRow[];
  attendance: AttendanceRow[];
  attendanceByBody: AttendanceSummary[];
}

/** Each recorded vote a councillor cast and their attendance, from the public record; null when no such councillor. */
export async function councillorRecord(store: Store, slug: string): Promise<CouncillorRecord | null> {
  const p = await openDataPerson(store.db, slug);
  if (!p) return null;
  const record = await publicRecord(store, { personId: p.id });
  const meetings = new Map(record.meetings.map((m) => [m.id, m]));
  const items = new Map(record.items.map((i) => [i.id, i]));
  const votes: VoteRecordRow[] = [];
  for (const x of record.minutes) {
    const m = meetings.get(x.meetingId)!;
    for (const v of x.votes) {
      const has = (names: string[]) => names.some((n) => personMatchKey(n) === p.match_key);
      const vote = has(v.for) ? 'for' : has(v.against) ? 'against' : has(v.abstained) ? 'abstained' : null;
      if (!vote) continue;
      const item = x.itemId !== null ? items.get(x.itemId) : undefined;
      votes.push({ date: m.date, body: m.body_name, meetingSlug: m.slug, minute: x.number, item: item?.title ?? x.title, motion: v.motion, vote, result: voteResult(v),
        for: v.for.length, against: v.against.length, abstained: v.abstained.length });
    }
  }
  votes.sort((a, b) => (a.date === b.date ? a.minute.localeCompare(b.minute) : a.date < b.date ? 1 : -1));
  const attendance: AttendanceRow[] = record.attendance.filter((a) => a.personId === p.id).map((a) => {
    const m = meetings.get(a.meetingId)!;
    return { date: m.date, body: m.body_name, meetingSlug: m.slug, attendance: a.kind, substituteFor: a.substituteFor };
  }).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const summary = new Map<string, AttendanceSummary>();
  for (const a of attendance) {
    const s = summary.get(a.body) ?? { body: a.body, present: 0, apologies: 0, absent: 0, other: 0, meetings: 0 };
    s.meetings++;
    if (a.attendance === 'present') s.present++;
    else if (a.attendance === 'apologies') s.apologies++;
    else if (a.attendance === 'absent') s.absent++;
    else s.other++;
    summary.set(a.body, s);
  }
  // The page names the councillor as their own page does (the council's style); the datasets keep the names as recorded.
  const name = (await styledNamesOf(store.db, [p.id])).get(p.id)!;
  return { person: { slug: p.slug, name }, votes, attendance, attendanceByBody: [...summary.values()].sort((a, b) => a.body.localeCompare(b.body)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk datasets

export const DATASETS = ['meetings', 'items', 'papers', 'decisions', 'attendance', 'votes'] as const;
export type Dataset = (typeof DATASETS)[number];

export const DATASET_DESCRIPTIONS: Record<Dataset, string> = {
  meetings: 'Every meeting whose agenda is published: body, date, time, venue, status and its web page',
  items: 'Agenda items of those meetings (exempt items by code and Schedule 12A paragraph only)',
  papers: 'Public papers and agenda packs, each with its SHA-256, size and download address',
  decisions: 'Published Records of Decision: number, taker, date, subject, key decision, status as recorded and where it stands today (open for call-in, implementable…), call-in deadline, and for a decision that contained exempt information the Schedule 12A paragraphs it was left out under',
  attendance: 'Who attended, sent apologies or was absent, meeting by meeting',
  votes: 'Recorded votes from the minutes: each member\'s vote on each motion, and the result',
};

export type DatasetRow = Record<string, string | number | boolean | null>;

/** One dataset's rows (all years, or one), public only; a decision's phase is read on `today` (default today). */
export async function datasetRows(store: Store, dataset: Dataset, o: PopoloOptions & { today?: string }): Promise<DatasetRow[]> {
  const base = o.baseUrl.replace(/\/+$/, '');
  if (dataset === 'decisions') {
    let q = visibleDecisions(store.db, PUBLIC_VIEWER)
      .select(['decision.id', 'decision.slug', 'decision.number', 'decision.subject', 'decision.taker_kind', 'decision.taker_name', 'decision.taken_on', 'decision.status',
        'decision.key_decision', 'decision.urgent', 'decision.classification', 'decision.taker_body_id', 'decision.meeting_id', 'decision.published_on', 'decision.call_in_ends_on',
        'decision.contains_exempt_information', 'decision.exempt_paragraphs']);
    if (o.year !== undefined) q = q.where('decision.taken_on', '>=', `${o.year}-01-01`).where('decision.taken_on', '<=', `${o.year}-12-31`);
    const rows = await q.orderBy('decision.taken_on').orderBy('decision.id').execute();
    const today = o.today ?? new Date().toISOString().slice(0, 10);
    return rows.filter((d) => decisionVisible(PUBLIC_VIEWER, d)).map((d) => ({
      number: d.number, taken_on: d.taken_on, taker_kind: d.taker_kind, taker: d.taker_name, subject: d.subject, key_decision: !!d.key_decision, urgent: !!d.urgent,
      status: d.status, phase: decisionStanding(d, today).phase, published_on: d.published_on, call_in_ends_on: d.call_in_ends_on,
      // Public: that the matter contained exempt information and under which paragraphs (never the information).
      contains_exempt_information: !!d.contains_exempt_information, exempt_paragraphs: d.contains_exempt_information ? textToParagraphs(d.exempt_paragraphs).join(', ') : null,
      url: `${base}/decisions/${d.slug}`,
    }));
  }
  const r = await publicRecord(store, o);
  const meetings = new Map(r.meetings.map((m) => [m.id, m]));
  const items = new Map(r.items.map((i) => [i.id, i]));
  const meetingCols = (id: number) => {
    const m = meetings.get(id)!;
    return { meeting: m.slug, date: m.date, body: m.body_name };
  };
  switch (dataset) {
    case 'meetings':
      return r.meetings.map((m) => ({ meeting: m.slug, date: m.date, time: m.time, body: m.body_name, body_slug: m.body_slug, venue: m.venue, status: m.status,
        historic: !!m.historic, url: `${base}/meetings/${m.slug}` }));
    case 'items':
      return r.items.map((i) => ({ ...meetingCols(i.meetingId), code: i.code, title: i.title ?? i.exemptLabel, exempt: i.exempt, withdrawn: i.withdrawn, deferred: i.deferred,
        url: `${base}/meetings/${meetings.get(i.meetingId)!.slug}/items/${encodeURIComponent(i.code)}` }));
    case 'papers':
      return [
        ...r.packs.map((p) => ({ ...meetingCols(p.meetingId), item: null, kind: `${p.kind}-pack`, title: `${p.kind} pack`, version: p.version, sha256: p.sha256, size: p.size,
          url: `${base}${p.url}`, withdrawn: false, withdrawn_on: null, withdrawn_reason: null })),
        ...r.papers.map((p) => ({ ...meetingCols(p.meetingId), item: p.itemId !== null ? items.get(p.itemId)?.code ?? null : null, kind: p.kind, title: p.title,
          version: p.version, sha256: p.sha256, size: p.size, url: `${base}/documents/${p.slug}/v${p.version}.pdf`,
          withdrawn: p.withdrawn !== null, withdrawn_on: p.withdrawn?.on ?? null, withdrawn_reason: p.withdrawn?.reason ?? null })),
      ];
    case 'attendance':
      return r.attendance.map((a) => ({ ...meetingCols(a.meetingId), name: a.name, attendance: a.kind, role: a.role, substitute_for: a.substituteFor }));
    case 'votes':
      return r.minutes.flatMap((x) => x.votes.flatMap((v, n) => (['for', 'against', 'abstained'] as const).flatMap((side) => v[side].map((name) => ({
        ...meetingCols(x.meetingId), minute: x.number, vote_number: n + 1, motion: v.motion, member: name, vote: side, result: voteResult(v),
      })))));
  }
  return [];
}

/** Rows as CSV with a header line (RFC 4180), for spreadsheets. */
export function toCsv(rows: DatasetRow[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return stringify(rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'boolean' ? (r[c] ? 'yes' : 'no') : String(r[c])))), {
    header: true, columns: cols, record_delimiter: 'windows',
  });
}

/** A file of the yearly zip of PDFs: where it goes in the zip (its public address), its SHA-256 and size, its meeting's date. */
export interface BulkPdfFile { path: string; sha256: string; size: number; date: string }

/**
 * What the zip of PDFs holds: every public paper (its current version) and public agenda pack that the papers
 * dataset lists, once each, under its public address (documents/…/v1.pdf, meetings/…/pack.pdf). The list is the
 * dataset's, so the same one visibility rule decides (a pack withheld since it was published is not on it).
 */
export async function bulkPdfFiles(store: Store, o: PopoloOptions): Promise<BulkPdfFile[]> {
  const base = o.baseUrl.replace(/\/+$/, '');
  const files = new Map<string, BulkPdfFile>();
  for (const r of await datasetRows(store, 'papers', o)) {
    const url = String(r.url);
    if (typeof r.sha256 !== 'string' || !url.startsWith(`${base}/`)) continue;
    const path = url.slice(base.length + 1);
    if (!files.has(path)) files.set(path, { path, sha256: r.sha256, size: Number(r.size ?? 0), date: String(r.date) });
  }
  return [...files.values()];
}

// Below zip's limits (65,535 files, 4 GiB) with room for its headers and SHA256SUMS.
const ZIP_LIMIT_BYTES = 4 * 1024 ** 3 - 64 * 1024 ** 2;

/** A file's time in the zip: its meeting's date (noon, so no zone moves it to another day), within what zip can say. */
const zipTime = (date: string) => new Date(`${date < '1980-01-02' ? '1980-01-02' : date}T12:00:00Z`);

/**
 * The PDFs themselves, for researchers who want them with the yearly archive: a zip of bulkPdfFiles with
 * SHA256SUMS, made as it is read (one PDF in memory at a time, however large the year), so the web route and
 * `moot export bulk --with-pdfs` can stream it. PDFs are already compressed, so they are stored, not deflated again.
 * A long download outlives changes to the record: before each file, if the record has changed since the list was
 * made, the list is made again and a file no longer on it (a pack withheld meanwhile, a paper made exempt) is left
 * out. The list is made before the first byte, so what cannot be zipped is said at once: zip (without its 64-bit
 * extension, which not every tool reads) holds at most 65,535 files and 4 GB, so a larger archive is asked for a year
 * at a time. `summary` holds the count and bytes of the PDFs sent once `chunks` is done.
 */
export async function bulkPdfZip(store: Store, o: PopoloOptions): Promise<{ chunks: AsyncGenerator<Uint8Array>; summary: { files: number; bytes: number } }> {
  let version = await dataVersion(store);
  const files = await bulkPdfFiles(store, o);
  const total = files.reduce((n, f) => n + f.size, 0);
  if (files.length >= 0xffff || total >= ZIP_LIMIT_BYTES) {
    throw new MootError(`the PDFs${o.year ? ` of ${o.year}` : ''} (${files.length} files, ${(total / 1_073_741_824).toFixed(1)} GB) are too many for one zip`,
      o.year ? {} : { hint: 'ask for one year at a time (--year)' });
  }
  const summary = { files: 0, bytes: 0 };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let current = new Map(files.map((f) => [f.path, f.sha256]));
    const ready: Uint8Array[] = [];
    let failed: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else ready.push(chunk);
    });
    const add = (name: string, bytes: Uint8Array, date: string) => {
      const entry = new ZipPassThrough(name);
      entry.mtime = zipTime(date);
      zip.add(entry);
      entry.push(bytes, true);
    };
    function* take() {
      if (failed) throw failed;
      while (ready.length) yield ready.shift()!;
    }
    const sums: string[] = [];
    let newest = '1980-01-02';
    for (const f of files) {
      const now = await dataVersion(store);
      if (now !== version) {
        version = now;
        current = new Map((await bulkPdfFiles(store, o)).map((g) => [g.path, g.sha256]));
      }
      if (current.get(f.path) !== f.sha256) continue;
      const blob = await getBlob(store.db, f.sha256);
      if (!blob) continue;
      add(f.path, blob, f.date);
      sums.push(`${f.sha256}  ${f.path}`);
      summary.files += 1;
      summary.bytes += blob.length;
      if (f.date > newest) newest = f.date;
      yield* take();
    }
    add('SHA256SUMS', new TextEncoder().encode(`${sums.join('\n')}\n`), newest);
    zip.end();
    yield* take();
  }
  return { chunks: chunks(), summary };
}
