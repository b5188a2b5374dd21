// The demo council reads like a council's year, not a demo: each body's business differs from meeting to meeting,
// nothing is decided twice, the closing "Other items" item closes every agenda, reports run to several pages with
// tables, and the minutes record discussions of their own.
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/index.js';
import { callInResolution, type CallInOutcome } from '../../src/domain/executive.js';
import { councilYear } from '../../src/demo/yearplan.js';
import { findMeeting, minutesPaperOf } from '../../src/services/publication/pack-input.js';
import { useTestStore } from '../helpers/use-store.js';

const TODAY = '2025-11-20';
// Standing items a body takes at every meeting (or every quarter): the only titles that may recur within a year.
const STANDING = [
  /^Revenue and Capital Budget Monitoring(: .*)?$/, /^Quarterly Performance Report$/, /^(Children in Care )?Performance Dashboard$/, /^Work Programme$/,
  /^Follow-up of Scrutiny Recommendations$/, /^Internal Audit Progress Report$/, /^Report by the Leader of the Council$/, /^Update on planning enforcement cases$/,
];
const OTHER_ITEMS = /^Other items which the (Chairman|Leader) decides are relevant or urgent$/;

describe('the demo council reads like a council\u2019s year', () => {
  const get = useTestStore('sqlite');

  it('varies its business, decides nothing twice, keeps "Other items" last, and writes long reports and distinct minutes', { timeout: 600_000 }, async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { today: TODAY });
    const db = store.db;
    const items = await db.selectFrom('agenda_item').innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id').innerJoin('body', 'body.id', 'meeting.body_id')
      .select(['agenda_item.id', 'agenda_item.title', 'agenda_item.section_id', 'agenda_item.position', 'meeting.id as meeting_id', 'meeting.date', 'meeting.slug', 'body.name as body'])
      .orderBy('meeting.date').orderBy('agenda_item.position').execute();
    const withReport = new Set((await db.selectFrom('document').select('agenda_item_id').where('kind', '=', 'report').execute()).map((d) => d.agenda_item_id));

    // No report title twice in a body's council year, except its standing items.
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const it of items) {
      if (!withReport.has(it.id) || STANDING.some((r) => r.test(it.title))) continue;
      const key = `${it.body}|${councilYear(it.date)}|${it.title}`;
      if (seen.has(key)) repeats.push(`${it.body}: "${it.title}" on ${seen.get(key)} and ${it.date}`);
      seen.set(key, it.date);
    }
    expect(repeats).toEqual([]);
    // Business differs from one meeting of a body to the next.
    const byMeeting = new Map<number, typeof items>();
    for (const it of items) byMeeting.set(it.meeting_id, [...(byMeeting.get(it.meeting_id) ?? []), it]);
    for (const its of byMeeting.values()) {
      // No item twice on one agenda (a written work programme beside the generated one, say).
      const titles = its.map((i) => i.title.toLowerCase());
      expect(titles.filter((t, i) => titles.indexOf(t) !== i), its[0].slug).toEqual([]);
      // Nothing after the closing "Other items" item of its section.
      for (const closing of its.filter((i) => OTHER_ITEMS.test(i.title))) {
        const after = its.filter((i) => i.section_id === closing.section_id && i.position > closing.position);
        expect(after.map((i) => i.title), its[0].slug).toEqual([]);
      }
    }

    // Nothing decided twice: each decision's subject once (the monthly budget monitoring apart), and each contract
    // awarded and each strategy approved once.
    const decisions = await db.selectFrom('decision').select(['subject', 'taken_on']).execute();
    const subjects = decisions.map((d) => d.subject).filter((s) => !/^Revenue and Capital Budget Monitoring/.test(s));
    expect(subjects.filter((s, i) => subjects.indexOf(s) !== i)).toEqual([]);
    const contracts = decisions.filter((d) => /contract/i.test(d.subject));
    expect(contracts.length).toBeLessThanOrEqual(3);
    const awards = items.filter((i) => /^Award of /.test(i.title));
    expect(new Set(awards.map((a) => a.title)).size).toBe(awards.length);

    // Reports of several pages, most with tables.
    const reports = await db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
      .select(['document_version.page_count', 'document_version.structured_json', 'document_version.pages_json']).where('document.kind', '=', 'report').where('document.classification', '=', 'unrestricted').execute();
    const pages = reports.map((r) => r.page_count ?? 0).sort((a, b) => a - b);
    expect(pages[Math.floor(pages.length / 2)]).toBeGreaterThanOrEqual(3);
    const withTables = reports.filter((r) => (JSON.parse(r.structured_json ?? '{}') as { sections?: { tables?: unknown[] }[] }).sections?.some((s) => s.tables?.length));
    expect(withTables.length / reports.length).toBeGreaterThan(0.8);
    expect(reports.some((r) => (r.pages_json ?? '').includes('Table 1: Options appraisal'))).toBe(true);

    // Minutes of business items differ: their paragraphs are mostly distinct, none is repeated across the year.
    const minutes = await db.selectFrom('minute').select(['agenda_item_id', 'paragraphs_json']).where('agenda_item_id', 'is not', null).execute();
    const paragraphs = minutes.filter((m) => withReport.has(m.agenda_item_id)).flatMap((m) => (JSON.parse(m.paragraphs_json) as string[]).map((p) => p.replace(/^\(\d+\)\s*/, '')));
    expect(paragraphs.length).toBeGreaterThan(200);
    expect(new Set(paragraphs).size / paragraphs.length).toBeGreaterThan(0.75);
    const counts = new Map<string, number>();
    for (const p of paragraphs) counts.set(p, (counts.get(p) ?? 0) + 1);
    const common = [...counts].filter(([, n]) => n > 6).map(([p]) => p);
    expect(common).toEqual([]);

    // A report's cost is the one its own background states, over the same period: a seven-year contract's value is
    // not "over three years"; a proposal without a cost in its facts is not given one.
    const costed = reports.map((r) => JSON.parse(r.structured_json ?? '{}') as { subject?: string; sections?: { heading: string; paragraphs: string[] }[] })
      .filter((r) => r.sections?.some((s) => s.heading === 'Options considered'));
    expect(costed.length).toBeGreaterThan(10);
    const disagree: string[] = [];
    let withCost = 0;
    for (const r of costed) {
      const finance = r.sections!.find((s) => s.heading === 'Financial Implications')!.paragraphs.join(' ');
      const stated = /^The proposal costs (£[\d.]+[mk]) (.+?), profiled/.exec(finance);
      if (!stated) {
        if (!/within the approved budget/.test(finance)) disagree.push(`${r.subject}: ${finance}`);
        continue;
      }
      withCost++;
      const [, amount, period] = stated;
      const words = period.replace(/^(over|in) (the )?/, '').split(' ').slice(0, 2).join(' ');
      const background = r.sections!.find((s) => s.heading === 'Background')?.paragraphs ?? [];
      if (!background.some((p) => p.includes(amount) && p.includes(words))) disagree.push(`${r.subject}: costs ${amount} ${period}; the background says ${background.join(' ')}`);
    }
    expect(disagree).toEqual([]);
    expect(withCost).toBeGreaterThan(5);
    // A contract's stated annual value is what each year of its cost profile adds up to.
    const annual = costed.map((r) => r as { subject?: string; sections?: { heading: string; paragraphs: string[]; tables?: { rows: string[][] }[] }[] })
      .filter((r) => r.sections!.some((s) => s.heading === 'Background' && /an estimated £\d+m a year/.test(s.paragraphs.join(' '))));
    expect(annual.length).toBeGreaterThan(0);
    for (const r of annual) {
      const perYear = Number(/an estimated £(\d+)m a year/.exec(r.sections!.find((s) => s.heading === 'Background')!.paragraphs.join(' '))![1]) * 1000;
      const profile = r.sections!.find((s) => s.heading === 'Financial Implications')!.tables![0].rows;
      const years = profile[0].length - 2;
      for (let y = 1; y <= years; y++) expect(profile.reduce((sum, row) => sum + Number(row[y].replace(/,/g, '')), 0), `${r.subject} year ${y}`).toBe(perYear);
    }

    // Questions at a meeting come from Members other than those presenting the item (at the Cabinet, the portfolio's
    // Cabinet Member presents it).
    const presented = await db.selectFrom('minute').innerJoin('agenda_item', 'agenda_item.id', 'minute.agenda_item_id')
      .select(['minute.paragraphs_json', 'agenda_item.presenters_json', 'agenda_item.title']).execute();
    const selfAsked = presented.flatMap((m) => (JSON.parse(m.presenters_json) as string[]).map((p) => p.split(',')[0].split(' '))
      .map((w) => `${w[0]} ${w[w.length - 1]} asked`).filter((asks) => m.paragraphs_json.includes(asks)).map((asks) => `${m.title}: ${asks}`));
    expect(selfAsked).toEqual([]);

    // A Member present for one item is said so once in the printed minutes: by the attendance under the item, not again
    // in the minute's own paragraphs.
    const partial = await db.selectFrom('attendance').select(['meeting_id', 'for_item_id']).where('for_item_id', 'is not', null).execute();
    expect(partial.length).toBeGreaterThan(5);
    for (const a of partial.slice(0, 20)) {
      const meeting = (await findMeeting(db, a.meeting_id))!;
      const printed = await minutesPaperOf(db, meeting, 'confidential');
      const minute = printed?.minutes.find((x) => 'presentForItem' in x && x.presentForItem?.length);
      if (!minute) continue;
      expect(JSON.stringify(minute.paragraphs), meeting.slug).not.toMatch(/present for this item/);
    }

    // The select committee's report opens with the council's name, as every paper the demo prints.
    const review = await db.selectFrom('scrutiny_review').innerJoin('document_version', 'document_version.document_id', 'scrutiny_review.report_document_id')
      .select('document_version.pages_json').executeTakeFirstOrThrow();
    expect((JSON.parse(review.pages_json!) as string[])[0].trimStart()).toMatch(/^EXAMPLE COUNTY COUNCIL\n/);

    // A call-in's minute records what the Committee resolved on it (one of the options (a)-(d), in a council's words,
    // with its comments), the same outcome its call-in record holds (recorded through recordCallInOutcome); never
    // merely "that the report be noted".
    const considered = await db.selectFrom('call_in').innerJoin('decision', 'decision.id', 'call_in.decision_id')
      .select(['call_in.considered_at_meeting_id', 'call_in.outcome', 'call_in.outcome_notes', 'call_in.status', 'call_in.decision_id', 'decision.number', 'decision.status as decision_status'])
      .where('call_in.considered_at_meeting_id', 'is not', null).execute();
    expect(considered.length).toBeGreaterThan(0);
    for (const c of considered) {
      const minutes = await db.selectFrom('minute').select(['title', 'resolutions_json']).where('meeting_id', '=', c.considered_at_meeting_id!).execute();
      const minute = minutes.find((m) => m.title.includes(`Decision ${c.number}`));
      expect(minute, `the minute on the call-in of ${c.number}`).toBeDefined();
      expect(minute!.resolutions_json, c.number).not.toMatch(/the report be noted/);
      expect(c, c.number).toMatchObject({ status: 'considered', outcome: expect.stringMatching(/^[abcd]$/) });
      expect((JSON.parse(minute!.resolutions_json) as { text: string }[]).map((r) => r.text), c.number)
        .toContain(callInResolution(c.outcome as CallInOutcome, c.outcome_notes, c.number));
      // (c): back to its taker, and superseded once the taker has reconsidered it (the executive cycle's call-in).
      expect(c.decision_status, c.number).toBe(c.outcome === 'c' ? (await db.selectFrom('decision').select('id').where('reconsiders_decision_id', '=', c.decision_id).executeTakeFirst() ? 'superseded' : 'reconsidering')
        : c.outcome === 'd' ? 'referred-to-council' : 'implementable');
    }

    // Divisions named as county divisions are, not "X North" and "X South".
    const divisions = (await db.selectFrom('person').select('division').where('kind', '=', 'councillor').execute()).map((p) => p.division!);
    expect(new Set(divisions).size).toBe(60);
    expect(divisions.filter((d) => / (North|South|East|West)$/.test(d)).length).toBeLessThan(6);
  });
});
