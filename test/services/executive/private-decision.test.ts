// Issue 13: a decision taken in private (an exempt Cabinet item) is a public Record of Decision with its exempt part
// left out (2012 Regulations, regs 12-13 and 20), on both databases: the public reads the number, date, taker, the
// subject as the forward plan published it, the decision as published and the paragraph of Schedule 12A; every
// councillor (who may call it in) and Democratic Services read the exempt part as well; a report author and the
// public never do. Call-in still works, and the Record of Decision printed in the pack leaves the exempt part to the
// confidential pack.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, type Viewer } from '../../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { ValidationError } from '../../../src/errors.js';
import { buildPack } from '../../../src/pack/build.js';
import { openForCallIn, requestCallIn } from '../../../src/services/executive/call-ins.js';
import { decisionTimeline, publishDecisionRecord, takeDecision } from '../../../src/services/executive/decisions.js';
import { addForwardPlanEntry, publishForwardPlan, publishPrivateMeetingNotice } from '../../../src/services/executive/forward-plan.js';
import { packInputForMeeting } from '../../../src/services/publication/pack-input.js';
import { listAudit } from '../../../src/store/audit.js';
import { setMeetingStatus } from '../../../src/store/meetings.js';
import { readDecisionPage } from '../../../src/store/read/decisions.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { readPack } from '../../pack/read-pdf.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil, DATES } from './fixture.js';

const actor = SYSTEM_ACTOR;
const SECRET = 'QUINCEWORTH-HOLDINGS bid 2,345,678';
const SECRET_OPEN = 'MEDLAR-VALUATION 1,111,222';

