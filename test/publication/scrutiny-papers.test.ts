// The scrutiny committee's pack: a valid call-in's cover sheet with options (a)-(d), the follow-up schedule and the
// work programme are generated from the record into the meeting's agenda pack through the publication code, on
// both databases; an entry about an exempt decision never reaches the public pack.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { ValidationError } from '../../src/errors.js';
import { getPublishedPack, publishAgenda } from '../../src/services/publication/publish.js';
import { requestCallIn } from '../../src/services/executive/call-ins.js';
import { publishDecisionRecord, takeDecision } from '../../src/services/executive/decisions.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { addGeneratedPaperItem } from '../../src/services/executive/papers.js';
import { addFollowUp, addFollowUpResponse, addWorkProgrammeItem } from '../../src/services/executive/scrutiny.js';
import { listAudit } from '../../src/store/audit.js';
import { createDecision } from '../../src/store/decisions.js';
import { createMeeting } from '../../src/store/meetings.js';
import { cycleCouncil, DATES } from '../services/executive/fixture.js';
import { readPack } from '../pack/read-pdf.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const SECRET = 'PAMPLEMOUSSE-TENDER-SCORES';

describe.each(STORE_KINDS)('scrutiny papers in the pack on %s', (kind) => {
  const get = useTestStore(kind);

  it('prints the call-in cover sheet, the follow-up schedule and the work programme into the scrutiny pack', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    const entry = await addForwardPlanEntry(db, actor, { title: 'Highways term maintenance contract', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, portfolio: 'Environment, Highways and Waste',
      expectedOn: DATES.cabinet, key: true, expenditurePence: 4_500_000_000, divisions: ['Ashford East', 'Dover North'] }, '2026-01-02');
    await publishForwardPlan(db, actor, DATES.planPublished);
    const taken = await takeDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, subject: 'Highways term maintenance contract', key: true, portfolio: 'Environment, Highways and Waste',
      text: 'Award the highways term maintenance contract to the preferred bidder.', reasons: 'Best value after tender.', alternatives: 'Extend the current contract.',
      takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id, agendaItemId: c.cabinetMeeting.items[1].id, forwardPlanEntryId: entry });
    await publishDecisionRecord(db, actor, taken.id, DATES.recordPublished);
    await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[0], reasons: 'The tender evaluation was not shared with Members.', on: DATES.fourthWorkingDay });
    await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[1], on: DATES.fourthWorkingDay });
    const valid = await requestCallIn(db, actor, { decisionId: taken.id, personId: c.members[2], on: DATES.fourthWorkingDay });
    expect(valid.meeting?.date).toBe(DATES.scrutiny);

    // A wholly exempt record's follow-up entry (an imported legacy record): members' business only.
    const exempt = await createDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, subject: 'Depot disposal', classification: 'exempt',
      text: `Sell the depot. ${SECRET}`, reasons: 'Surplus.', alternatives: 'Retain.', takenOn: DATES.cabinet, meetingId: c.cabinetMeeting.id });
    await addFollowUp(db, actor, { bodyId: c.scrutiny, title: `Depot disposal ${SECRET}`, consideredOn: '2026-01-15', decisionId: exempt.id, recommendations: [{ text: `Report the price. ${SECRET}` }] });
    const f = await addFollowUp(db, actor, { bodyId: c.scrutiny, title: 'Looked After Children Strategy', portfolio: 'Specialist Children\u2019s Services', synopsis: 'The draft strategy.',
      reason: 'Members wished to examine its deliverability.', consideredOn: '2026-01-15', recommendations: [{ text: 'That the strategy:', parts: ['adds a bullet on listening to children;', 'mentions alcohol.'] }, { text: 'That Members are briefed.' }] });
    const recs = await db.selectFrom('follow_up_recommendation').select(['id', 'number', 'part']).where('follow_up_id', '=', f).orderBy('position').execute();
    await addFollowUpResponse(db, actor, recs[0].id, { text: 'Agreed by Cabinet Member; the Director to action.', respondedOn: '2026-01-30', dateActioned: '2026-02-05' });
    await addFollowUpResponse(db, actor, recs[0].id, { text: 'Done: see page 10 of the strategy.', respondedOn: '2026-02-12', dateActioned: 'Ongoing' });
    await addFollowUpResponse(db, actor, recs[2].id, { text: 'A briefing is being arranged.', respondedOn: '2026-02-12', dateActioned: 'TBC' });
    const next = await createMeeting(db, actor, { bodyId: c.scrutiny, date: '2026-04-21', time: '10:00' });
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Highways contract: six-month report', meetingId: next.id, lead: 'Director of Highways' }, '2026-02-01');
    await addWorkProgrammeItem(db, actor, { bodyId: c.scrutiny, title: 'Home to school transport', notes: 'Awaiting the consultation.' }, '2026-02-01');

    const fu = await addGeneratedPaperItem(db, actor, c.scrutinyMeeting.id, 'follow-up-schedule');
    await addGeneratedPaperItem(db, actor, c.scrutinyMeeting.id, 'work-programme');
    await expect(addGeneratedPaperItem(db, actor, c.scrutinyMeeting.id, 'work-programme')).rejects.toMatchObject({ field: 'kind' });
    await expect(addGeneratedPaperItem(db, actor, c.scrutinyMeeting.id, 'minutes')).rejects.toBeInstanceOf(ValidationError);
    expect((await listAudit(db, { entity: 'agenda_item_generated', limit: 10 })).length).toBe(2);
    expect(fu.code).toMatch(/^A\d+$/);

    await publishAgenda(store, actor, c.scrutinyMeeting.id, { publishedOn: '2026-02-11' });
    const pub = (await getPublishedPack(db, c.scrutinyMeeting.id, 'agenda', 'public'))!;
    const conf = (await getPublishedPack(db, c.scrutinyMeeting.id, 'agenda', 'confidential'))!;
    if (kind === 'sqlite') {
      mkdirSync('/tmp/moot-scrutiny-pack', { recursive: true });
      writeFileSync('/tmp/moot-scrutiny-pack/public.pdf', pub.bytes);
    }
    const pages = (await readPack(pub.bytes)).pages.map((p) => p.text);
    const text = pages.join('\n');
    // The cover sheet, as the county prints it.
    const cover = pages.find((p) => p.includes('Call-in of decision'))!;
    expect(cover).toBeDefined();
    for (const s of ['By:', 'To:', 'Subject:', 'Background', taken.number, 'Mrs T Dean', 'The tender evaluation was not shared with Members.', 'Guests', 'Options for the Committee', '(a)', '(b)', '(c)', '(d)', 'make no comments', 'full Council']) {
      expect(cover.replace(/\s+/g, ' ')).toContain(s);
    }
    // The follow-up schedule: Kent's fields, lettered recommendations, rounds, dates actioned.
    for (const s of ['Follow-up Schedule', 'Looked After Children Strategy', 'Cabinet portfolio:', 'Synopsis:', 'Reason for call-in:', 'Date considered:', '1(a)', '1(b)', 'Round 2', 'Ongoing', 'TBC', 'Date actioned']) {
      expect(text).toContain(s);
    }
    // The work programme: the next meeting's items and the unscheduled ones.
    for (const s of ['Work Programme', '21 April 2026', 'Highways contract: six-month report', 'Director of Highways', 'Other items (not yet scheduled)', 'Home to school transport']) expect(text).toContain(s);
    // Exempt detail never in the public pack (text or bytes), nor in the members' one via this public schedule.
    expect(text).not.toContain(SECRET);
    expect(Buffer.from(pub.bytes).toString('latin1')).not.toContain(SECRET);
    expect((await readPack(conf.bytes)).pages.map((p) => p.text).join('\n')).not.toContain(SECRET);
  });
});
