// A meeting in private without its 28 clear days' notice: the scrutiny chair's agreement that it is urgent is
// recorded against the forward plan entry over HTTP (bad input refused on its field), published on the notices of
// private meetings, in the entry's history and the audit log, lets the exempt decision be taken, appears on the
// decision's timeline and is listed for the quarterly report (even though the decision itself is exempt).
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { ValidationError } from '../../../src/errors.js';
import { registerPortal } from '../../../src/server.js';
import { decisionTimeline, noticeExceptionsReport, takeDecision } from '../../../src/services/executive/decisions.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../../src/services/executive/forward-plan.js';
import { createUser } from '../../../src/store/accounts.js';
import { listAudit } from '../../../src/store/audit.js';
import { buildApp } from '../../../src/web/app.js';
import { Browser } from '../../api/fixture.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil } from '../../services/executive/fixture.js';

const STAFF = { kind: 'user', userId: 0, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] } as const;

describe('urgency of a meeting in private', () => {
  const get = useTestStore('sqlite');
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('is agreed by the scrutiny chair, recorded and published against the entry, and listed for the quarterly report', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    app = await buildApp({ store, today: () => '2026-01-27', routes: registerPortal() });
    const clerk = await Browser.signedIn(app, store, await createUser(db, SYSTEM_ACTOR, { email: 'clerk@example.org', displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' }));
    // Noticed on 20 January for a meeting on 3 February: short of 28 clear days.
    const entry = await addForwardPlanEntry(db, SYSTEM_ACTOR, { title: 'Purchase of the Westgate site', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, expectedOn: '2026-02-03', key: false,
      private: true, exemptParagraphs: [3], privateReason: 'The report gives the price the council would pay.' }, '2026-01-19');
    await publishForwardPlan(db, SYSTEM_ACTOR, '2026-01-20');
    const decision = { takerKind: 'body' as const, takerName: 'Cabinet', takenOn: '2026-02-03', subject: 'Purchase of the Westgate site', key: false, exempt: true, forwardPlanEntryId: entry,
      meetingId: c.cabinetMeeting.id, text: 'Buy the site at the price in the exempt report.', reasons: 'The site completes the depot.', alternatives: 'Lease a site.' };
    // Without the agreement the decision in private is refused on the 28-day notice.
    await expect(takeDecision(db, SYSTEM_ACTOR, decision)).rejects.toMatchObject({ field: 'intentionPublishedOn' });

    const path = `/workspace/forward-plan/entries/${entry}`;
    expect((await clerk.get(path)).body).toContain('Record and publish the agreement');
    const base = { 'meetingOn-day': '3', 'meetingOn-month': '2', 'meetingOn-year': '2026', agreedBy: 'Mr A J King, Chairman of the Scrutiny Committee', 'agreedOn-day': '26', 'agreedOn-month': '1', 'agreedOn-year': '2026',
      'urgencyPublishedOn-day': '27', 'urgencyPublishedOn-month': '1', 'urgencyPublishedOn-year': '2026', reason: 'The seller will not hold the price beyond 6 February.' };
    const noChair = await clerk.post(`${path}/private-urgency`, { ...base, agreedBy: '' });
    expect(noChair.statusCode).toBe(400);
    expect(noChair.body).toContain('href="#agreedBy"');
    const early = await clerk.post(`${path}/private-urgency`, { ...base, 'urgencyPublishedOn-day': '25' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#urgencyPublishedOn-day"');
    expect(early.body).toContain('before the chair agreed (Monday 26 January 2026)');
    const done = await clerk.post(`${path}/private-urgency`, base);
    expect(done.statusCode).toBe(303);
    const page = await clerk.get(done.headers.location as string);
    expect(page.body).toContain('Agreement of urgency recorded and published');
    expect(page.body).toContain('Mr A J King, Chairman of the Scrutiny Committee agreed on Monday 26 January 2026 that the meeting on Tuesday 3 February 2026 is urgent');
    expect(page.body).not.toContain('Record and publish the agreement');
    // Only once.
    expect((await clerk.post(`${path}/private-urgency`, base)).body).toContain('Urgency was already agreed by Mr A J King');

    const pub = new Browser(app);
    const notices = await pub.get('/forward-plan/private-meetings');
    expect(notices.body).toContain('Purchase of the Westgate site');
    expect(notices.body).toContain('Mr A J King, Chairman of the Scrutiny Committee agreed on Monday 26 January 2026 that the meeting on Tuesday 3 February 2026 is urgent and cannot reasonably be deferred. The seller will not hold the price beyond 6 February.');

    // The exempt decision can now be taken that day (not another), and carries the agreement on its timeline.
    const other = await takeDecision(db, SYSTEM_ACTOR, { ...decision, meetingId: null, takenOn: '2026-02-04' }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ValidationError);
    expect((other as ValidationError).message).toContain('was for a meeting on Tuesday 3 February 2026');
    const taken = await takeDecision(db, SYSTEM_ACTOR, decision);
    const timeline = await decisionTimeline(db, STAFF, taken.slug, '2026-02-03');
    expect(timeline?.steps.map((s) => s.label)).toContain('Urgency of the meeting in private agreed');

    // The quarterly report lists it; the public sees the notice but not the exempt decision it led to.
    expect((await noticeExceptionsReport(db, '2026-01-01', '2026-03-31')).map((r) => [r.kind, r.decision_id])).toEqual([['private-urgency', taken.id]]);
    const api = JSON.parse((await pub.get('/api/v1/notice-exceptions?from=2026-01-01&to=2026-03-31')).body);
    expect(api.items).toEqual([expect.objectContaining({ kind: 'private-urgency', agreedBy: 'Mr A J King, Chairman of the Scrutiny Committee', decisionOn: '2026-02-03', publishedOn: '2026-01-27', decision: null })]);
    const audit = await listAudit(db, { entity: 'forward_plan_entry', entityId: String(entry), limit: 20 });
    expect(audit.map((a) => a.action)).toContain('private-urgency');
  });
});
