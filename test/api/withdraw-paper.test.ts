// Withdrawing a paper through the API (issue 12): POST /api/v1/documents/{slug}/withdrawal with the reason, for
// Democratic Services only; the refusals name what is wrong (no reason, already withdrawn, no such paper); the
// published pack is reissued without it and the paper reads as withdrawn. On SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { createMeeting } from '../../src/store/meetings.js';
import { addDocument } from '../../src/store/documents.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { makeUploadedPdf } from '../pack/fixture.js';
import { appWith, seedCouncil } from './fixture.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(STORE_KINDS)('withdrawing a paper through the API on %s', (kind) => {
  const get = useTestStore(kind);
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('withdraws with a reason, reissues the pack, refuses clearly, and only for Democratic Services', async (ctx) => {
    const { store } = get(ctx);
    const c = await seedCouncil(store);
    const meeting = await createMeeting(store.db, SYSTEM_ACTOR, {
      bodyId: c.alpha.id, date: '2031-09-18', time: '10:00', venue: 'Darent Room',
      sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Highways asset plan' }] }],
    });
    const paper = await addDocument(store.db, SYSTEM_ACTOR, { meetingId: meeting.id, agendaItemId: meeting.items[1].id, kind: 'report', title: 'Highways asset plan report', classification: 'unrestricted',
      file: { bytes: await makeUploadedPdf('Highways asset plan', 2), fileName: 'highways.pdf', contentType: 'application/pdf', pageCount: 2 } });
    await publishAgenda(store, SYSTEM_ACTOR, meeting.slug, { publishedOn: '2031-09-05' });
    const app = await appWith(store);
    apps.push(app);
    const url = `/api/v1/documents/${paper.slug}/withdrawal`;
    const post = (token: string, payload: unknown, at = url) => app.inject({ method: 'POST', url: at, headers: auth(token), payload: payload as Record<string, unknown> });

    expect((await post(c.users.councillorA.token, { reason: 'No' })).statusCode).toBe(403);
    let r = await post(c.users.clerk.token, {});
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ field: 'reason' });
    r = await post(c.users.clerk.token, { reason: '   ' });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).field).toBe('reason');
    r = await post(c.users.clerk.token, { reason: 'Gone' }, '/api/v1/documents/no-such-paper/withdrawal');
    expect(r.statusCode).toBe(404);
    expect(JSON.parse(r.body).message).toContain('no-such-paper');

    r = await post(c.users.clerk.token, { reason: 'Replaced by the Cabinet Member\u2019s decision report' });
    expect(r.statusCode, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ slug: paper.slug, reissued: { agenda: 2, supplementary: null } });

    r = await post(c.users.clerk.token, { reason: 'Again' });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).message).toMatch(/already withdrawn on \w+day/);

    const doc = JSON.parse((await app.inject({ url: `/api/v1/documents/${paper.slug}` })).body);
    expect(doc.withdrawn).toMatchObject({ reason: 'Replaced by the Cabinet Member\u2019s decision report' });
    expect(doc.versions).toHaveLength(1);
    const spec = JSON.parse((await app.inject('/api/openapi.json')).body);
    expect(spec.paths['/api/v1/documents/{slug}/withdrawal']?.post ?? spec.paths['/v1/documents/{slug}/withdrawal']?.post).toBeTruthy();

    // Reinstated beside it: a reason needed, Democratic Services only, the pack reissued with it, the history kept.
    const back = `/api/v1/documents/${paper.slug}/reinstatement`;
    expect((await post(c.users.councillorA.token, { reason: 'No' }, back)).statusCode).toBe(403);
    expect(JSON.parse((await post(c.users.clerk.token, {}, back)).body)).toMatchObject({ field: 'reason' });
    r = await post(c.users.clerk.token, { reason: 'The decision report was itself withdrawn' }, back);
    expect(r.statusCode, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ slug: paper.slug, reissued: { agenda: 3, supplementary: null } });
    r = await post(c.users.clerk.token, { reason: 'Again' }, back);
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).message).toMatch(/is not withdrawn/);
    const again = JSON.parse((await app.inject({ url: `/api/v1/documents/${paper.slug}` })).body);
    expect(again.withdrawn).toBeNull();
    expect(again.reinstatements).toEqual([{ withdrawn: { on: expect.any(String), reason: 'Replaced by the Cabinet Member\u2019s decision report' },
      reinstated: { on: expect.any(String), reason: 'The decision report was itself withdrawn' } }]);
    expect(spec.paths['/api/v1/documents/{slug}/reinstatement']?.post ?? spec.paths['/v1/documents/{slug}/reinstatement']?.post).toBeTruthy();
  });
});
