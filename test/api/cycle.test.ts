// The executive cycle's /api/v1 endpoints on both databases: a clerk publishes the forward plan through the API,
// the public reads every edition, key decisions, a decision's timeline with its call-in state, call-ins, notice
// exceptions, the follow-up schedule and the work programme; writes need Democratic Services and name the field
// at fault. Regression: a private entry's withheld figure, the exempt part of a decision taken in private (its public
// part is published, regs 12-13 and 20) and a wholly exempt record's follow-up never reach the public through these
// endpoints, the public pages or the decision feeds; a councillor reads the exempt part.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { registerPortal } from '../../src/server.js';
import { requestCallIn } from '../../src/services/executive/call-ins.js';
import { publishDecisionRecord, takeDecision } from '../../src/services/executive/decisions.js';
import { createApiToken, createUser } from '../../src/store/accounts.js';
import { createDecision } from '../../src/store/decisions.js';
import { createMeeting } from '../../src/store/meetings.js';
import { buildApp } from '../../src/web/app.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const WITHHELD_PENCE = 987_654_321_00; // £987,654,321
const SECRETS = ['987,654,321', '98765432100', 'PERSIMMON-BIDDER-LTD'];

describe.each(STORE_KINDS)('executive cycle API on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | undefined;
  afterAll(async () => app?.close());

  it('forward plan, key decisions, timeline with call-in state, call-ins, outcome, follow-ups and work programme; exempt detail never public', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    let today = '2026-01-02';
    app = await buildApp({ store, today: () => today, routes: registerPortal() });
    const clerkId = await createUser(db, actor, { email: `clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const { token } = await createApiToken(db, actor, clerkId, 'tests');
    const clerk = { authorization: `Bearer ${token}` };
    const inject = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const res = await app!.inject({ method, url, headers, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
      return { status: res.statusCode, body: res.body, json: () => res.json() };
    };

    // The clerk adds entries and publishes edition 1 through the API; the public may not write.
    const entry = { title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, expectedOn: DATES.cabinet, key: true, expenditurePence: 4_500_000_000, divisions: ['Ashford East', 'Dover North'] };
    expect((await inject('POST', '/api/v1/forward-plan/entries', entry)).status).toBe(401);
    const bad = await inject('POST', '/api/v1/forward-plan/entries', { ...entry, key: true, expenditurePence: null, divisions: [] }, clerk);
    expect(bad.status).toBe(400);
    expect(bad.json().field).toBe('keyReason');
    const first = (await inject('POST', '/api/v1/forward-plan/entries', entry, clerk)).json().id as number;
    const privateEntry = (await inject('POST', '/api/v1/forward-plan/entries', { title: 'Disposal of the Westgate depot', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet,
      expectedOn: DATES.cabinet, key: true, expenditurePence: WITHHELD_PENCE, private: true, exemptParagraphs: [3], privateReason: 'The report names bidders and their offers.' }, clerk)).json().id as number;
    const ed = await inject('POST', '/api/v1/forward-plan/editions', { publishedOn: DATES.planPublished }, clerk);
    expect(ed.status).toBe(201);
    expect(ed.json()).toMatchObject({ edition: 1, entries: 2 });

    today = '2026-01-10';
    const plan = (await inject('GET', '/api/v1/forward-plan')).json();
    expect(plan.edition.edition).toBe(1);
    expect(plan.unpublished).toBeUndefined();
    const priv = plan.entries.find((e: { id: number }) => e.id === privateEntry);
    expect(priv).toMatchObject({ private: true, exemptParagraphs: [3], firstPublishedOn: DATES.planPublished });
    expect(priv.keyReason).toMatch(/above the threshold/);
    expect((await inject('GET', '/api/v1/forward-plan?edition=7')).status).toBe(404);
    const keys = (await inject('GET', '/api/v1/key-decisions')).json();
    expect(keys.total).toBe(2);

    // The private meeting's notice of reasons, at least 5 clear days before; only for a private entry.
    expect((await inject('POST', `/api/v1/forward-plan/entries/${first}/private-notice`, { publishedOn: '2026-01-20' }, clerk)).json().field).toBe('private');
    expect((await inject('POST', `/api/v1/forward-plan/entries/${privateEntry}/private-notice`, { publishedOn: '2026-01-20', representations: 'None received' }, clerk)).status).toBe(200);

    // Taken 28 clear days later, published, called in by three members on the fourth working day.
    const taken = await takeDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, subject: 'Highways term maintenance contract', key: true,
      text: 'Award the contract to the preferred bidder.', reasons: 'Best value.', alternatives: 'Extend the current contract.', takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, forwardPlanEntryId: first });
    await publishDecisionRecord(db, actor, taken.id, DATES.recordPublished);
    const exempt = await takeDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, subject: 'Disposal of the Westgate depot', key: true, exempt: true,
      text: 'Sell the depot to the preferred bidder on the terms in the exempt part.', exemptPart: 'Sell the depot to PERSIMMON-BIDDER-LTD for £987,654,321.', reasons: 'Best offer.', alternatives: 'Retain.',
      takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, forwardPlanEntryId: privateEntry });
    await publishDecisionRecord(db, actor, exempt.id, DATES.recordPublished);
    today = DATES.recordPublished;
    const open = (await inject('GET', `/api/v1/decisions/${taken.slug}/timeline`)).json();
    expect(open.callIn.phase).toBe('open-for-call-in');
    expect(open.callIn.callInEndsOn).toBe(DATES.windowEnds);
    const slugsOf = async (url: string) => ((await inject('GET', url)).json().items as { slug: string }[]).map((d) => d.slug);
    // Taken in private, the depot's record is public (its exempt part is not) and open for call-in like any other.
    expect(await slugsOf('/api/v1/decisions?callIn=open')).toEqual([exempt.slug, taken.slug]);
    expect(await slugsOf('/api/v1/decisions?callIn=called-in')).toEqual([]);
    for (const [i, m] of c.members.entries()) await requestCallIn(db, actor, { decisionId: taken.id, personId: m, reasons: i === 0 ? 'The tender evaluation was not shared.' : null, on: DATES.fourthWorkingDay });
    await requestCallIn(db, actor, { decisionId: exempt.id, personId: c.members[0], reasons: 'The price is below the valuation in the exempt part.', on: DATES.fourthWorkingDay });
    today = DATES.fourthWorkingDay;
    const called = (await inject('GET', `/api/v1/decisions/${taken.slug}/timeline`)).json();
    expect(called.callIn.phase).toBe('called-in');
    expect(called.steps.map((s: { label: string }) => s.label)).toContain('Called in');
    const callIns = (await inject('GET', '/api/v1/call-ins?status=valid')).json();
    expect(callIns.total).toBe(1);
    expect(callIns.items[0].signatories).toHaveLength(3);
    expect(callIns.items[0].consideredAt.date).toBe(DATES.scrutiny);
    // The register filters by call-in, status, taker and key decision (the API and the public page alike).
    expect(await slugsOf('/api/v1/decisions?callIn=called-in')).toEqual([taken.slug]);
    expect(await slugsOf('/api/v1/decisions?callIn=not-called-in')).toEqual([exempt.slug]);
    expect(await slugsOf('/api/v1/decisions?callIn=open')).toEqual([exempt.slug]);
    expect(await slugsOf(`/api/v1/decisions?status=called-in&key=true&taker=Cabinet`)).toEqual([taken.slug]);
    expect(await slugsOf(`/api/v1/decisions?key=false`)).toEqual([]);
    expect((await inject('GET', '/api/v1/decisions?callIn=maybe')).status).toBe(400);
    expect((await inject('GET', '/decisions?callIn=called-in')).body).toContain(`/decisions/${taken.slug}`);
    expect((await inject('GET', '/decisions?callIn=not-called-in')).body).not.toContain(`/decisions/${taken.slug}`);
    expect((await inject('GET', '/decisions?callIn=maybe')).status).toBe(400);

    // The outcome (c), recorded through the API by the clerk only; a missing outcome names its field.
    const id = callIns.items[0].id as number;
    expect((await inject('POST', `/api/v1/call-ins/${id}/outcome`, { outcome: 'c', notes: 'Share the evaluation.', on: DATES.scrutiny })).status).toBe(401);
    expect((await inject('POST', `/api/v1/call-ins/${id}/outcome`, { outcome: 'c', on: DATES.scrutiny }, clerk)).json().field).toBe('notes');
    expect((await inject('POST', `/api/v1/call-ins/${id}/outcome`, { outcome: 'c', notes: 'Share the evaluation.', on: DATES.scrutiny }, clerk)).json()).toEqual({ decisionStatus: 'reconsidering' });

    // Follow-up schedule and work programme, written and read through the API.
    const scrutinySlug = (await db.selectFrom('body').select('slug').where('id', '=', c.scrutiny).executeTakeFirstOrThrow()).slug;
    const fu = await inject('POST', '/api/v1/follow-ups', { body: scrutinySlug, title: 'Highways term maintenance contract', portfolio: 'Highways', consideredOn: DATES.scrutiny, callInId: id,
      recommendations: [{ text: 'That the Cabinet Member:', parts: ['shares the evaluation;', 'reports in six months.'] }] }, clerk);
    expect(fu.status).toBe(201);
    // A wholly exempt record (as imported from a legacy pack): its follow-up is members' business only.
    const wholly = await createDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, takenOn: DATES.cabinet, subject: 'Depot sale', classification: 'exempt', text: 'Sold.', status: 'published', publishedOn: DATES.recordPublished });
    await inject('POST', '/api/v1/follow-ups', { body: scrutinySlug, title: 'Depot PERSIMMON-BIDDER-LTD', consideredOn: DATES.scrutiny, decisionId: wholly.id, recommendations: [{ text: 'Report the price: £987,654,321' }] }, clerk);
    today = '2026-03-01';
    const schedule = (await inject('GET', `/api/v1/follow-ups?body=${scrutinySlug}`)).json();
    expect(schedule.items).toHaveLength(1);
    const recId = schedule.items[0].recommendations[0].id as number;
    const noDate = await inject('POST', `/api/v1/follow-ups/recommendations/${recId}/responses`, { text: 'Shared.', dateActioned: 'TBC' }, clerk);
    expect(noDate.status).toBe(400);
    expect(noDate.body).toMatch(/respondedOn/);
    expect((await inject('POST', `/api/v1/follow-ups/recommendations/${recId}/responses`, { text: 'Shared.', respondedOn: '2026-03-01', dateActioned: 'Ongoing' }, clerk)).status).toBe(201);
    expect((await inject('GET', `/api/v1/follow-ups?body=${scrutinySlug}`)).json().items[0].recommendations[0].responses[0].dateActioned).toBe('Ongoing');
    const next = await createMeeting(db, actor, { bodyId: c.scrutiny, date: '2026-04-21' });
    expect((await inject('POST', `/api/v1/bodies/${scrutinySlug}/work-programme`, { title: 'Six-month report', meetingId: next.id }, clerk)).status).toBe(201);
    expect((await inject('POST', `/api/v1/bodies/${scrutinySlug}/work-programme`, { title: 'Home to school transport' }, clerk)).status).toBe(201);
    const wp = (await inject('GET', `/api/v1/bodies/${scrutinySlug}/work-programme`)).json();
    expect(wp.meetings.find((m: { date: string }) => m.date === '2026-04-21').items[0].title).toBe('Six-month report');
    expect(wp.unscheduled[0].title).toBe('Home to school transport');
    expect((await inject('GET', '/api/v1/notice-exceptions?from=2026-01-01&to=2026-12-31')).json().items).toEqual([]);

    // The OpenAPI document describes every cycle route.
    const paths = Object.keys((await inject('GET', '/api/openapi.json')).json().paths);
    for (const p of ['/api/v1/forward-plan', '/api/v1/key-decisions', '/api/v1/decisions/{slug}/timeline', '/api/v1/call-ins', '/api/v1/call-ins/{id}/outcome', '/api/v1/follow-ups', '/api/v1/bodies/{slug}/work-programme', '/api/v1/notice-exceptions']) {
      expect(paths).toContain(p);
    }

    // Regression: nothing withheld reaches the public, through the API, the pages or the feeds.
    const publicUrls = [
      '/api/v1/forward-plan', '/api/v1/forward-plan?edition=1', '/api/v1/key-decisions', `/api/v1/decisions/${exempt.slug}/timeline`, `/api/v1/decisions/${taken.slug}/timeline`, '/api/v1/call-ins',
      '/api/v1/call-ins?status=collecting', '/api/v1/follow-ups', `/api/v1/follow-ups?body=${scrutinySlug}`, '/api/v1/notice-exceptions?from=2026-01-01&to=2026-12-31', '/api/v1/decisions?limit=100',
      `/api/v1/decisions/${exempt.slug}`, '/forward-plan', '/forward-plan/editions/1', '/follow-up', `/bodies/${scrutinySlug}/work-programme`, `/decisions/${exempt.slug}`, `/decisions/${taken.slug}`,
      '/decisions', '/decisions/feed.atom', '/decisions/feed.rss', '/open-data/decisions.csv', '/open-data/decisions.json', '/api/v1/datasets/decisions',
    ];
    for (const url of publicUrls) {
      const res = await inject('GET', url);
      expect(res.status, url).toBeLessThan(500);
      for (const s of SECRETS) expect(res.body.includes(s), `${url} gave "${s}" to the public`).toBe(false);
    }
    // The public part is public: the timeline, and the record saying what was left out and why.
    expect((await inject('GET', `/api/v1/decisions/${exempt.slug}/timeline`)).status).toBe(200);
    const publicPart = (await inject('GET', `/api/v1/decisions/${exempt.slug}`)).json();
    expect(publicPart.decision.decision_text).toBe('Sell the depot to the preferred bidder on the terms in the exempt part.');
    expect(publicPart.exemptPart).toMatchObject({ paragraphs: [3], text: null, withheld: true });
    expect(publicPart.exemptPart.notice).toMatch(/paragraph 3 of Part 1 of Schedule 12A/);
    expect((await inject('GET', `/decisions/${exempt.slug}`)).body).toContain('declared exempt under paragraph 3 of Part 1 of Schedule 12A');
    // The paragraphs are public in the register's API and the open-data dataset (a column of their own), never the text.
    const listed = ((await inject('GET', '/api/v1/decisions?limit=100')).json().items as { slug: string }[]);
    expect(listed.find((d) => d.slug === exempt.slug)).toMatchObject({ containsExemptInformation: true, exemptParagraphs: [3] });
    expect(listed.find((d) => d.slug === taken.slug)).toMatchObject({ containsExemptInformation: false, exemptParagraphs: [] });
    const dataset = (await inject('GET', '/open-data/decisions.json')).json().rows as { number: string; contains_exempt_information: boolean; exempt_paragraphs: string | null }[];
    expect(dataset.find((d) => d.number === exempt.number)).toMatchObject({ contains_exempt_information: true, exempt_paragraphs: '3' });
    expect(dataset.find((d) => d.number === taken.number)).toMatchObject({ contains_exempt_information: false, exempt_paragraphs: null });
    expect((await inject('GET', '/open-data/decisions.csv')).body.split('\n')[0]).toContain('exempt_paragraphs');
    expect((await inject('GET', '/api/v1/call-ins?status=collecting')).json().total).toBe(1);
    // Staff, and any councillor (who may call it in), read the exempt part.
    expect((await inject('GET', `/api/v1/decisions/${exempt.slug}`, undefined, clerk)).json().exemptPart.text).toBe('Sell the depot to PERSIMMON-BIDDER-LTD for £987,654,321.');
    const cllrId = await createUser(db, actor, { email: `cllr-${kind}@example.org`, displayName: 'Mrs T Dean', role: 'councillor', personId: c.members[0], password: 'correct horse battery staple' });
    const cllr = { authorization: `Bearer ${(await createApiToken(db, actor, cllrId, 'tests')).token}` };
    expect((await inject('GET', `/api/v1/decisions/${exempt.slug}`, undefined, cllr)).json().exemptPart.text).toContain('PERSIMMON-BIDDER-LTD');
    expect((await inject('GET', `/decisions/${exempt.slug}`, undefined, cllr)).body).toContain('PERSIMMON-BIDDER-LTD');
  });
});
