// The council's chosen name style is asked of one place (store/read/people.ts styledNamesOf, over domain/names.ts
// styledPersonName) by every public place that names a person of the record: a meeting's attendance and
// declarations, a body's members, a pack's membership list, the printed minutes' attendance and a review's members.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { packInputForMeeting, minutesPaperOf, findMeeting } from '../../../src/services/publication/pack-input.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import { saveCouncil, updateNameSettings } from '../../../src/store/council.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { createPerson } from '../../../src/store/people.js';
import { recordAttendance, recordDeclarations } from '../../../src/store/proceedings.js';
import { saveMinute } from '../../../src/store/workspace/minutes.js';
import { insertReviewMember, reviewParts } from '../../../src/store/executive/scrutiny.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import { createSqliteTestStore } from '../../helpers/stores.js';
import { appOn } from '../auth/helpers.js';

describe('names in the council\'s style everywhere the public reads them', () => {
  it('writes "Councillor Kim Hebden" on the meeting, body, pack, minutes and review when the council chooses it', async () => {
    const ts = await createSqliteTestStore();
    try {
      const db = ts.store.db;
      await saveCouncil(db, 'Example County Council', 'ECC', {});
      await updateNameSettings(db, SYSTEM_ACTOR, { nameStyle: 'councillor-forenames', areaLabel: 'Ward' });
      const body = await createBody(db, SYSTEM_ACTOR, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3 });
      const kim = await createPerson(db, SYSTEM_ACTOR, { kind: 'councillor', title: 'Mr', forenames: 'Kim', initials: 'K', surname: 'Hebden' });
      const ann = await createPerson(db, SYSTEM_ACTOR, { kind: 'councillor', title: 'Dr', forenames: 'Ann', initials: 'A', surname: 'Lee' });
      await addMembership(db, SYSTEM_ACTOR, { bodyId: body, personId: kim, role: 'chairman', startsOn: '2024-01-01' });
      await addMembership(db, SYSTEM_ACTOR, { bodyId: body, personId: ann, role: 'member', startsOn: '2024-01-01' });
      const meeting = await createMeeting(db, SYSTEM_ACTOR, { bodyId: body, date: '2024-05-14', time: '10:00', venue: 'Council Chamber', status: 'held',
        sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Treasury management' }] }] });
      await recordAttendance(db, SYSTEM_ACTOR, meeting.id, [
        { personId: kim, name: 'Mr K Hebden', kind: 'present', role: 'Chairman' },
        { personId: ann, name: 'Dr A Lee', kind: 'apologies' },
        { name: 'Mr J Visitor', kind: 'in-attendance', role: 'Auditor' },
      ]);
      await recordDeclarations(db, SYSTEM_ACTOR, meeting.id, [{ personId: ann, personName: 'Dr A Lee', kind: 'other-significant', nature: 'Governor of a school named in the report', agendaItemId: meeting.items[1].id }]);

      const app = await appOn(ts.store, { today: () => '2024-06-01', routes: [{ plugin: publicPortal }] });
      const page = (await app.inject({ url: `/meetings/${meeting.slug}` })).body;
      expect(page).toContain('Councillor Kim Hebden');
      expect(page).toContain('Councillor Dr Ann Lee');
      expect(page).toContain('Mr J Visitor'); // recorded as text, with no person behind it
      expect(page).not.toContain('Mr K Hebden');
      const bodyPage = (await app.inject({ url: '/bodies/audit-committee' })).body;
      expect(bodyPage).toContain('Councillor Kim Hebden');
      expect(bodyPage).not.toContain('Mr K Hebden');
      await app.close();

      const pack = await packInputForMeeting(db, meeting.id, '2024-05-03');
      expect(JSON.stringify(pack.input.membership)).toContain('Councillor Kim Hebden');
      expect(JSON.stringify(pack.input.membership)).not.toContain('Mr K Hebden');
      await saveMinute(db, SYSTEM_ACTOR, meeting.id, meeting.items[1].id, { title: 'Treasury management', paragraphs: ['The Committee noted the report.'], resolution: null, votes: [], postMeetingNote: null });
      const minutes = await minutesPaperOf(db, (await findMeeting(db, meeting.id))!, 'public');
      expect(JSON.stringify(minutes)).toContain('Councillor Kim Hebden');
      expect(JSON.stringify(minutes)).toContain('Councillor Dr Ann Lee');

      const review = await db.insertInto('scrutiny_review').values({ slug: 'flood-risk', title: 'Flood risk', body_id: body, terms_of_reference: 'x', stage: 'scoping', started_on: '2024-01-10', report_summary: null, report_document_id: null, response: null, created_at: '2024-01-10T09:00:00Z' }).returning('id').executeTakeFirstOrThrow();
      await insertReviewMember(db, { review_id: review.id, person_id: kim, name: 'Mr K Hebden', role: 'Chairman' });
      expect((await reviewParts(db, review.id)).members.map((m) => m.name)).toEqual(['Councillor Kim Hebden']);
    } finally {
      await ts.cleanup();
    }
  });
});
