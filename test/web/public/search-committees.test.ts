// The search page's committee filter lists the committees as they are now: the list is read once per data version
// (routes/public/search.ts), so a committee added or renamed shows on the next search, on SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addBody, updateBody } from '../../../src/services/bodies.js';
import { registerPortal } from '../../../src/server.js';
import { buildApp } from '../../../src/web/app.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

/** The committee filter's options, as value=name pairs. */
async function committeeOptions(app: FastifyInstance, url: string): Promise<string[]> {
  const res = await app.inject({ url });
  expect(res.statusCode).toBe(200);
  const select = /<select[^>]*id="body"[^>]*>([\s\S]*?)<\/select>/.exec(res.body)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => `${m[1]}=${m[2].trim()}`);
}

describe.each(STORE_KINDS)('the search page\'s committees on %s', (kind) => {
  const get = useTestStore(kind);

  it('shows a committee added or renamed since the last search', { timeout: 60_000 }, async (ctx) => {
    const t = get(ctx);
    const app = await buildApp({ store: t.store, logger: false, routes: registerPortal() });
    try {
      const id = await addBody(t.store, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee', size: 5, agendaStyle: 'numbered' });
      // Something to find: on PostgreSQL a search with rows reads the counters the list is kept by in its own statement.
      await t.store.db.insertInto('search_entry').values({ kind: 'item', ref_id: 1, page: null, meeting_id: null, body_id: id, date: '2012-01-01', exempt: 0,
        title: 'Licensing policy', url: '/licensing', body: 'The licensing policy' }).execute();
      expect((await app.inject({ url: '/search?q=licensing&sort=date' })).body).toContain('Licensing policy');
      const before = await committeeOptions(app, '/search');
      expect(before).toContain('licensing-committee=Licensing Committee');
      expect(before.some((o) => o.startsWith('audit-committee='))).toBe(false);
      // The same list again, for another filter state and a query (each filter form is kept apart).
      expect(await committeeOptions(app, '/search?q=licensing&sort=date')).toEqual(before);

      await addBody(t.store, SYSTEM_ACTOR, { name: 'Audit Committee', kind: 'panel-or-board', size: 5, agendaStyle: 'numbered' });
      await updateBody(t.store, SYSTEM_ACTOR, id, { name: 'Licensing and Appeals Committee', kind: 'regulatory-committee', size: 5, agendaStyle: 'numbered', purpose: null });
      for (const url of ['/search', '/search?q=licensing&sort=date']) {
        const after = await committeeOptions(app, url);
        expect(after).toContain('audit-committee=Audit Committee');
        expect(after).toContain('licensing-committee=Licensing and Appeals Committee');
        expect(after).not.toContain('licensing-committee=Licensing Committee');
      }
    } finally {
      await app.close();
    }
  });

  it('filters by a committee named by its slug, and refuses one that does not exist', { timeout: 60_000 }, async (ctx) => {
    const t = get(ctx);
    const app = await buildApp({ store: t.store, logger: false, routes: registerPortal() });
    try {
      await addBody(t.store, SYSTEM_ACTOR, { name: 'Planning Committee', kind: 'regulatory-committee', size: 5, agendaStyle: 'numbered' });
      expect(await committeeOptions(app, '/search?q=planning&body=planning-committee')).toContain('planning-committee=Planning Committee');
      for (const url of ['/search?q=planning&body=no-such-committee', '/search?body=no-such-committee']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(400);
        expect(res.body).toContain('there is no committee');
      }
    } finally {
      await app.close();
    }
  });
});
