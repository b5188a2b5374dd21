// A Cabinet member's portfolio changes in place: the clerk gives the new portfolio and the day it starts; the old
// portfolio stays in the record with the dates it was held (the councillor's public page and the Cabinet's page show
// both), the change is audited, and a change on the membership's first day corrects it. On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import { createPerson, getPerson } from '../../../src/store/people.js';
import publicPortal from '../../../src/web/routes/public/index.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';

describe.each(STORE_KINDS)('changing a Cabinet portfolio on %s', (kind) => {
  const get = useTestStore(kind);

  it('keeps the old portfolio with its dates and shows the new one from the day given', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const cabinet = await createBody(db, SYSTEM_ACTOR, { name: `Cabinet ${kind}`, kind: 'cabinet', size: 8 });
    const person = await createPerson(db, SYSTEM_ACTOR, { kind: 'councillor', title: 'Mrs', forenames: 'Susan', initials: 'S', surname: `Carey${kind}` });
    const first = await addMembership(db, SYSTEM_ACTOR, { bodyId: cabinet, personId: person, role: 'member', portfolio: 'Highways', startsOn: '2024-05-01' });
    const app = await appOn(store, { today: () => '2024-06-10', routes: [{ plugin: workspace }, { plugin: publicPortal }] });
    const user = await addUser(store, 'clerk');
    const { client, csrf } = await sessionClient(app, store, user.id);

    const body = (await client.get(`/workspace/bodies/${cabinet}`)).body;
    expect(body).toContain('>Cabinet Member for Highways<');
    // The Cabinet's chairman is the Leader, as the public pages say (membershipRoleLabel), on every workspace page.
    const leader = await createPerson(db, SYSTEM_ACTOR, { kind: 'councillor', title: 'Mr', forenames: 'Roger', initials: 'R', surname: `Gough${kind}` });
    const leads = await addMembership(db, SYSTEM_ACTOR, { bodyId: cabinet, personId: leader, role: 'chairman', portfolio: 'Leader of the Council', startsOn: '2024-05-01' });
    const withLeader = (await client.get(`/workspace/bodies/${cabinet}`)).body;
    expect(withLeader).toContain('>Leader, portfolio: Leader of the Council<');
    expect(withLeader).not.toContain('Chairman');
    const endPage = (await client.get(`/workspace/memberships/${leads}/end`)).body; expect(endPage.slice(endPage.indexOf('<h1'), endPage.indexOf('<h1') + 600)).toContain('Leader since 1 May 2024');
    expect((await client.get(`/workspace/memberships/${leads}/portfolio`)).body).toContain('Leader since 1 May 2024');
    expect((await client.get(`/workspace/people/${leader}`)).body).toMatch(/Cabinet \w+<\/a>: Leader from 1 May 2024/);
    expect(body).toContain(`href="/workspace/memberships/${first}/portfolio"`);
    const form = await client.get(`/workspace/memberships/${first}/portfolio`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('holding the portfolio Highways');

    // Refused without a real date, or before the membership began, naming the field.
    const date = (d: string) => { const [y, m, dd] = d.split('-'); return { 'fromDate-day': dd, 'fromDate-month': m, 'fromDate-year': y }; };
    let res = await client.post(`/workspace/memberships/${first}/portfolio`, { _csrf: csrf, portfolio: 'Highways and Transport', ...date('2024-04-01') });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#fromDate');
    expect(res.body).toContain('before the membership did (Wednesday 1 May 2024)');

    res = await client.post(`/workspace/memberships/${first}/portfolio`, { _csrf: csrf, portfolio: 'Highways and Transport', ...date('2024-06-10') });
    expect(res.statusCode).toBe(303);
    const rows = await db.selectFrom('membership').select(['id', 'portfolio', 'starts_on', 'ends_on', 'role']).where('person_id', '=', person).orderBy('starts_on').execute();
    expect(rows).toEqual([
      { id: first, portfolio: 'Highways', starts_on: '2024-05-01', ends_on: '2024-06-09', role: 'member' },
      { id: expect.any(Number), portfolio: 'Highways and Transport', starts_on: '2024-06-10', ends_on: null, role: 'member' },
    ]);
    const audit = await db.selectFrom('audit_log').select(['action', 'summary']).where('entity', '=', 'membership').where('entity_id', '=', String(first)).where('action', '=', 'change-portfolio').execute();
    expect(audit.map((a) => a.summary)).toEqual(['Portfolio changed from "Highways" to "Highways and Transport" on 2024-06-10: "Highways" held until 2024-06-09']);

    // The public page: the current portfolio, and the old one with the dates it was held.
    const slug = (await getPerson(db, person))!.slug;
    const page = (await app.inject({ url: `/people/${slug}` })).body.replace(/\s+/g, ' ');
    expect(page).toMatch(/Cabinet portfolio <\/dt> <dd[^>]*> Highways and Transport <\/dd>/);
    expect(page).toMatch(/Cabinet Member for Highways<\/td> <td[^>]*>1 May 2024<\/td> <td[^>]*>9 June 2024<\/td>/);

    // A correction on the first day of the new membership changes it in place.
    const second = rows[1].id;
    res = await client.post(`/workspace/memberships/${second}/portfolio`, { _csrf: csrf, portfolio: 'Highways, Transport and Waste', ...date('2024-06-10') });
    expect(res.statusCode).toBe(303);
    expect(await db.selectFrom('membership').select('portfolio').where('person_id', '=', person).where('ends_on', 'is', null).execute()).toEqual([{ portfolio: 'Highways, Transport and Waste' }]);
    // An ended membership's portfolio no longer changes.
    expect((await client.get(`/workspace/memberships/${first}/portfolio`)).statusCode).toBe(404);
    await app.close();
  });
});
