// The workspace's list of people a page at a time (a council keeps thousands of officers), findable by name, on
// SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createPerson } from '../../../src/store/people.js';
import { PEOPLE_PAGE_SIZE } from '../../../src/web/routes/workspace/people.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { clerkClient, workspaceApp } from './helpers.js';

const namesIn = (html: string) => [...html.matchAll(/href="\/workspace\/people\/\d+">([^<]+)</g)].map((m) => m[1]);

describe.each(STORE_KINDS)('workspace people list on %s', (kind) => {
  const get = useTestStore(kind);

  it('lists a page of people at a time in surname order, with links to the next and previous pages, and finds people by name', async (ctx) => {
    const { store } = get(ctx);
    const extra = PEOPLE_PAGE_SIZE + 5;
    for (let i = 0; i < extra; i++) await createPerson(store.db, SYSTEM_ACTOR, { surname: `Listed${String(i).padStart(3, '0')}`, kind: 'officer', jobTitle: 'Officer' });
    await createPerson(store.db, SYSTEM_ACTOR, { forenames: 'Zelda', surname: 'Percent%Sign', kind: 'officer', jobTitle: 'Officer' });
    const app = await workspaceApp(store, () => '2024-06-03');
    const { client } = await clerkClient(app, store);

    const everyone = (await store.db.selectFrom('person').select('surname').execute()).length;
    const first = await client.get('/workspace/people');
    expect(first.statusCode).toBe(200);
    const firstNames = namesIn(first.body);
    expect(firstNames).toHaveLength(PEOPLE_PAGE_SIZE);
    expect(first.body).toContain('href="/workspace/people?page=2"');
    const pages = [firstNames];
    for (let p = 2; ; p++) {
      const res = await client.get(`/workspace/people?page=${p}`);
      expect(res.statusCode).toBe(200);
      pages.push(namesIn(res.body));
      expect(res.body).toContain(`href="/workspace/people${p === 2 ? '' : `?page=${p - 1}`}"`);
      if (!res.body.includes(`page=${p + 1}`)) break;
    }
    // Every person once, across the pages, in order.
    const all = pages.flat();
    expect(all).toHaveLength(everyone);
    expect(new Set(all).size).toBe(everyone);

    // By name: any case, part of the surname or forenames; % and _ are letters, not wildcards.
    expect(namesIn((await client.get('/workspace/people?name=listed10')).body)).toEqual(['Listed100', 'Listed101', 'Listed102', 'Listed103', 'Listed104']);
    expect(namesIn((await client.get('/workspace/people?name=zel')).body)).toEqual(['Z Percent%Sign']);
    expect(namesIn((await client.get(`/workspace/people?name=${encodeURIComponent('%')}`)).body)).toEqual(['Z Percent%Sign']);
    expect(namesIn((await client.get(`/workspace/people?name=${encodeURIComponent('_')}`)).body)).toEqual([]);
    const none = await client.get('/workspace/people?name=nobody-at-all');
    expect(none.body).toContain('No one whose name contains “nobody-at-all”');
    // The kind filter keeps the name.
    expect((await client.get('/workspace/people?name=zel')).body).toContain('href="/workspace/people?kind=officer&amp;name=zel"');
    expect(namesIn((await client.get('/workspace/people?kind=councillor&name=zel')).body)).toEqual([]);
    await app.close();
  });
});