describe.each(STORE_KINDS)('a decision taken in private on %s', (kind) => {
  const get = useTestStore(kind);

  it('is a public record with its exempt part shown only to councillors and Democratic Services; call-in works; the pack keeps the exempt part to the confidential pack', async (ctx) => {
    const { db } = get(ctx).store;
    const c = await cycleCouncil(db);
    const entry = await addForwardPlanEntry(db, actor, { title: 'Disposal of the Former Westgate Depot', takerKind: 'body', takerName: 'Cabinet', takerBodyId: c.cabinet, expectedOn: DATES.cabinet,
      key: true, expenditurePence: 300_000_000, private: true, exemptParagraphs: [3], privateReason: 'The report names the bidders and their offers.' }, '2026-01-02');
    await publishForwardPlan(db, actor, DATES.planPublished);
    await publishPrivateMeetingNotice(db, actor, entry, { publishedOn: '2026-01-20', representations: 'None received' });
    const section = await addSection(db, actor, c.cabinetMeeting.id, { title: 'Exempt items', exempt: true });
    const item = await addItem(db, actor, c.cabinetMeeting.id, { sectionId: section, title: 'Disposal of the Former Westgate Depot', purpose: null, presenters: [], toFollow: false, urgentReason: null,
      exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial terms under negotiation.' });
    const base = { takerKind: 'body' as const, takerName: 'Cabinet', takerBodyId: c.cabinet, takenOn: DATES.cabinet, key: true, meetingId: c.cabinetMeeting.id,
      text: 'Agree the disposal to the preferred bidder on the terms set out in the exempt appendix.', reasons: 'The site is surplus; the preferred bid is the best consideration.', alternatives: 'Retain the site; sell at auction.' };

    // In private on an open item with no paragraph to cite: refused, naming the field.
    const refused = await takeDecision(db, actor, { ...base, subject: 'Depot', key: false, exempt: true, agendaItemId: c.cabinetMeeting.items[1].id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).field).toBe('exemptParagraphs');

    // On the exempt item, subject left blank: the forward plan's subject; the item's paragraph; the exempt part apart.
    const taken = await takeDecision(db, actor, { ...base, subject: '', agendaItemId: item.id, forwardPlanEntryId: entry, exemptPart: `Preferred bidder: ${SECRET}.` });
    // An open item's decision with an exempt appendix of its own (paragraphs given).
    const open = await takeDecision(db, actor, { ...base, subject: 'Highways term maintenance contract', key: false, agendaItemId: c.cabinetMeeting.items[1].id, containsExemptInformation: true,
      exemptParagraphs: [3], exemptPart: `Tender scores: ${SECRET_OPEN}.` });
    const row = await db.selectFrom('decision').selectAll().where('id', '=', taken.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject: 'Disposal of the Former Westgate Depot', classification: 'unrestricted', contains_exempt_information: 1, exempt_paragraphs: '3' });
    expect(JSON.stringify(row)).not.toContain('QUINCEWORTH');
    await publishDecisionRecord(db, actor, taken.id, DATES.recordPublished);
    await publishDecisionRecord(db, actor, open.id, DATES.recordPublished);

    const councillor = (personId: number, bodyIds: number[]): Viewer => ({ kind: 'user', userId: 100 + personId, role: 'councillor', personId, bodyIds, grantedMeetingIds: [] });
    const scrutineer = councillor(c.members[0], [c.scrutiny]);
    const author: Viewer = { kind: 'user', userId: 99, role: 'report-author', personId: null, bodyIds: [], grantedMeetingIds: [] };
    const clerk: Viewer = { kind: 'user', userId: 98, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] };

    // The public part: the record, with the paragraph in words, never the exempt part.
    for (const viewer of [PUBLIC_VIEWER, author]) {
      const page = await readDecisionPage(db, taken.slug, viewer);
      expect(page?.decision.decision_text).toBe(base.text);
      expect(page?.exemptPart).toMatchObject({ paragraphs: [3], text: null, withheld: true });
      expect(page?.exemptPart?.notice).toContain('declared exempt under paragraph 3 of Part 1 of Schedule 12A');
      expect(JSON.stringify(page)).not.toContain('QUINCEWORTH');
      expect(JSON.stringify(await readDecisionPage(db, open.slug, viewer))).not.toContain('MEDLAR');
      expect((await decisionTimeline(db, viewer, taken.slug, DATES.recordPublished))?.phase).toBe('open-for-call-in');
    }
    // Councillors (on Cabinet or not: any may call it in) and Democratic Services read both parts.
    for (const viewer of [scrutineer, councillor(c.cabinetMember, [c.cabinet]), clerk]) {
      expect((await readDecisionPage(db, taken.slug, viewer))?.exemptPart?.text).toBe(`Preferred bidder: ${SECRET}.`);
    }

    // Call-in: the councillor sees the exempt part on the call-in page; three sign on the fourth working day.
    const callable = await openForCallIn(db, scrutineer, DATES.fourthWorkingDay);
    expect(callable.find((d) => d.id === taken.id)?.exemptPart?.text).toContain(SECRET);
    expect(JSON.stringify(await openForCallIn(db, PUBLIC_VIEWER, DATES.fourthWorkingDay))).not.toContain('QUINCEWORTH');
    let last: Awaited<ReturnType<typeof requestCallIn>> | undefined;
    for (const [i, m] of c.members.entries()) last = await requestCallIn(db, actor, { decisionId: taken.id, personId: m, reasons: i === 0 ? 'Members wish to examine the valuation.' : null, on: DATES.fourthWorkingDay });
    expect(last?.status).toBe('valid');
    expect(last?.meeting?.date).toBe(DATES.scrutiny);
    // The scrutiny committee considers a public record in public: its item is not exempt; the cover sheet has no exempt text.
    const callInItem = await db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', c.scrutinyMeeting.id).where('title', 'like', `Decision ${taken.number}%`).executeTakeFirstOrThrow();
    expect(callInItem.exempt).toBe(0);
    expect(JSON.stringify(last?.notifications)).not.toContain('QUINCEWORTH');
    expect((await readDecisionPage(db, taken.slug, PUBLIC_VIEWER))?.decision.status).toBe('called-in');

    // Audited: the exempt part's creation is in the log (staff only), with the record it belongs to.
    const audit = await listAudit(db, { entity: 'decision_exempt_part' });
    expect(audit.map((a) => Number(a.entity_id)).sort()).toEqual([taken.id, open.id].sort());

    // The Record of Decision printed in the rebuilt pack once the meeting is held: the public pack prints the open
    // item's record with the paragraph and a placeholder for its exempt part, and only a placeholder for the exempt
    // item; the confidential pack prints both exempt parts marked NOT FOR PUBLICATION.
    await setMeetingStatus(db, actor, c.cabinetMeeting.id, 'held', 'Test');
    const { input } = await packInputForMeeting(db, c.cabinetMeeting.id, DATES.recordPublished);
    const text = async (audience: 'public' | 'confidential') => {
      const bytes = (await buildPack(input, { audience })).bytes;
      if (process.env.MOOT_PACK_OUT) writeFileSync(`${process.env.MOOT_PACK_OUT}/${kind}-${audience}.pdf`, bytes);
      return (await readPack(bytes)).pages.map((p) => p.text).join('\n');
    };
    const pub = await text('public');
    expect(pub).toContain(open.number);
    // The exempt item: its placeholder, then the public record of the decision taken on it in private (regs 12-13, 20).
    const publicPages = (await readPack((await buildPack(input, { audience: 'public' })).bytes)).pages.map((p) => p.text);
    const restricted = publicPages.findIndex((t) => /Document is Restricted/i.test(t));
    const record = publicPages.findIndex((t) => t.includes(taken.number) && t.includes('Agree the disposal to the preferred bidder'));
    expect(restricted).toBeGreaterThan(-1);
    expect(record).toBeGreaterThan(restricted);
    expect(publicPages[record]).toMatch(/Former Westgate Depot/);
    expect(pub).toMatch(/declared exempt under Section 100A of the Local Government Act 1972 \(paragraph 3 of Part 1 of Schedule 12A\)/);
    expect(pub).not.toContain('QUINCEWORTH');
    expect(pub).not.toContain('MEDLAR');
    const conf = await text('confidential');
    expect(conf).toContain('QUINCEWORTH');
    expect(conf).toContain('MEDLAR');
    expect(conf).toContain('RECORD OF DECISION: EXEMPT PART');
  });
});
