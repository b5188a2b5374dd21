import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIDENTIAL_MARKERS, DEMO_DOMAIN, DEMO_MAIL_FROM, isEmpty, loadDemo, type DemoSummary } from '../../src/demo/index.js';
import { DEMO_THEME_DIR } from '../../src/web/theme.js';
import { MootError } from '../../src/errors.js';
import { getBlob } from '../../src/store/documents.js';
import type { Store } from '../../src/store/db.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const TODAY = '2025-11-20';
const LOAD_TIMEOUT = 240_000;

/** What the demo contains, in a form that does not depend on generated ids or timestamps. */
async function fingerprint(store: Store) {
  const { db } = store;
  const meetings = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id').select(['meeting.slug', 'meeting.status', 'meeting.published_on', 'body.name']).orderBy('meeting.slug').execute();
  const items = await db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id').select(['meeting.slug', 'agenda_item.code', 'agenda_item.title']).orderBy('meeting.slug').orderBy('agenda_item.position').execute();
  const docs = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id').select(['document.slug', 'document_version.sha256', 'document.classification']).orderBy('document.slug').execute();
  const minutes = await db.selectFrom('minute').innerJoin('meeting', 'meeting.id', 'minute.meeting_id').select(['meeting.slug', 'minute.number', 'minute.title', 'minute.resolutions_json']).orderBy('meeting.slug').orderBy('minute.position').execute();
  const decisions = await db.selectFrom('decision').select(['number', 'subject', 'taken_on', 'status']).orderBy('number').execute();
  const people = await db.selectFrom('person').select(['slug', 'title', 'initials', 'surname', 'post_nominals', 'division']).orderBy('slug').execute();
  // The forward plan's editions as published (entry ids left out: they are the database's).
  const plan = (await db.selectFrom('forward_plan_edition').select(['edition', 'published_on', 'entries_json']).orderBy('edition').execute())
    .map((e) => [e.edition, e.published_on, (JSON.parse(e.entries_json) as { title: string; status: string; expectedOn: string; firstPublishedOn: string; contact: string }[]).map((x) => [x.title, x.status, x.expectedOn, x.firstPublishedOn, x.contact])]);
  return JSON.stringify({ meetings, items, docs, minutes, decisions, people, plan });
}

