import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addDocumentVersion } from '../../../src/store/documents.js';
import { indexDecision, indexMeeting, indexPerson, rebuildSearchIndex, search, type SearchQuery, type SearchResults } from '../../../src/store/search/index.js';
import { ValidationError } from '../../../src/errors.js';
import { changeCounts, countDerivedChange } from '../../../src/store/read/version.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildFixture, type Fixture } from './fixture.js';

const PUBLIC = { exemptMeetingIds: 'none' } as const;
const refs = (r: SearchResults) => r.hits.map((h) => `${h.kind}:${h.refId}${h.page ? `#${h.page}` : ''}`);

describe.each(STORE_KINDS)('search on %s', (kind) => {
  const get = useTestStore(kind);
  let fx: Fixture;
  let ready = false;
  const setup = async (ctx: Parameters<typeof get>[0]) => {
    const t = get(ctx);
    if (!ready) {
      fx = await buildFixture(t.store.db);
      await rebuildSearchIndex(t.store);
      ready = true;
    }
    return t.store;
  };
  const find = async (ctx: Parameters<typeof get>[0], text: string, extra: Partial<SearchQuery> = {}) =>
    search(await setup(ctx), { text, viewer: PUBLIC, limit: 50, ...extra });

  it('indexes meetings, items, pages (not blank ones), minutes, published decisions and people', async (ctx) => {
    const store = await setup(ctx);
    const counts = await store.db.selectFrom('search_entry').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').orderBy('kind').execute();
    expect(Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)]))).toEqual({ decision: 2, item: 8, meeting: 3, minute: 4, page: 8, person: 2 });
    const page = (await find(ctx, '"cash limit"')).hits[0];
    expect(page).toMatchObject({ kind: 'page', refId: fx.budgetReport, page: 4, meetingId: fx.m1, bodyId: fx.cabinet, date: '2012-01-09' });
    expect(page.url).toMatch(/^\/documents\/revenue-and-capital-budget-monitoring-report#page-4$/);
    expect((await find(ctx, 'zephyrine', { viewer: { exemptMeetingIds: 'all' } })).hits.map((h) => h.kind)).toEqual(['page']); // the draft decision is not indexed
    const item = (await find(ctx, 'museums', { kinds: ['item'] })).hits[0];
    expect(item.url).toBe('/meetings/2012-03-15-scrutiny-committee/items/A1');
    expect((await find(ctx, 'latchford', { kinds: ['person'] })).hits[0]).toMatchObject({ title: 'Mr R A Latchford, OBE', url: '/people/richard-alan-latchford' });
    expect((await find(ctx, 'maidstone')).hits.map((h) => h.url)).toEqual(['/meetings/2013-02-11-cabinet', '/meetings/2012-01-09-cabinet']);
  });

  it('says which committee and meeting each result belongs to, and sorts by date or relevance', async (ctx) => {
    const page = (await find(ctx, '"cash limit"')).hits[0];
    expect(page).toMatchObject({ bodyName: 'Cabinet', meeting: { date: '2012-01-09' } });
    expect(page.meeting?.slug).toBe('2012-01-09-cabinet');
    expect((await find(ctx, 'latchford', { kinds: ['person'] })).hits[0]).toMatchObject({ bodyName: null, meeting: null });
    const byRelevance = await find(ctx, 'budget');
    const byDate = await find(ctx, 'budget', { sort: 'date' });
    expect(byDate.total).toBe(byRelevance.total);
    expect(refs(byDate).sort()).toEqual(refs(byRelevance).sort());
    const dates = byDate.hits.map((h) => h.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(refs(byDate)).not.toEqual(refs(byRelevance));
    await expect(find(ctx, 'budget', { sort: 'alphabet' as never })).rejects.toThrow(ValidationError);
  });

  it('gives every page of a newest-first search as the slice of the whole ordering (entries of one date by score)', async (ctx) => {
    // PostgreSQL scores only the matches as new as the page's last date can be: pages ending inside a date's entries,
    // at the last match, beyond it, and of one entry must be slices of the whole list.
    for (const text of ['budget', 'council', 'cabinet', 'report', 'librar*', 'nothing-like-this']) {
      for (const viewer of [PUBLIC, { exemptMeetingIds: 'all' as const }]) {
        const all = await find(ctx, text, { sort: 'date', viewer, limit: 100 });
        for (const [limit, offset] of [[1, 0], [2, 1], [3, 2], [5, 0], [4, 3], [1, all.hits.length - 1], [10, all.hits.length - 2]]) {
          if (offset < 0) continue;
          const page = await find(ctx, text, { sort: 'date', viewer, limit, offset });
          expect(page.hits, `${text} ${limit}@${offset}`).toEqual(all.hits.slice(offset, offset + limit));
          if (page.hits.length) expect(page.total).toBe(all.total);
        }
      }
    }
  });

    it('stems English words', async (ctx) => {
    const budget = refs(await find(ctx, 'budget'));
    expect(budget.length).toBeGreaterThan(3);
    expect(refs(await find(ctx, 'budgets'))).toEqual(budget);
    const monitored = await find(ctx, 'monitoring', { kinds: ['page'] });
    expect(monitored.hits[0].snippet).toContain('<mark>monitored</mark>');
  });

  it('matches phrases, prefixes, OR and exclusions', async (ctx) => {
    const phrase = refs(await find(ctx, '"transport plan"'));
    expect(phrase.length).toBeGreaterThan(2);
    expect(refs(await find(ctx, 'rural transport'))).toEqual([`page:${fx.transportReport}#2`]); // "transport in rural areas"
    expect(refs(await find(ctx, '"rural transport"'))).toEqual([]);
    expect(refs(await find(ctx, '"transport in rural"'))).toEqual([`page:${fx.transportReport}#2`]);

    const prefix = await find(ctx, 'transp*');
    expect(prefix.hits.some((h) => /<mark>Transportation<\/mark>/.test(h.snippet))).toBe(true);
    expect(prefix.total).toBeGreaterThan(phrase.length);

    const museums = refs(await find(ctx, 'museums'));
    const depot = refs(await find(ctx, 'depot', { viewer: { exemptMeetingIds: 'all' } }));
    const either = refs(await find(ctx, 'museums OR depot', { viewer: { exemptMeetingIds: 'all' } }));
    expect(new Set(either)).toEqual(new Set([...museums, ...depot]));

    const budget = refs(await find(ctx, 'budget'));
    const noCapital = refs(await find(ctx, 'budget -capital'));
    expect(noCapital.length).toBeGreaterThan(0);
    expect(noCapital.length).toBeLessThan(budget.length);
    expect(noCapital).not.toContain(`item:${(await find(ctx, 'capital', { kinds: ['item'] })).hits[0].refId}`);
  });

  it('filters by body, date range and kind', async (ctx) => {
    const all = await find(ctx, 'libraries');
    const scrutiny = await find(ctx, 'libraries', { bodyIds: [fx.scrutiny] });
    expect(scrutiny.hits.length).toBeGreaterThan(0);
    expect(scrutiny.hits.every((h) => h.bodyId === fx.scrutiny)).toBe(true);
    const in2013 = await find(ctx, 'libraries', { from: '2013-01-01', to: '2013-12-31' });
    expect(in2013.hits.length).toBeGreaterThan(0);
    expect(in2013.hits.every((h) => h.date!.startsWith('2013'))).toBe(true);
    expect(scrutiny.total + in2013.total).toBeLessThan(all.total);
    const decisions = await find(ctx, 'libraries', { kinds: ['decision'] });
    expect(decisions.hits.map((h) => h.url)).toEqual(['/decisions/13-00002']);
  });

  it('filters by a committee\'s slug as by its id, found in the search\'s own statement', async (ctx) => {
    const store = await setup(ctx);
    const { slug } = await store.db.selectFrom('body').select('slug').where('id', '=', fx.scrutiny).executeTakeFirstOrThrow();
    for (const text of ['libraries', 'budget', 'council', '"cash limit"', 'museums OR depot'])
      for (const sort of ['relevance', 'date'] as const) {
        const bySlug = await find(ctx, text, { bodySlugs: [slug], sort });
        expect(bySlug, `${text} ${sort}`).toEqual(await find(ctx, text, { bodyIds: [fx.scrutiny], sort }));
        expect(bySlug.hits.every((h) => h.bodyId === fx.scrutiny)).toBe(true);
      }
    expect((await find(ctx, 'libraries', { bodySlugs: [slug] })).hits.length).toBeGreaterThan(0);
    expect(await find(ctx, 'libraries', { bodySlugs: ['no-such-committee'] })).toEqual({ total: 0, hits: [] });
    await expect(find(ctx, 'libraries', { bodySlugs: [7 as never] })).rejects.toMatchObject({ field: 'bodySlugs' });
  });

  it('(PostgreSQL) gives, with the rows, the change counters its own statement read', async (ctx) => {
    const store = await setup(ctx);
    if (kind !== 'postgres') return;
    const first = await find(ctx, 'budget');
    expect(first.hits.length).toBeGreaterThan(0);
    expect(first.counts).toEqual(await changeCounts(store));
    await countDerivedChange(store.db);
    for (const sort of ['relevance', 'date'] as const) {
      const again = await find(ctx, 'budget', { sort });
      expect(again.counts).toEqual(await changeCounts(store));
      expect(again.counts!.record).not.toBe(first.counts!.record);
    }
    // No rows, no counters: the caller reads them itself.
    expect((await find(ctx, 'nowhere-to-be-found')).counts).toBeUndefined();
  });

  it('pages through results in a stable order', async (ctx) => {
    const whole = await find(ctx, 'budget OR transport', { limit: 6 });
    expect(whole.total).toBeGreaterThan(6);
    const first = await find(ctx, 'budget OR transport', { limit: 3 });
    const second = await find(ctx, 'budget OR transport', { limit: 3, offset: 3 });
    expect([...refs(first), ...refs(second)]).toEqual(refs(whole));
    expect(second.total).toBe(whole.total);
    const beyond = await find(ctx, 'budget OR transport', { limit: 3, offset: 500 });
    expect(beyond).toEqual({ total: whole.total, hits: [] });
    const scores = whole.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('never returns exempt entries to a viewer not entitled to the meeting', async (ctx) => {
    expect(await find(ctx, 'acme')).toEqual({ total: 0, hits: [] });
    expect(await find(ctx, 'acme', { viewer: { exemptMeetingIds: [] } })).toEqual({ total: 0, hits: [] });
    expect((await find(ctx, 'acme', { viewer: { exemptMeetingIds: [fx.m2, fx.m3] } })).total).toBe(0);
    const member = await find(ctx, 'acme', { viewer: { exemptMeetingIds: [fx.m1] } });
    expect(new Set(member.hits.map((h) => h.kind))).toEqual(new Set(['page', 'minute']));
    expect(member.hits.find((h) => h.kind === 'page')?.refId).toBe(fx.exemptPaper);
    expect(refs(await find(ctx, 'acme', { viewer: { exemptMeetingIds: 'all' } }))).toEqual(refs(member));
    // The exempt item's title is exempt too; the public see only the unrestricted rest.
    const depot = await find(ctx, 'depot');
    expect(depot.hits).toEqual([]);
    const ashford = await find(ctx, 'ashford');
    expect(ashford.hits.map((h) => h.refId)).toEqual([fx.libraryPaper]);
  });

  it('escapes the indexed text in snippets', async (ctx) => {
    const hit = (await find(ctx, 'opening hours', { kinds: ['page'] })).hits[0];
    expect(hit.refId).toBe(fx.libraryPaper);
    expect(hit.snippet).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(hit.snippet).toContain('Library <mark>opening hours</mark> &amp; closures');
    expect(hit.snippet).toContain('Museums <mark>open</mark> daily.');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('never throws on nasty input', async (ctx) => {
    const nasty = ['"', '*', '**', 'AND OR NOT', 'NEAR(', 'NEAR(budget transport, 2)', "'", "budget'", ':', 'title:budget', '\\', '"budget', 'budget"  "',
      '-', '--budget', 'OR budget OR', '(budget', 'budget)', '^budget', '{title}: x', "'; DROP TABLE search_entry; --", 'x'.repeat(1000),
      'budget '.repeat(200), '🙂 budget 🎉', '👍🏽', 'café', '\u0000budget', '\u0301', '½ ² ³', 'budget:* & !transport | <->', '日本語', 'a*', 'the*'];
    for (const text of nasty) {
      const r = await find(ctx, text);
      expect(r.hits.length, text).toBeLessThanOrEqual(50);
    }
    expect((await find(ctx, 'NEAR(budget')).total).toBe(0);
    expect((await find(ctx, '"budget')).total).toBe((await find(ctx, 'budget')).total);
  });

  it('rejects malformed filters with a message naming the field', async (ctx) => {
    await expect(find(ctx, 'budget', { from: '9 January 2012' })).rejects.toThrow(ValidationError);
    await expect(find(ctx, 'budget', { kinds: ['agenda' as never] })).rejects.toThrow(/unknown search kind "agenda"/);
  });

  it('reindexes one meeting, decision or person after a change', async (ctx) => {
    const store = await setup(ctx);
    await addDocumentVersion(store.db, SYSTEM_ACTOR, fx.transportReport, { pages: ['Corrected: the quokka corridor replaces the bypass.'] });
    expect((await find(ctx, 'quokka')).total).toBe(0);
    await indexMeeting(store.db, fx.m1);
    const quokka = await find(ctx, 'quokka');
    expect(refs(quokka)).toEqual([`page:${fx.transportReport}#1`]);
    expect((await find(ctx, 'bypass OR cycling', { kinds: ['page'] })).hits.map((h) => h.page)).toEqual([1]);
    expect((await find(ctx, 'acme', { viewer: { exemptMeetingIds: 'all' } })).total).toBe(2);

    await store.db.updateTable('decision').set({ subject: 'Local Transport Plan 4 and the wombat route' }).where('id', '=', fx.transportDecision).execute();
    await indexDecision(store.db, fx.transportDecision);
    expect(refs(await find(ctx, 'wombat'))).toEqual([`decision:${fx.transportDecision}`]);
    await store.db.updateTable('person').set({ job_title: 'Numbat Officer' }).where('id', '=', fx.latchford).execute();
    await indexPerson(store.db, fx.latchford);
    expect(refs(await find(ctx, 'numbat'))).toEqual([`person:${fx.latchford}`]);
    const decisionCount = await store.db.selectFrom('search_entry').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'decision').executeTakeFirstOrThrow();
    expect(Number(decisionCount.n)).toBe(2);
  });

  it.runIf(kind === 'postgres')('gives every entry the tsvector of its title and body, whether a rebuild or the trigger computed it', async (ctx) => {
    const store = await setup(ctx);
    const differing = async () => Number((await sql<{ n: number }>`select count(*) as n from search_entry where tsv is distinct from search_tsv(title, body)`.execute(store.db)).rows[0].n);
    await rebuildSearchIndex(store); // tsv computed on other connections, once per distinct title and body
    expect(await differing()).toBe(0);
    await indexMeeting(store.db, fx.m1); // inserted without tsv: the trigger computes it
    expect(await differing()).toBe(0);
    await store.db.updateTable('search_entry').set({ title: 'The bilby plan' }).where('kind', '=', 'meeting').where('ref_id', '=', fx.m1).execute();
    expect(await differing()).toBe(0);
    expect(refs(await find(ctx, 'bilby'))).toEqual([`meeting:${fx.m1}`]);
    await indexMeeting(store.db, fx.m1);
  });

  it.runIf(kind === 'postgres')('leaves the rebuild\'s stage empty of live and dead rows, however many rebuilds', async (ctx) => {
    const store = await setup(ctx);
    // Each rebuild writes and deletes its stage rows, then vacuums the stage: pages holding only dead rows would
    // otherwise stay (and grow with every rebuild) wherever autovacuum is off, as on this test server.
    for (let i = 0; i < 3; i++) await rebuildSearchIndex(store);
    const size = await sql<{ pages: string }>`select pg_relation_size('search_tsv_stage') / current_setting('block_size')::int as pages`.execute(store.db);
    expect(Number(size.rows[0].pages)).toBe(0);
  });

  it('leaves the old index whole when a rebuild fails part-way, and (PostgreSQL) nothing in the rebuild\'s stage', async (ctx) => {
    const store = await setup(ctx);
    const entries = async () => (await store.db.selectFrom('search_entry').select(['kind', 'ref_id', 'page', 'title']).orderBy('id').execute());
    const before = await entries();
    // The people come after every meeting's entries: the failure is late in the rebuild, with most of it inserted.
    if (kind === 'postgres') {
      await sql`create function search_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(store.db);
      await sql`create trigger search_test_refuse before insert on search_entry for each row when (new.kind = 'person') execute function search_test_refuse()`.execute(store.db);
    } else {
      await sql`create trigger search_test_refuse before insert on search_entry when new.kind = 'person' begin select raise(abort, 'refused'); end`.execute(store.db);
    }
    try {
      await expect(rebuildSearchIndex(store)).rejects.toThrow(/refused/);
    } finally {
      await sql`drop trigger search_test_refuse${sql.raw(kind === 'postgres' ? ' on search_entry' : '')}`.execute(store.db);
      if (kind === 'postgres') await sql`drop function search_test_refuse()`.execute(store.db);
    }
    expect(await entries()).toEqual(before);
    if (kind === 'postgres') expect(Number((await sql<{ n: number }>`select count(*) as n from search_tsv_stage`.execute(store.db)).rows[0].n)).toBe(0);
    expect(refs(await find(ctx, 'latchford', { kinds: ['person'] })).length).toBe(1);
    await rebuildSearchIndex(store);
    const keys = (rows: typeof before) => rows.map((e) => `${e.kind}:${e.ref_id}:${e.page}`).sort();
    expect(keys(await entries())).toEqual(keys(before)); // the same entries, in rebuild order (earlier tests reindexed some)
    if (kind === 'postgres') expect(Number((await sql<{ n: number }>`select count(*) as n from search_tsv_stage`.execute(store.db)).rows[0].n)).toBe(0);
  });
});
