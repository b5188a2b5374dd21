// The council's name style (store/read/people.ts styledNamesOf) reaches the places that named people their own way
// before: the "substitute for" text (meeting page, printed minutes, the apologies minute a clerk starts from), a
// councillor's Atom feed, the email alert's description of a councillor, and the "Dear …" of papers to members.
// On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER } from '../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { describeTarget, processPublicationEvents } from '../../src/services/alerts.js';
import { startCursor } from '../../src/services/events.js';
import { personFeed } from '../../src/services/feeds.js';
import { councillorRecord } from '../../src/services/open-data.js';
import { apologiesMinuteOf } from '../../src/services/proceedings.js';
import { findMeeting, minutesPaperOf } from '../../src/services/publication/pack-input.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import { saveCouncil, updateNameSettings } from '../../src/store/council.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting } from '../../src/store/meetings.js';
import { createPerson, getPerson } from '../../src/store/people.js';
import { recordAttendance } from '../../src/store/proceedings.js';
import { readMeetingPage } from '../../src/store/read/meeting-page.js';
import { saveMinute } from '../../src/store/workspace/minutes.js';
import { makeUploadedPdf } from '../pack/fixture.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;

describe.each(STORE_KINDS)('the council\'s name style in feeds, emails and substitutes on %s', (kind) => {
  const get = useTestStore(kind);

  it('writes "Councillor Kim Hebden" wherever the record names a member, not the stored "Mr K Hebden"', async (c) => {
    const { store } = get(c);
    const db = store.db;
    await saveCouncil(db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
    await updateNameSettings(db, actor, { nameStyle: 'councillor-forenames', areaLabel: 'Ward' });
    const body = await createBody(db, actor, { name: 'Audit Committee', kind: 'regulatory-committee', size: 3, agendaStyle: 'numbered' });
    const kim = await createPerson(db, actor, { kind: 'councillor', title: 'Mr', forenames: 'Kim', initials: 'K', surname: 'Hebden', email: 'kim@example.gov.uk' });
    const ann = await createPerson(db, actor, { kind: 'councillor', title: 'Dr', forenames: 'Ann', initials: 'A', surname: 'Lee' });
    const bob = await createPerson(db, actor, { kind: 'councillor', title: 'Mr', forenames: 'Bob', initials: 'B', surname: 'Ashe' });
    await addMembership(db, actor, { bodyId: body, personId: kim, role: 'chairman', startsOn: '2024-01-01' });
    await addMembership(db, actor, { bodyId: body, personId: ann, role: 'member', startsOn: '2024-01-01' });
    await addMembership(db, actor, { bodyId: body, personId: bob, role: 'substitute', startsOn: '2024-01-01' });

    // A held meeting: Ann sent apologies and Bob substituted for her (recorded as the printed names of the day).
    const held = await createMeeting(db, actor, { bodyId: body, date: '2024-05-14', time: '10:00', venue: 'Council Chamber', status: 'held',
      sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies and Substitutes' }, { code: '2', title: 'Treasury management' }] }] });
    await recordAttendance(db, actor, held.id, [
      { personId: kim, name: 'Mr K Hebden', kind: 'present', role: 'Chairman' },
      { personId: ann, name: 'Dr A Lee', kind: 'apologies' },
      { personId: bob, name: 'Mr B Ashe', kind: 'present', role: 'Substitute', substituteForPersonId: ann, substituteForName: 'Dr A Lee' },
    ]);

    const page = (await readMeetingPage(db, held.slug, PUBLIC_VIEWER))!;
    expect(page.substitutes).toEqual([{ name: 'Councillor Bob Ashe', personSlug: expect.any(String), for: 'Councillor Dr Ann Lee' }]);
    expect(page.attendance!.present.find((p) => p.name === 'Councillor Bob Ashe')!.substituteFor).toBe('Councillor Dr Ann Lee');

    expect(await apologiesMinuteOf(db, held.id)).toEqual(['Apologies for absence were received from Councillor Dr Ann Lee.', 'Councillor Bob Ashe attended as substitute for Councillor Dr Ann Lee.']);

    await saveMinute(db, actor, held.id, held.items[1].id, { title: 'Treasury management', paragraphs: ['The Committee noted the report.'], resolution: null, votes: [], postMeetingNote: null });
    const minutes = (await minutesPaperOf(db, (await findMeeting(db, held.id))!, 'public'))!;
    expect(minutes.present).toContainEqual({ name: 'Councillor Bob Ashe', role: undefined, substituteFor: 'Councillor Dr Ann Lee' });

    const bobSlug = (await getPerson(db, bob))!.slug;
    const feed = (await personFeed(store, bobSlug))!;
    expect(feed.title).toBe('Councillor Bob Ashe: meetings, votes and declarations');
    expect(feed.entries.map((e) => e.summary).join('\n')).toContain('Councillor Bob Ashe: attended the meeting of Audit Committee on Tuesday 14 May 2024 (as substitute for Councillor Dr Ann Lee).');
    expect(JSON.stringify(feed)).not.toContain('Mr B Ashe');
    expect((await councillorRecord(store, bobSlug))!.person.name).toBe('Councillor Bob Ashe');

    expect(await describeTarget(db, { kind: 'person', personId: kim })).toBe('meetings of Councillor Kim Hebden\'s committees');

    // Papers to members: "Dear Councillor Kim Hebden,".
    const next = await createMeeting(db, actor, { bodyId: body, date: '2030-03-20', time: '10:00', venue: 'Council Chamber',
      sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies and Substitutes' }, { code: '2', title: 'Treasury Management Report', purpose: 'To note the report' }] }] });
    await addDocument(db, actor, { meetingId: next.id, agendaItemId: next.items[1].id, kind: 'report', title: 'Treasury Management Report', classification: 'unrestricted',
      file: { bytes: await makeUploadedPdf('Treasury', 2), fileName: 't.pdf', contentType: 'application/pdf' } });
    await startCursor(store, 'mail-and-webhooks');
    await publishAgenda(store, actor, next.slug, { publishedOn: '2030-03-08' });
    await processPublicationEvents(store, { baseUrl: 'https://democracy.example.gov.uk', councilName: 'Example County Council', now: new Date(Date.now() + 3600_000) },
      { now: new Date(Date.now() + 3600_000) });
    const mail = await db.selectFrom('outbox').select(['recipient', 'payload_json']).where('purpose', '=', 'papers').execute();
    expect(mail.map((m) => m.recipient)).toEqual(['kim@example.gov.uk']);
    expect(mail[0].payload_json).toContain('Dear Councillor Kim Hebden,');
  });
});