async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(STORE_KINDS)('demo council on %s', (kind) => {
  const get = useTestStore(kind);
  let summary: DemoSummary;

  it('loads a year of Example County Council into an empty store', { timeout: LOAD_TIMEOUT }, async (ctx) => {
    const { store } = get(ctx);
    expect(await isEmpty(store)).toBe(true);
    summary = await loadDemo(store, { today: TODAY });
    expect(await isEmpty(store)).toBe(false);
    expect(summary.bodies).toBe(9);
    expect(summary.people).toBe(86);
    expect(summary.meetings).toBeGreaterThan(60);
    expect(summary.documents).toBeGreaterThan(150);
    expect(summary.minutes).toBeGreaterThan(300);
    expect(summary.decisions).toBeGreaterThan(20);
    expect(summary.rows).toBeGreaterThan(summary.documents + summary.minutes + summary.meetings);
    const council = await store.db.selectFrom('council').select(['name', 'settings_json']).executeTakeFirstOrThrow();
    expect(council.name).toBe('Example County Council');
    expect(JSON.parse(council.settings_json)).toMatchObject({ signatoryTitle: 'Head of Democratic Services' });
  });

  it('writes one domain everywhere: its theme\'s website, people\'s emails, the forward plan\'s contact and the webcasts', async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    expect(DEMO_DOMAIN).toBe('example-county.gov.uk');
    const theme = JSON.parse(readFileSync(join(DEMO_THEME_DIR, 'theme.json'), 'utf8')) as { website: { text: string; href: string }; headerLinks: { href: string }[]; footerLinks: { href: string }[] };
    expect(theme.website.text).toBe(DEMO_DOMAIN);
    const hosts = (text: string) => [...text.matchAll(/(?:@|\/\/)([\w.-]+\.gov\.uk)/g)].map((m) => m[1].replace(/^(?:www|webcasts)\./, ''));
    const seen = [
      ...hosts(JSON.stringify(theme)),
      ...(await db.selectFrom('person').select('email').execute()).flatMap((p) => hosts(p.email ?? '')),
      ...(await db.selectFrom('forward_plan_entry').select('contact').execute()).flatMap((e) => hosts(e.contact ?? '')),
      ...(await db.selectFrom('meeting').select('webcast_url').execute()).flatMap((m) => hosts(m.webcast_url ?? '')),
    ];
    expect(seen.length).toBeGreaterThan(100);
    expect(new Set(seen)).toEqual(new Set([DEMO_DOMAIN]));
    expect(DEMO_MAIL_FROM).toBe(`Example County Council <democratic.services@${DEMO_DOMAIN}>`);
  });

  it('refuses to load over an existing council unless told to reset', async (ctx) => {
    const { store } = get(ctx);
    if (!summary) ctx.skip();
    await expect(loadDemo(store, { today: TODAY })).rejects.toThrow(MootError);
    const error = await loadDemo(store, { today: TODAY }).catch((e: unknown) => e);
    expect((error as MootError).line).toMatch(/already holds a council \("Example County Council"\).*moot demo --reset/);
  });

  it('has sixty councillors in four groups, co-opted members, substitutes and a vacancy', async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    const groups = await db.selectFrom('person').innerJoin('political_group', 'political_group.id', 'person.group_id')
      .select(['political_group.name', (eb) => eb.fn.countAll<number>().as('n')]).where('person.kind', '=', 'councillor').groupBy('political_group.name').execute();
    expect(Object.fromEntries(groups.map((g) => [g.name, Number(g.n)]))).toEqual({ Conservative: 36, Labour: 12, 'Liberal Democrat': 8, Green: 4 });
    const honours = await db.selectFrom('person').select('post_nominals').where('post_nominals', 'is not', null).execute();
    expect(honours.length).toBeGreaterThanOrEqual(2);
    const coOpted = await db.selectFrom('membership').selectAll().where('role', 'in', ['co-opted-voting', 'co-opted-non-voting']).execute();
    expect(coOpted.map((c) => c.co_opted_category)).toEqual(expect.arrayContaining(['Church Representative', 'Parent Governor']));
    expect(coOpted.some((c) => c.voting_note === 'Votes only on education matters')).toBe(true);
    expect((await db.selectFrom('membership').select('id').where('role', '=', 'substitute').execute()).length).toBeGreaterThan(5);
    const subbed = await db.selectFrom('attendance').select(['substitute_for_name']).where('substitute_for_person_id', 'is not', null).execute();
    expect(subbed.length).toBeGreaterThan(0);
    expect((await db.selectFrom('attendance').select('id').where('for_item_id', 'is not', null).execute()).length).toBeGreaterThan(0);
    // A vacancy: a body with more seats for a group than members of that group in post today.
    const seats = await db.selectFrom('body_seat').innerJoin('body', 'body.id', 'body_seat.body_id').select(['body.id', 'body.name', 'body_seat.group_id', 'body_seat.seats']).execute();
    const members = await db.selectFrom('membership').select(['body_id', 'group_id', 'role', 'ends_on']).where('role', 'in', ['chairman', 'vice-chairman', 'member']).execute();
    const vacancies = seats.filter((s) => members.filter((m) => m.body_id === s.id && m.group_id === s.group_id && (m.ends_on === null || m.ends_on >= TODAY)).length < s.seats);
    expect(vacancies.map((v) => v.name)).toContain('Policy and Resources Cabinet Committee');
    // Membership history: someone left a committee part way through the year.
    expect((await db.selectFrom('membership').select('id').where('ends_on', 'is not', null).execute()).length).toBeGreaterThan(0);
    const chairs = await db.selectFrom('membership').select('id').where('role', '=', 'chairman').execute();
    expect(chairs.length).toBe(9);
  });

  it('has exempt items with paragraphs whose papers are exempt and hold the confidential text', async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    const items = await db.selectFrom('agenda_item').selectAll().where('exempt', '=', 1).execute();
    expect(items.length).toBeGreaterThan(3);
    for (const it of items) {
      expect(it.exempt_paragraphs).toMatch(/^[1-7](,[1-7])*$/);
      expect(it.public_interest_reason).toBeTruthy();
    }
    const docs = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
      .select(['document.classification', 'document.exempt_paragraphs', 'document_version.pages_json']).execute();
    const exempt = docs.filter((d) => d.classification === 'exempt');
    expect(exempt.length).toBeGreaterThan(3);
    const has = (d: (typeof docs)[number]) => CONFIDENTIAL_MARKERS.some((m) => (d.pages_json ?? '').includes(m));
    expect(exempt.every(has)).toBe(true);
    expect(exempt.every((d) => d.exempt_paragraphs !== '')).toBe(true);
    expect(docs.filter((d) => d.classification !== 'exempt').some(has)).toBe(false);
    const minutes = await db.selectFrom('minute').select(['paragraphs_json', 'resolutions_json']).execute();
    expect(minutes.some((m) => CONFIDENTIAL_MARKERS.some((x) => m.paragraphs_json.includes(x) || m.resolutions_json.includes(x)))).toBe(false);
  });

  it('has agendas with the features clerks meet: to follow, urgent, withdrawn, guests, cancelled and postponed meetings', async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    const items = await db.selectFrom('agenda_item').selectAll().execute();
    expect(items.some((i) => i.to_follow === 1)).toBe(true);
    expect(items.some((i) => i.urgent_reason)).toBe(true);
    expect(items.some((i) => i.withdrawn === 1)).toBe(true);
    expect(items.some((i) => JSON.parse(i.guests_json).some((g: { timeSlot: string | null }) => g.timeSlot))).toBe(true);
    expect(items.some((i) => i.code === 'A1')).toBe(true);
    const statuses = new Set((await db.selectFrom('meeting').select('status').execute()).map((m) => m.status));
    for (const s of ['minutes-approved', 'agenda-published', 'scheduled', 'cancelled', 'postponed']) expect(statuses).toContain(s);
    const approved = await db.selectFrom('meeting').select(['minutes_approved_at_meeting_id']).where('status', '=', 'minutes-approved').execute();
    expect(approved.every((m) => m.minutes_approved_at_meeting_id !== null)).toBe(true);
  });

  it('numbers minutes without gaps across each body\'s meetings, and decisions without gaps within each year', async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    const rows = await db.selectFrom('minute').innerJoin('meeting', 'meeting.id', 'minute.meeting_id')
      .select(['meeting.body_id', 'meeting.date', 'minute.position', 'minute.sequence']).orderBy('meeting.body_id').orderBy('meeting.date').orderBy('minute.position').execute();
    const byBody = new Map<number, number[]>();
    for (const r of rows) byBody.set(r.body_id, [...(byBody.get(r.body_id) ?? []), r.sequence!]);
    expect(byBody.size).toBe(9);
    for (const seqs of byBody.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const decisions = await db.selectFrom('decision').select(['year', 'seq', 'number', 'status', 'urgent', 'call_in_ends_on', 'contains_exempt_information', 'key_decision']).orderBy('year').orderBy('seq').execute();
    const byYear = new Map<number, number[]>();
    for (const d of decisions) byYear.set(d.year, [...(byYear.get(d.year) ?? []), d.seq]);
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set(decisions.map((d) => d.number)).size).toBe(decisions.length);
    expect(decisions.some((d) => d.urgent === 1 && d.call_in_ends_on === null)).toBe(true);
    expect(decisions.some((d) => d.contains_exempt_information === 1)).toBe(true);
    expect(decisions.some((d) => d.key_decision === 1)).toBe(true);
    // Decisions were called in, and each call-in the Scrutiny Committee considered has its outcome (a)–(d) recorded.
    const callIns = await db.selectFrom('call_in').select(['status', 'outcome']).execute();
    expect(callIns.length).toBeGreaterThan(0);
    expect(callIns.filter((c) => c.status === 'considered').every((c) => ['a', 'b', 'c', 'd'].includes(c.outcome ?? ''))).toBe(true);
    expect(decisions.filter((d) => d.urgent === 0).every((d) => d.call_in_ends_on !== null)).toBe(true);
  });

  it('stores real PDFs whose text is the stored text of each page', { timeout: 60_000 }, async (ctx) => {
    const { db } = get(ctx).store;
    if (!summary) ctx.skip();
    const versions = await db.selectFrom('document_version').innerJoin('document', 'document.id', 'document_version.document_id')
      .select(['document.kind', 'document.classification', 'document.meeting_id', 'document_version.sha256', 'document_version.pages_json', 'document_version.page_count', 'document_version.content_type', 'document_version.structured_json'])
      .orderBy('document_version.id').execute();
    expect(versions.every((v) => v.content_type === 'application/pdf' && v.sha256)).toBe(true);
    // Meetings' reports and records are structured (the report template); a select committee's final report is an uploaded PDF of its own.
    expect(versions.filter((v) => v.meeting_id !== null && (v.kind === 'report' || v.kind === 'record-of-decision')).every((v) => v.structured_json)).toBe(true);
    // One of each kind and classification, plus the largest.
    const picks = new Map<string, (typeof versions)[number]>();
    for (const v of versions) if (!picks.has(`${v.kind}/${v.classification}`)) picks.set(`${v.kind}/${v.classification}`, v);
    const largest = versions.reduce((a, b) => ((a.page_count ?? 0) >= (b.page_count ?? 0) ? a : b));
    expect(largest.page_count).toBeGreaterThan(1);
    picks.set('largest', largest);
    expect(picks.size).toBeGreaterThanOrEqual(4);
    for (const v of picks.values()) {
      const bytes = (await getBlob(db, v.sha256!))!;
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      const pages = JSON.parse(v.pages_json!) as string[];
      const text = await pdfText(bytes);
      expect(text.length).toBe(v.page_count);
      expect(text.map(squash)).toEqual(pages.map(squash));
    }
    const report = JSON.parse(versions.find((v) => v.kind === 'report' && v.meeting_id !== null)!.structured_json!);
    expect(report).toMatchObject({ subject: expect.any(String), recommendations: expect.any(Array), contacts: expect.any(Array) });
  });
});

describe('demo council is deterministic', () => {
  const get = useTestStore('sqlite');

  it('gives the same council for the same seed and date, after a reset', { timeout: LOAD_TIMEOUT }, async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { today: TODAY, seed: 7 });
    const first = await fingerprint(store);
    await loadDemo(store, { today: TODAY, seed: 7, reset: true });
    expect(await fingerprint(store)).toBe(first);
    await loadDemo(store, { today: TODAY, seed: 8, reset: true });
    expect(await fingerprint(store)).not.toBe(first);
  });
});
