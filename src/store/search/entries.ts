// What goes into the search index for each kind of record: pure functions from rows to search_entry values.
// Every entry carries its meeting, body and date for filtering, and exempt = 1 when it comes from Part 2 material.
import { MEETING_STATUS_LABELS, type MeetingStatus, type ResolutionPart } from '../../domain/types.js';
import { decisionExempt } from '../../domain/visibility.js';
import { parseJson } from '../json.js';
import { personDisplayName, personFullName } from '../people.js';
import type { NewRow, Row } from '../schema.js';
import { longDate } from './dates.js';

export type EntryValues = Omit<NewRow<'search_entry'>, 'id'>;

const join = (parts: (string | null | undefined)[], sep = '\n'): string => parts.map((p) => (p ?? '').trim()).filter(Boolean).join(sep);
const enc = encodeURIComponent;

export interface MeetingFacts {
  id: number;
  slug: string;
  body_id: number;
  body_name: string;
  date: string;
  time: string | null;
  venue: string | null;
  status: string;
  status_reason: string | null;
}

export function meetingEntry(m: MeetingFacts): EntryValues {
  return {
    kind: 'meeting', ref_id: m.id, page: null, meeting_id: m.id, body_id: m.body_id, date: m.date, exempt: 0,
    title: `${m.body_name}, ${longDate(m.date)}`,
    url: `/meetings/${m.slug}`,
    body: join([m.body_name, longDate(m.date), m.time, m.venue, MEETING_STATUS_LABELS[m.status as MeetingStatus] ?? m.status, m.status_reason]),
  };
}

type ItemFacts = Pick<Row<'agenda_item'>, 'id' | 'code' | 'title' | 'purpose' | 'presenters_json' | 'exempt'>;

export function itemEntry(m: MeetingFacts, it: ItemFacts, exempt: boolean): EntryValues {
  return {
    kind: 'item', ref_id: it.id, page: null, meeting_id: m.id, body_id: m.body_id, date: m.date, exempt: exempt ? 1 : 0,
    title: it.title,
    url: `/meetings/${m.slug}/items/${enc(it.code)}`,
    body: join([`Item ${it.code}`, it.purpose, parseJson<string[]>(it.presenters_json, []).join(', ')]),
  };
}

/** Pages with nothing to find on them ("This page is intentionally left blank") get no entry. */
function blankPage(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return !t || /^(page \d+ )?this page is intentionally left blank( page \d+)?$/i.test(t);
}

export interface PaperFacts {
  id: number;
  slug: string;
  title: string;
  pages_json: string | null;
}

/** Where a paper's pages sit: its meeting, or (a review's final report) none, with the body and date to filter by. */
export type PagePlace = { id: number | null; body_id: number | null; date: string | null };

export function pageEntries(m: PagePlace, d: PaperFacts, exempt: boolean): EntryValues[] {
  const pages = parseJson<unknown[]>(d.pages_json, []);
  const out: EntryValues[] = [];
  pages.forEach((p, i) => {
    const text = typeof p === 'string' ? p : '';
    if (blankPage(text)) return;
    out.push({
      kind: 'page', ref_id: d.id, page: i + 1, meeting_id: m.id, body_id: m.body_id, date: m.date, exempt: exempt ? 1 : 0,
      title: d.title,
      url: `/documents/${d.slug}#page-${i + 1}`,
      body: text,
    });
  });
  return out;
}

type MinuteFacts = Pick<Row<'minute'>, 'id' | 'number' | 'title' | 'paragraphs_json' | 'resolutions_json' | 'post_meeting_note'>;

export function minuteEntry(m: MeetingFacts, mi: MinuteFacts, exempt: boolean): EntryValues {
  const resolutions = parseJson<{ text?: string; parts?: ResolutionPart[] }[]>(mi.resolutions_json, []);
  const resolutionText = resolutions.map((r) => join([r.text, ...(r.parts ?? []).map((p) => join([p.label, p.text], ' '))]));
  return {
    kind: 'minute', ref_id: mi.id, page: null, meeting_id: m.id, body_id: m.body_id, date: m.date, exempt: exempt ? 1 : 0,
    title: `${mi.number}. ${mi.title}`,
    url: `/meetings/${m.slug}#minute-${enc(mi.number.replace(/[^A-Za-z0-9]+/g, '-'))}`,
    body: join([...parseJson<string[]>(mi.paragraphs_json, []), ...resolutionText, mi.post_meeting_note]),
  };
}

type DecisionFacts = Pick<Row<'decision'>, 'id' | 'number' | 'slug' | 'taker_name' | 'taker_body_id' | 'meeting_id' | 'taken_on' | 'subject' |
  'classification' | 'decision_text' | 'reasons' | 'alternatives'>;

export function decisionEntry(d: DecisionFacts, meetingBodyId: number | null): EntryValues {
  return {
    kind: 'decision', ref_id: d.id, page: null, meeting_id: d.meeting_id, body_id: d.taker_body_id ?? meetingBodyId,
    date: d.taken_on, exempt: decisionExempt(d) ? 1 : 0,
    title: d.subject,
    url: `/decisions/${d.slug}`,
    body: join([`Record of Decision ${d.number}, ${d.taker_name}`, d.decision_text, d.reasons, d.alternatives]),
  };
}

type ReviewFacts = Pick<Row<'scrutiny_review'>, 'id' | 'slug' | 'title' | 'body_id' | 'started_on' | 'terms_of_reference' | 'report_summary' | 'response'> & { body_name: string | null };

/**
 * A select committee review: its terms of reference, members, evidence sessions, report summary and the executive's
 * response. A review has no exempt part (its record is public from the day it starts); its final report is a paper
 * whose pages are indexed, and judged, like any other (pageEntries).
 */
export function reviewEntry(r: ReviewFacts, members: string[], sessions: string[]): EntryValues {
  return {
    kind: 'review', ref_id: r.id, page: null, meeting_id: null, body_id: r.body_id, date: r.started_on, exempt: 0,
    title: r.title,
    url: `/reviews/${enc(r.slug)}`,
    body: join([`Select committee review${r.body_name ? `, ${r.body_name}` : ''}`, r.terms_of_reference, members.join(', '), ...sessions, r.report_summary, r.response]),
  };
}

type PersonFacts = Pick<Row<'person'>, 'id' | 'slug' | 'title' | 'forenames' | 'initials' | 'surname' | 'post_nominals' | 'kind' | 'job_title' | 'division'>;

export function personEntry(p: PersonFacts, groupName: string | null, bodyNames: string[]): EntryValues {
  const display = personDisplayName(p);
  const full = personFullName(p);
  return {
    kind: 'person', ref_id: p.id, page: null, meeting_id: null, body_id: null, date: null, exempt: 0,
    title: display,
    url: `/people/${p.slug}`,
    body: join([full !== display ? full : null, p.kind, p.job_title, p.division, groupName, bodyNames.join(', ')]),
  };
}
