// A councillor's public page on both databases: the name as the council writes it (its setting, changed by an
// administrator), a photo Democratic Services upload (checked to be an image, served as the type found, never
// sniffed), area, party, Cabinet portfolio and the Leader's title, contact details, and the register of interests
// with the date it last changed and its earlier versions.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createUser } from '../../../src/store/accounts.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import { saveCouncil } from '../../../src/store/council.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { packInputForMeeting } from '../../../src/services/publication/pack-input.js';
import { addInterest, editInterest, removeInterest } from '../../../src/store/interests.js';
import { recordAttendance } from '../../../src/store/proceedings.js';
import { createPerson, ensureGroup } from '../../../src/store/people.js';
import { buildApp } from '../../../src/web/app.js';
import { registerPortal } from '../../../src/server.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { solidPng } from '../../helpers/png.js';
import { Browser } from '../../api/fixture.js';
import { multipart } from '../workspace/helpers.js';
import { imageSize } from 'image-size';

describe.each(STORE_KINDS)('a councillor\'s page on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('shows the name in the council\'s style, photo, roles, portfolio, contact details and the register with its history', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    await saveCouncil(db, 'Kent County Council', 'Kent', {});
    const groupId = await ensureGroup(db, 'Conservative');
    const kim = await createPerson(db, SYSTEM_ACTOR, { title: 'Mr', forenames: 'Kim', surname: 'Hebden', kind: 'councillor', groupId, division: 'Faversham', email: 'kim.hebden@example.gov.uk', phone: '03000 416000', address: 'Sessions House\nCounty Road\nMaidstone ME14 1XQ' });
    const cabinet = await createBody(db, SYSTEM_ACTOR, { name: 'Cabinet', kind: 'cabinet' });
    const planning = await createBody(db, SYSTEM_ACTOR, { name: 'Planning Applications Committee', kind: 'regulatory-committee' });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: cabinet, personId: kim, role: 'chairman', portfolio: 'Strategic Reset and Transformation', startsOn: '2025-05-22' });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: planning, personId: kim, role: 'vice-chairman', startsOn: '2025-05-22' });
    const first = await addInterest(db, SYSTEM_ACTOR, kim, { category: 'Employment, office, trade, profession or vocation', description: 'Director, Hebden Farms Ltd' }, '2025-06-01');
    await addInterest(db, SYSTEM_ACTOR, kim, { category: 'Land and property', description: 'Home, Faversham' }, '2025-06-01');
    const second = await editInterest(db, SYSTEM_ACTOR, kim, first, { category: 'Employment, office, trade, profession or vocation', description: 'Director, Hebden Orchards Ltd' }, '2026-01-15');
    expect(second).not.toBe(first);
    const sharesId = await addInterest(db, SYSTEM_ACTOR, kim, { category: 'Securities', description: 'Shares in Kentish Cider plc' }, '2026-01-15');
    await removeInterest(db, SYSTEM_ACTOR, kim, sharesId, '2026-03-02');
    const ann = await createPerson(db, SYSTEM_ACTOR, { title: 'Mrs', forenames: 'Ann', surname: 'Allen', kind: 'councillor', groupId });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: cabinet, personId: ann, role: 'member', portfolio: 'Highways and Transport', startsOn: '2025-05-22' });
    const slug = (await db.selectFrom('person').select('slug').where('id', '=', kim).executeTakeFirstOrThrow()).slug;
    const annSlug = (await db.selectFrom('person').select('slug').where('id', '=', ann).executeTakeFirstOrThrow()).slug;

    app = await buildApp({ store, today: () => '2026-04-01', routes: registerPortal() });
    const page = await app.inject({ url: `/people/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Mr K Hebden</h1>');
    expect(page.body).toMatch(/>Leader of the Council<\/a><\/li>/);
    expect(page.body).not.toMatch(/Chairman\s*<\/li>/);
    expect(page.body).toContain('Vice-Chairman, <a class="govuk-link" href="/bodies/planning-applications-committee">');
    expect(page.body).toContain('Strategic Reset and Transformation');
    expect(page.body).toContain('>Leader, portfolio: Strategic Reset and Transformation<');
    // One rule names the role on the councillor's page, the body's page and in the API: Leader and Cabinet Member, never Chairman.
    const annPage = (await app.inject({ url: `/people/${annSlug}` })).body;
    expect(annPage).toMatch(/>Cabinet Member<\/a><\/li>/);
    expect(annPage).toContain('>Cabinet Member for Highways and Transport<');
    const cabinetPage = (await app.inject({ url: '/bodies/cabinet' })).body;
    expect(cabinetPage).toMatch(/<dt class="govuk-summary-list__key">\s*Leader\s*<\/dt>/);
    expect(cabinetPage).toContain('Mr K Hebden</a> (Leader, portfolio: Strategic Reset and Transformation)');
    expect(cabinetPage).toContain('Mrs A Allen</a> (Cabinet Member for Highways and Transport)');
    expect(cabinetPage).not.toContain('Chairman');
    const api = (await app.inject({ url: `/api/v1/people/${slug}` })).json() as { roles: { label: string }[]; memberships: { roleLabel: string }[] };
    expect(api.roles.map((r) => r.label)).toEqual(['Leader of the Council', 'Vice-Chairman']);
    expect(api.memberships.map((m) => m.roleLabel)).toContain('Leader, portfolio: Strategic Reset and Transformation');
    const apiBody = (await app.inject({ url: '/api/v1/bodies/cabinet' })).json() as { chairman: { roleLabel: string } };
    expect(apiBody.chairman.roleLabel).toBe('Leader');
    // The Cabinet's agenda front sheet lists the Leader as Leader too.
    const meeting = await createMeeting(db, SYSTEM_ACTOR, { bodyId: cabinet, date: '2026-04-20', time: '10:00', venue: 'Council Chamber', status: 'scheduled', sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }] }] });
    const pack = await packInputForMeeting(db, meeting.id, '2026-04-10');
    expect(pack.input.membership?.groups.flatMap((g) => g.members)).toEqual(expect.arrayContaining([{ name: 'Mr K Hebden', role: 'Leader' }, { name: 'Mrs A Allen', role: 'member' }]));
    expect(page.body).toContain('Electoral division');
    expect(page.body).toContain('Faversham');
    expect(page.body).toContain('Conservative');
    expect(page.body).toContain('href="tel:03000416000"');
    expect(page.body).toContain('Maidstone ME14 1XQ');
    expect(page.body).not.toContain(`/people/${slug}/photo`);
    // The register: entries in force, when it last changed (the removal), the earlier entries and versions.
    const register = page.body.slice(page.body.indexOf('id="register"'));
    expect(register).toContain('Last updated Monday 2 March 2026');
    expect(register).toContain('Director, Hebden Orchards Ltd');
    expect(register).toContain('Home, Faversham');
    const earlier = register.slice(register.indexOf('Earlier versions'));
    expect(earlier).toContain('Director, Hebden Farms Ltd');
    expect(earlier).toContain('Shares in Kentish Cider plc');
    expect(earlier).toContain(`/people/${slug}/interests?on=2025-06-01`);
    const then = await app.inject({ url: `/people/${slug}/interests?on=2025-12-31` });
    expect(then.statusCode).toBe(200);
    expect(then.body).toContain('Register of interests on Wednesday 31 December 2025');
    expect(then.body).toContain('Director, Hebden Farms Ltd');
    expect(then.body).not.toContain('Hebden Orchards');
    expect((await app.inject({ url: `/people/${slug}/interests?on=yesterday` })).statusCode).toBe(400);

    // The administrator chooses "Councillor Kim Hebden" and wards.
    const adminId = await createUser(db, SYSTEM_ACTOR, { email: `admin-${kind}@example.org`, displayName: 'Admin', role: 'administrator', personId: null, password: 'correct horse battery staple' });
    const admin = await Browser.signedIn(app, store, adminId);
    // A signed-in page is sent no-store, so it carries no ETag (nothing keeps it to revalidate).
    const signedInPage = await admin.request('GET', `/people/${slug}`);
    expect(signedInPage.statusCode).toBe(200);
    expect(signedInPage.headers['cache-control']).toBe('private, no-store');
    expect(signedInPage.headers.etag).toBeUndefined();
    const refused = await admin.post('/admin/council', { nameStyle: 'Lord High', areaLabel: 'Ward' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Select how members');
    expect((await admin.post('/admin/council', { nameStyle: 'councillor-forenames', areaLabel: 'Ward' })).statusCode).toBe(303);
    const restyled = await app.inject({ url: `/people/${slug}` });
    expect(restyled.body).toContain('<h1 class="govuk-heading-l">Councillor Kim Hebden</h1>');
    expect(restyled.body).toMatch(/<dt class="govuk-summary-list__key">\s*Ward\s*<\/dt>/);
    expect((await app.inject({ url: '/people' })).body).toContain('Councillor Kim Hebden');

    // Democratic Services upload a photo: a PNG is kept; an SVG or a renamed text file is refused, naming why.
    const clerkId = await createUser(db, SYSTEM_ACTOR, { email: `clerk-${kind}@example.org`, displayName: 'Clerk', role: 'clerk', personId: null, password: 'correct horse battery staple' });
    const clerk = await Browser.signedIn(app, store, clerkId);
    const upload = (fileName: string, type: string, bytes: Buffer) => {
      const body = multipart({ _csrf: clerk.csrf }, { name: 'photo', fileName, type, bytes });
      return clerk.request('POST', `/workspace/people/${kim}/photo`, { payload: body.payload, headers: { 'content-type': body.contentType } });
    };
    const svg = await upload('kim.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(400);
    expect(svg.body).toContain('The file kim.svg is an image of type SVG: upload a JPEG, PNG or WebP photo');
    const text = await upload('kim.png', 'image/png', Buffer.from('not an image at all, just words'));
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('The file kim.png is not a JPEG, PNG or WebP image');
    const tiny = await upload('kim.png', 'image/png', solidPng(20, 20));
    expect(tiny.body).toContain('20 × 20 pixels');
    const png = solidPng(160, 200);
    const saved = await upload('kim.jpg', 'image/jpeg', png);
    expect(saved.statusCode).toBe(303);
    const photo = await app.inject({ url: `/people/${slug}/photo` });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['content-security-policy']).toContain('sandbox');
    // Stored re-encoded (metadata stripped: test/services/photos.test.ts), the same picture at the same size.
    expect(imageSize(photo.rawPayload)).toMatchObject({ type: 'png', width: 160, height: 200 });
    expect((await app.inject({ url: `/people/${slug}/photo`, headers: { 'if-none-match': String(photo.headers.etag) } })).statusCode).toBe(304);
    expect((await app.inject({ url: `/people/${slug}` })).body).toContain(`<img class="moot-person__photo" src="/people/${slug}/photo" alt="Photo of Councillor Kim Hebden"`);
    const audit = await db.selectFrom('audit_log').select('summary').where('entity', '=', 'person').where('entity_id', '=', String(kim)).execute();
    expect(audit.map((a) => a.summary)).toContain('Photo of Mr K Hebden uploaded');
    // Removed: the public page and the photo's address show none.
    const removeBody = multipart({ _csrf: clerk.csrf, remove: 'yes' }, { name: 'photo', fileName: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) });
    expect((await clerk.request('POST', `/workspace/people/${kim}/photo`, { payload: removeBody.payload, headers: { 'content-type': removeBody.contentType } })).statusCode).toBe(303);
    expect((await app.inject({ url: `/people/${slug}/photo` })).statusCode).toBe(404);
  });

  it('lists each committee\'s most recent meetings, and every meeting on the attendance page', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    await saveCouncil(db, 'Kent County Council', 'Kent', {});
    const lee = await createPerson(db, SYSTEM_ACTOR, { title: 'Ms', forenames: 'Lee', surname: 'Marsh', kind: 'councillor' });
    const licensing = await createBody(db, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee' });
    const standards = await createBody(db, SYSTEM_ACTOR, { name: 'Standards Committee', kind: 'regulatory-committee' });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: licensing, personId: lee, role: 'member', startsOn: '2024-01-01' });
    await addMembership(db, SYSTEM_ACTOR, { bodyId: standards, personId: lee, role: 'member', startsOn: '2024-01-01' });
    // Twelve licensing meetings (present at all but the third and the seventh), two of standards.
    for (let month = 1; month <= 12; month++) {
      const m = await createMeeting(db, SYSTEM_ACTOR, { bodyId: licensing, date: `2025-${String(month).padStart(2, '0')}-10`, time: '10:00', venue: 'Council Chamber', status: 'minutes-approved', sections: [] });
      if (month === 7) continue; // nothing recorded: absent
      await recordAttendance(db, SYSTEM_ACTOR, m.id, [{ personId: lee, name: 'Ms L Marsh', kind: month === 3 ? 'apologies' : 'present' }]);
    }
    for (const date of ['2025-02-20', '2025-06-20']) {
      const m = await createMeeting(db, SYSTEM_ACTOR, { bodyId: standards, date, time: '14:00', venue: 'Council Chamber', status: 'minutes-approved', sections: [] });
      await recordAttendance(db, SYSTEM_ACTOR, m.id, [{ personId: lee, name: 'Ms L Marsh', kind: 'present' }]);
    }
    const slug = (await db.selectFrom('person').select('slug').where('id', '=', lee).executeTakeFirstOrThrow()).slug;
    await app?.close();
    app = await buildApp({ store, today: () => '2026-01-01', routes: registerPortal() });
    const page = (await app.inject({ url: `/people/${slug}` })).body;
    const licensingList = page.slice(page.indexOf('Meetings of Licensing Committee (10 of 12)'));
    const listed = licensingList.slice(0, licensingList.indexOf('</details>'));
    // The ten most recent, newest first: December back to March, then a link to every meeting.
    expect(listed.match(/<li>/g)).toHaveLength(10);
    expect(listed).toContain('2025-12-10-licensing-committee');
    expect(listed).toContain('Monday 10 March 2025</a>: Apologies');
    expect(listed).toContain('Thursday 10 July 2025</a>: Absent');
    expect(listed).not.toContain('2025-02-10-licensing-committee');
    expect(listed).toContain(`The 10 most recent of 12: <a class="govuk-link" href="/people/${slug}/attendance#licensing-committee">every meeting of Licensing Committee</a>`);
    // A short list is whole, with no link.
    const standardsList = page.slice(page.indexOf('Meetings of Standards Committee (2 of 2)'));
    expect(standardsList.slice(0, standardsList.indexOf('</details>'))).not.toContain('most recent');

    const all = await app.inject({ url: `/people/${slug}/attendance` });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<h1 class="govuk-heading-l">Attendance at meetings</h1>');
    const licensingAll = all.body.slice(all.body.indexOf('id="licensing-committee"'));
    expect(licensingAll).toContain('Present at 10 of 12 meetings (83%).');
    expect(licensingAll.slice(0, licensingAll.indexOf('</table>')).match(/<tr class="govuk-table__row">/g)).toHaveLength(13); // the heading and 12 meetings
    expect(licensingAll).toContain('href="/meetings/2025-02-10-licensing-committee">Monday 10 February 2025</a>');
    expect(all.body).toContain('id="standards-committee"');
    expect((await app.inject({ url: '/people/nobody/attendance' })).statusCode).toBe(404);
  });
});
