// The demo council's year of the executive cycle: forward plan editions, key decisions, a call-in with each outcome
// the year reaches, a general exception and a special urgency, follow-up rounds, the work programme, a select
// committee review through its stages, and the Scrutiny Committee's next agenda pack carrying the generated
// follow-up schedule and work programme.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/domain/dates.js';
import { checkKeyDecisionNotice } from '../../src/domain/executive.js';
import { PUBLIC_VIEWER, type Viewer } from '../../src/domain/policy.js';
import type { PublishedEntry } from '../../src/services/executive/forward-plan.js';
import { loadDemo } from '../../src/demo/index.js';
import { readDecisionPage } from '../../src/store/read/decisions.js';
import { readPack } from '../pack/read-pdf.js';
import { pdfText } from '../helpers/pdf-text.js';
import { useTestStore } from '../helpers/use-store.js';

const TODAY = '2025-11-20';

describe('the demo council runs the executive cycle', () => {
  const get = useTestStore('sqlite');

  it('for a year, and its next scrutiny pack prints the follow-up schedule and the work programme', async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 1, today: TODAY, seed: 3 });
    const db = store.db;

    expect((await db.selectFrom('forward_plan_edition').select('edition').execute()).length).toBeGreaterThanOrEqual(3);
    const callIns = await db.selectFrom('call_in').select(['status', 'outcome']).execute();
    expect(callIns.map((c) => c.outcome)).toEqual(expect.arrayContaining(['a', 'c']));
    expect((await db.selectFrom('decision').select('id').where('reconsiders_decision_id', 'is not', null).execute()).length).toBeGreaterThanOrEqual(1);
    expect((await db.selectFrom('notice_exception').select('kind').execute()).map((e) => e.kind)).toEqual(expect.arrayContaining(['general-exception', 'special-urgency']));
    // The depot, decided in private: a public Record of Decision with its exempt part (the bidder, the price) left out.
    const depot = await db.selectFrom('decision').selectAll().where('subject', '=', 'Disposal of the Former Westgate Depot').executeTakeFirstOrThrow();
    expect(depot).toMatchObject({ classification: 'unrestricted', contains_exempt_information: 1, exempt_paragraphs: '3' });
    const publicPage = await readDecisionPage(db, depot.slug, PUBLIC_VIEWER);
    expect(publicPage?.exemptPart).toMatchObject({ paragraphs: [3], text: null });
    expect(JSON.stringify(publicPage)).not.toContain('Harbourside');
    const cllr: Viewer = { kind: 'user', userId: 1, role: 'councillor', personId: null, bodyIds: [], grantedMeetingIds: [] };
    expect((await readDecisionPage(db, depot.slug, cllr))?.exemptPart?.text).toContain('Harbourside Homes Limited');
    // Its printed Record of Decision is filed with the item beside the meeting's other records: a public PDF of the
    // public part, saying what was left out and why, never the bidder or the price (read as pdftotext reads it).
    const printed = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id').innerJoin('blob', 'blob.sha256', 'document_version.sha256')
      .select(['document.classification', 'document.agenda_item_id', 'document.meeting_id', 'blob.bytes']).where('document.kind', '=', 'record-of-decision')
      .where('document.title', '=', `Record of Decision ${depot.number}: Disposal of the Former Westgate Depot`).execute();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ classification: 'unrestricted', agenda_item_id: depot.agenda_item_id, meeting_id: depot.meeting_id });
    const printedText = pdfText(new Uint8Array(printed[0].bytes)).replace(/\s+/g, ' ');
    expect(printedText).toContain('declared exempt under paragraph 3 of Part 1 of Schedule 12A');
    expect(printedText).toContain(depot.decision_text.split(' ').slice(0, 8).join(' '));
    for (const secret of ['Harbourside', '2,350,000', 'Marlow', '2,200,000']) expect(printedText).not.toContain(secret);
    // The clerk reissued the meeting's agenda reports pack once its records were published: the public pack prints
    // the depot's public record after the exempt item's restricted placeholder, and says why it was reissued.
    const reissued = await db.selectFrom('publication').innerJoin('blob', 'blob.sha256', 'publication.sha256').select(['publication.version', 'publication.note', 'blob.bytes'])
      .where('publication.meeting_id', '=', depot.meeting_id!).where('publication.kind', '=', 'agenda').where('publication.audience', '=', 'public').orderBy('publication.version', 'desc').executeTakeFirstOrThrow();
    expect(reissued.version).toBeGreaterThan(1);
    expect(reissued.note).toContain(depot.number);
    if (process.env.MOOT_PACK_OUT) writeFileSync(`${process.env.MOOT_PACK_OUT}/demo-depot-meeting-pack.pdf`, reissued.bytes);
    const reissuedPages = (await readPack(new Uint8Array(reissued.bytes))).pages.map((p) => p.text.replace(/\s+/g, ' '));
    const restricted = reissuedPages.findIndex((t) => /Document is Restricted/i.test(t));
    const record = reissuedPages.findIndex((t) => t.includes(depot.number) && t.includes('Disposal of the Former Westgate Depot') && /RECORD OF DECISION/.test(t));
    expect(restricted).toBeGreaterThan(-1);
    expect(record).toBeGreaterThan(restricted);
    for (const secret of ['Harbourside', '2,350,000', 'Marlow']) expect(reissuedPages.join(' ')).not.toContain(secret);
    // Every decision the cycle took at a meeting has its printed record too.
    const cycleAtMeetings = await db.selectFrom('decision').select(['number', 'subject']).where('forward_plan_entry_id', 'is not', null).where('meeting_id', 'is not', null).where('status', '!=', 'draft').execute();
    const printedTitles = new Set((await db.selectFrom('document').select('title').where('kind', '=', 'record-of-decision').execute()).map((d) => d.title));
    expect(cycleAtMeetings.filter((d) => !printedTitles.has(`Record of Decision ${d.number}: ${d.subject}`))).toEqual([]);
    expect((await db.selectFrom('follow_up_response').select('round').execute()).some((r) => r.round === 2)).toBe(true);
    const review = await db.selectFrom('scrutiny_review').selectAll().executeTakeFirstOrThrow();
    expect(review.stage).toBe('monitoring');
    expect((await db.selectFrom('scrutiny_review_session').select('id').where('review_id', '=', review.id).execute()).length).toBe(3);
    expect((await db.selectFrom('scrutiny_review_member').select('name').where('review_id', '=', review.id).execute()).length).toBeGreaterThanOrEqual(3);
    // Its final report is a published document whose text (read from the PDF) is in search, to the page.
    const report = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
      .select(['document.title', 'document.classification', 'document_version.pages_json']).where('document.id', '=', review.report_document_id!).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ title: 'Flood Risk Management: report of the select committee', classification: 'unrestricted' });
    expect(report.pages_json).toContain('Flood wardens in every parish');
    expect(await db.selectFrom('search_entry').select('url').where('kind', '=', 'page').where('ref_id', '=', review.report_document_id!).execute()).not.toEqual([]);

    const scrutiny = await db.selectFrom('body').select('id').where('name', 'like', '%Scrutiny Committee%').executeTakeFirstOrThrow();
    const next = await db.selectFrom('meeting').select(['id', 'slug', 'status']).where('body_id', '=', scrutiny.id).where('date', '>=', TODAY)
      .where('status', 'not in', ['cancelled', 'postponed']).orderBy('date').executeTakeFirstOrThrow();
    expect(next.status).toBe('agenda-published');
    const pack = await db.selectFrom('publication').innerJoin('blob', 'blob.sha256', 'publication.sha256').select(['publication.version', 'blob.bytes'])
      .where('publication.meeting_id', '=', next.id).where('publication.kind', '=', 'agenda').where('publication.audience', '=', 'public').orderBy('publication.version', 'desc').executeTakeFirstOrThrow();
    expect(pack.version).toBeGreaterThan(1);
    const text = (await readPack(new Uint8Array(pack.bytes))).pages.map((p) => p.text).join('\n');
    for (const s of ['Follow-up Schedule', 'Work Programme', 'Home to School Transport Policy', 'Flood risk management: lessons from the Eastbrook breach']) expect(text, next.slug).toContain(s);
  }, 600_000);

  it('takes every call-in to the scrutiny meeting that considers it, with its item, minute and outcome, in date order, through the audited services', async (ctx) => {
    const { db } = get(ctx).store;
    const callIns = await db.selectFrom('call_in').innerJoin('decision', 'decision.id', 'call_in.decision_id')
      .leftJoin('meeting', 'meeting.id', 'call_in.considered_at_meeting_id').leftJoin('agenda_item', 'agenda_item.id', 'call_in.agenda_item_id')
      .select(['call_in.id', 'call_in.status', 'call_in.outcome', 'call_in.outcome_on', 'call_in.valid_on', 'call_in.agenda_item_id', 'decision.number', 'decision.subject', 'decision.published_on',
        'decision.status as decision_status', 'meeting.date as meeting_date', 'meeting.agenda_published_at', 'agenda_item.meeting_id as item_meeting', 'agenda_item.title as item_title'])
      .execute();
    // The cycle's two Cabinet decisions and a Cabinet Member's decision at least.
    expect(callIns.length).toBeGreaterThanOrEqual(3);
    expect(callIns.map((c) => c.subject)).toEqual(expect.arrayContaining(['Home to School Transport Policy', 'Highways Term Maintenance Contract']));
    for (const c of callIns) {
      const what = `call-in of ${c.number} ${c.subject}`;
      // Called in within its window, put on the next scrutiny agenda still to go out, considered there (the meeting is past).
      expect(c.valid_on! > c.published_on!, what).toBe(true);
      expect(c.meeting_date, what).not.toBeNull();
      expect(c.item_meeting, what).not.toBeNull();
      expect(c.item_title, what).toContain(c.number);
      expect(c.agenda_published_at!.slice(0, 10) >= c.valid_on!, what).toBe(true);
      expect(c, what).toMatchObject({ status: 'considered', outcome_on: c.meeting_date });
      // The minute on its item says what the Committee resolved, which is the outcome recorded.
      const minute = await db.selectFrom('minute').select('resolutions_json').where('agenda_item_id', '=', c.agenda_item_id!).executeTakeFirstOrThrow();
      expect(minute.resolutions_json, what).toContain(`(option (${c.outcome}))`);
      // The decision then takes effect, or goes back to its taker, who reconsidered it.
      expect(c.decision_status, what).toBe(c.outcome === 'c' ? 'superseded' : 'implementable');
      // Every step is in the audit log: the request, each signature, the agenda item, the outcome.
      const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'call_in').where('entity_id', '=', String(c.id)).execute();
      expect(audit.map((a) => a.action).sort(), what).toEqual(['create', 'outcome', 'schedule', 'sign', 'sign', 'sign']);
    }
    // Decisions are numbered in the order they were taken, the executive cycle's among the others.
    const numbered = await db.selectFrom('decision').select(['number', 'taken_on', 'year', 'seq']).orderBy('year').orderBy('seq').execute();
    for (let i = 1; i < numbered.length; i++) expect(numbered[i].taken_on >= numbered[i - 1].taken_on, `${numbered[i].number} after ${numbered[i - 1].number}`).toBe(true);
  });

  it('says at Cabinet that the Leader, not a Chairman, decides the other items', async (ctx) => {
    const { db } = get(ctx).store;
    const closing = await db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
      .select(['body.kind', 'agenda_item.title']).where('agenda_item.title', 'like', 'Other items which%').execute();
    expect(closing.filter((c) => c.kind === 'cabinet').length).toBeGreaterThan(0);
    for (const c of closing) expect(c.title).toBe(`Other items which the ${c.kind === 'cabinet' ? 'Leader' : 'Chairman'} decides are relevant or urgent`);
  });

  it('publishes its forward plan every month, giving notice of every key decision 28 clear days before it is taken', async (ctx) => {
    const { db } = get(ctx).store;
    const editions = (await db.selectFrom('forward_plan_edition').select(['edition', 'published_on', 'entries_json']).orderBy('edition').execute())
      .map((e) => ({ on: e.published_on, entries: JSON.parse(e.entries_json) as PublishedEntry[] }));
    // An edition every month of the year; the latest within the last month, listing the decisions still to come.
    const months = new Set(editions.map((e) => e.on.slice(0, 7)));
    for (let d = editions[0].on; d <= TODAY; d = addDays(`${d.slice(0, 7)}-01`, 32)) expect(months, `an edition in ${d.slice(0, 7)}`).toContain(d.slice(0, 7));
    expect(editions.length).toBeGreaterThanOrEqual(12);
    const latest = editions[editions.length - 1];
    expect(daysBetween(latest.on, TODAY)).toBeLessThanOrEqual(31);
    const ahead = latest.entries.filter((e) => (e.status === 'planned' || e.status === 'deferred') && e.expectedOn! >= TODAY);
    expect(ahead.filter((e) => e.key).length).toBeGreaterThanOrEqual(3);
    // No edition lists as still to come a decision whose day has passed: entries move, or are taken, in time.
    for (const e of editions) for (const x of e.entries.filter((y) => y.status === 'planned' || y.status === 'deferred')) expect(x.expectedOn! >= e.on, `${x.title} on edition of ${e.on}`).toBe(true);

    // Every key decision taken was on an edition at least 28 clear days before (the domain's rule), listed as to come
    // until the decision and as taken after it; or it is the year's one general exception or a special urgency.
    const decisions = await db.selectFrom('decision').select(['number', 'subject', 'taken_on', 'key_decision', 'urgent', 'notice_basis', 'forward_plan_entry_id', 'status']).where('status', '!=', 'proposed').execute();
    const key = decisions.filter((d) => d.key_decision === 1);
    expect(key.length).toBeGreaterThan(15);
    for (const d of key) {
      if (d.notice_basis !== 'forward-plan') continue;
      const listed = editions.filter((e) => e.entries.some((x) => x.id === d.forward_plan_entry_id && x.status !== 'taken'));
      expect(listed.length, `${d.number} ${d.subject} on the forward plan`).toBeGreaterThan(0);
      expect(checkKeyDecisionNotice({ firstPublishedOn: listed[0].on, decisionOn: d.taken_on }), `${d.number} ${d.subject}`).toEqual({ ok: true, basis: 'forward-plan' });
      expect(listed.every((e) => e.on <= d.taken_on), `${d.number} listed as to come after it was taken`).toBe(true);
      const taken = editions.find((e) => e.entries.some((x) => x.id === d.forward_plan_entry_id && x.status === 'taken'));
      if (taken) expect(taken.on >= d.taken_on).toBe(true);
    }
    const unnoticed = key.filter((d) => d.notice_basis !== 'forward-plan');
    expect(unnoticed.filter((d) => d.notice_basis === 'general-exception').map((d) => d.subject)).toEqual(['Household Support Fund Allocation']);
    for (const d of unnoticed.filter((x) => x.notice_basis !== 'general-exception')) expect(d, `${d.number} ${d.subject}`).toMatchObject({ notice_basis: 'special-urgency', urgent: 1 });
    const exceptions = await db.selectFrom('notice_exception').select(['kind', 'decision_id']).where('kind', 'in', ['general-exception', 'special-urgency']).execute();
    expect(exceptions.length).toBe(unnoticed.length);

    // Entries are taken with their decision, one slipped to a later date between editions, and each names its contact.
    const entries = await db.selectFrom('forward_plan_entry').selectAll().execute();
    for (const e of entries.filter((x) => x.status === 'taken')) expect(decisions.some((d) => d.forward_plan_entry_id === e.id), e.title).toBe(true);
    const dates = new Map<number, Set<string>>();
    for (const e of editions) for (const x of e.entries) dates.set(x.id, (dates.get(x.id) ?? new Set()).add(x.expectedOn!));
    expect([...dates.values()].some((s) => s.size > 1)).toBe(true);
    expect((await db.selectFrom('forward_plan_event').select('id').where('action', '=', 'deferred').execute()).length).toBeGreaterThan(0);
    for (const e of entries) expect(e.contact, e.title).toMatch(/@example-county\.gov\.uk/);

    // Monthly budget monitoring is noted by the Cabinet, never a key decision.
    const monitoring = decisions.filter((d) => /^Revenue and Capital Budget Monitoring/.test(d.subject));
    expect(monitoring.length).toBeGreaterThan(5);
    expect(monitoring.filter((d) => d.key_decision === 1)).toEqual([]);
  });

  it('keeps a forward plan in every year of a longer archive, giving notice of each year\u2019s key decisions', async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 2, today: TODAY, seed: 5, reset: true, index: false });
    const db = store.db;
    const editions = await db.selectFrom('forward_plan_edition').select(['published_on']).execute();
    const decisions = await db.selectFrom('decision').select(['number', 'taken_on', 'key_decision', 'notice_basis']).where('key_decision', '=', 1).execute();
    const years = [...new Set(decisions.map((d) => d.taken_on.slice(0, 4)))];
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const y of years) expect(editions.filter((e) => e.published_on.startsWith(y)).length, `editions in ${y}`).toBeGreaterThanOrEqual(6);
    // Every key decision of either year had notice, or is an exception the rules allow.
    expect(decisions.filter((d) => !['forward-plan', 'general-exception', 'special-urgency'].includes(d.notice_basis ?? '')).map((d) => `${d.number} ${d.taken_on}`)).toEqual([]);
  }, 900_000);
});
