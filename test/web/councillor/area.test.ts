// The councillors' area: my meetings and papers (exempt ones only where entitled, tagged, downloaded through the
// guarded route), my declarations, and the register of interests with its history; CSRF on its forms.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { grantExemptAccess } from '../../../src/store/accounts.js';
import { interestsOn, listInterests } from '../../../src/store/interests.js';
import { recordDeclarations } from '../../../src/store/proceedings.js';
import councillor from '../../../src/web/routes/councillor/index.js';
import { appWith, Browser, MARKER, seedCouncil, TODAY, type Council } from '../../api/fixture.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

describe.each(STORE_KINDS)('councillors’ area on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  let c: Council;

  async function setup(ctx: Parameters<typeof get>[0]) {
    const t = get(ctx);
    if (!app) {
      c = await seedCouncil(t.store);
      app = await appWith(t.store, [{ plugin: councillor }]);
    }
    return { t, app };
  }

  afterAll(async () => {
    await app?.close();
  });

  it('lists my meetings and papers, exempt ones tagged, and serves them only to those entitled', async (ctx) => {
    const { t, app } = await setup(ctx);
    const a = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    const meetings = await a.get('/my/meetings');
    expect(meetings.statusCode).toBe(200);
    expect(meetings.body).toContain('Alpha Cabinet Committee');
    expect(meetings.body).toContain('Upcoming meetings');
    const papers = await a.get('/my/papers');
    expect(papers.body).toContain(`Westgate ${MARKER} report`);
    expect(papers.body).toContain('Exempt — not for publication');
    expect(papers.body).toContain('paragraph 3 of Part 1 of Schedule 12A');
    const file = await a.get(`/my/papers/${c.exemptPaperSlug}.pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const b = await Browser.signedIn(app, t.store, c.users.councillorB.userId);
    const bPapers = await b.get('/my/papers');
    expect(bPapers.body).not.toContain(MARKER);
    expect(bPapers.body).not.toContain('Budget monitoring report'); // not B's committee at all
    const refused = await b.get(`/my/papers/${c.exemptPaperSlug}.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(MARKER);
    const pub = await app.inject({ url: `/my/papers/${c.exemptPaperSlug}.pdf` });
    expect(pub.statusCode).toBe(303);
    expect(pub.headers.location).toMatch(/^\/account\/sign-in/);
    // An author (not a councillor) has no councillors' area.
    expect((await (await Browser.signedIn(app, t.store, c.users.authorA.userId)).get('/my/papers')).statusCode).toBe(403);

    // A clerk's grant lets B read that meeting's exempt papers; B's session is re-read on each request.
    await grantExemptAccess(t.store.db, SYSTEM_ACTOR, c.users.councillorB.personId!, c.meeting.id, 'Substitute for the meeting');
    const granted = await b.get('/my/papers');
    expect(granted.body).toContain(`Westgate ${MARKER} report`);
    expect((await b.get(`/my/papers/${c.exemptPaperSlug}.pdf`)).statusCode).toBe(200);
    expect((await b.get('/my/meetings')).body).toContain('Access granted');
  });

  it('shows my declarations', async (ctx) => {
    const { t, app } = await setup(ctx);
    await recordDeclarations(t.store.db, SYSTEM_ACTOR, c.meeting.id, [{ personId: c.users.councillorA.personId, personName: 'Mrs A Ashby', kind: 'personal', nature: 'Member of the Westgate residents association', agendaItemId: c.exemptItemId }]);
    const a = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    const page = await a.get('/my/declarations');
    expect(page.body).toContain('Member of the Westgate residents association');
    const b = await Browser.signedIn(app, t.store, c.users.councillorB.userId);
    expect((await b.get('/my/declarations')).body).not.toContain('Westgate residents');
  });

  it('keeps the register of interests with its history: edits end the old row, removals keep it with removed_on', async (ctx) => {
    const { t, app } = await setup(ctx);
    const personId = c.users.councillorA.personId!;
    const a = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    const empty = await a.post('/my/interests', { category: '', description: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#category"');
    expect((await a.post('/my/interests', { category: 'Land and property', description: 'House at 1 High Street, Anytown' })).statusCode).toBe(303);
    expect((await a.post('/my/interests', { category: 'Sponsorship', description: 'Election expenses paid by the Anytown Party' })).statusCode).toBe(303);
    let current = await listInterests(t.store.db, personId);
    expect(current).toHaveLength(2);
    const land = current.find((i) => i.category === 'Land and property')!;
    const edit = await a.get(`/my/interests/${land.id}/edit`);
    expect(edit.body).toContain('House at 1 High Street');
    expect((await a.post(`/my/interests/${land.id}`, { category: 'Land and property', description: 'House at 1 High Street and garage, Anytown' })).statusCode).toBe(303);
    const sponsor = current.find((i) => i.category === 'Sponsorship')!;
    expect((await a.post(`/my/interests/${sponsor.id}/remove`, {})).statusCode).toBe(303);

    current = await listInterests(t.store.db, personId);
    expect(current.map((i) => i.description)).toEqual(['House at 1 High Street and garage, Anytown']);
    const all = await listInterests(t.store.db, personId, { includeHistory: true });
    expect(all).toHaveLength(3);
    expect(all.find((i) => i.id === land.id)!.removed_on).toBe(TODAY);
    expect(all.find((i) => i.id === sponsor.id)!.removed_on).toBe(TODAY);
    expect((await interestsOn(t.store.db, personId, '2024-05-31'))).toHaveLength(0);
    const page = await a.get('/my/interests');
    expect(page.body).toContain('Earlier entries');
    expect(page.body).toContain('Election expenses paid by the Anytown Party');
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'interest_register').where('actor_id', '=', c.users.councillorA.userId).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['create', 'create', 'delete', 'update']);

    // Another councillor cannot change or remove A's entries.
    const b = await Browser.signedIn(app, t.store, c.users.councillorB.userId);
    const mine = current[0];
    expect((await b.get(`/my/interests/${mine.id}/edit`)).statusCode).toBe(404);
    expect((await b.post(`/my/interests/${mine.id}/remove`, {})).statusCode).toBe(404);
    expect((await listInterests(t.store.db, personId))).toHaveLength(1);
  });

  it('refuses register forms without the CSRF token', async (ctx) => {
    const { t, app } = await setup(ctx);
    const a = await Browser.signedIn(app, t.store, c.users.councillorA.userId);
    const before = (await listInterests(t.store.db, c.users.councillorA.personId!, { includeHistory: true })).length;
    expect((await a.request('POST', '/my/interests', { form: { category: 'Contracts', description: 'Forged' } })).statusCode).toBe(403);
    const current = await listInterests(t.store.db, c.users.councillorA.personId!);
    if (current[0]) expect((await a.request('POST', `/my/interests/${current[0].id}/remove`, { form: {} })).statusCode).toBe(403);
    expect((await listInterests(t.store.db, c.users.councillorA.personId!, { includeHistory: true })).length).toBe(before);
  });
});
