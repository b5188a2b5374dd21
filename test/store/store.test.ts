import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { listAudit } from '../../src/store/audit.js';
import { addMembership, createBody, findBodyByName, findOrCreateBody, membershipOn } from '../../src/store/bodies.js';
import { sql } from 'kysely';
import { bulkLoadSession, transaction, type Queryable } from '../../src/store/db.js';
import { createDecision, recordDecision } from '../../src/store/decisions.js';
import { addDocument, addDocumentVersion, getBlob, listDocumentVersions, putBlob } from '../../src/store/documents.js';
import { createMeeting, getAgenda, getMeeting } from '../../src/store/meetings.js';
import { createPerson, ensureGroup, findOrCreatePerson } from '../../src/store/people.js';
import { getMinutes, recordMinutes } from '../../src/store/proceedings.js';
import { takenSlugs } from '../../src/store/slugs.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;

describe.each(STORE_KINDS)('store on %s', (kind) => {
  const get = useTestStore(kind);

  it('creates a body with memberships and finds people by printed name variants', async (ctx) => {
    const { db } = get(ctx).store;
    const group = await ensureGroup(db, 'Conservative');
    const body = await createBody(db, actor, { name: 'Cabinet', kind: 'cabinet', size: 10, agendaStyle: 'numbered' });
    const p = await createPerson(db, actor, { title: 'Mr', initials: 'P B', surname: 'Carter', kind: 'councillor', groupId: group });
    expect(await findOrCreatePerson(db, actor, 'Mr P.B. Carter', 'councillor')).toBe(p);
    expect(await findOrCreatePerson(db, actor, 'P B Carter', 'councillor')).toBe(p);
    await addMembership(db, actor, { bodyId: body, personId: p, role: 'chairman', groupId: group, startsOn: '2011-05-01', endsOn: '2012-05-01' });
    expect(await membershipOn(db, body, '2011-12-05')).toHaveLength(1);
    expect(await membershipOn(db, body, '2013-01-01')).toHaveLength(0);
    expect(await findOrCreateBody(db, actor, 'cabinet')).toBe(body);
  });

  it('loads in bulk atomically, and on PostgreSQL without waiting for the disk in that transaction alone', async (ctx) => {
    const store = get(ctx).store;
    const setting = async (db: Queryable) => (await sql<{ v: string }>`select current_setting('synchronous_commit') as v`.execute(db)).rows[0].v;
    await expect(bulkLoadSession(store, (session) => transaction(session.db, async (tx) => {
      await createBody(tx, actor, { name: 'Planning Committee', kind: 'regulatory-committee' });
      throw new Error('the load stops here');
    }))).rejects.toThrow('the load stops here');
    expect(await findBodyByName(store.db, 'Planning Committee')).toBeUndefined();
    const body = await bulkLoadSession(store, (session) => transaction(session.db, async (tx) => {
      if (kind === 'postgres') expect(await setting(tx)).toBe('off');
      return createBody(tx, actor, { name: 'Licensing Committee', kind: 'regulatory-committee' });
    }));
    expect(body).toBeGreaterThan(0);
    if (kind === 'postgres') {
      expect(await transaction(store.db, setting)).toBe('on');
      expect(await setting(store.db)).toBe('on');
    }
  });

  it('stores the same bytes once, however often they are put', async (ctx) => {
    const { db } = get(ctx).store;
    const bytes = new TextEncoder().encode('%PDF-1.7 the same paper uploaded twice');
    const first = await putBlob(db, bytes);
    expect(await putBlob(db, bytes.slice())).toBe(first);
    const rows = await db.selectFrom('blob').select('sha256').where('sha256', '=', first).execute();
    expect(rows).toHaveLength(1);
    expect(new TextDecoder().decode((await getBlob(db, first))!)).toBe('%PDF-1.7 the same paper uploaded twice');
  });

  it('numbers minutes continuously within a body across meetings', async (ctx) => {
    const { db } = get(ctx).store;
    const body = await createBody(db, actor, { name: 'Scrutiny Committee', kind: 'scrutiny-committee' });
    const m1 = await createMeeting(db, actor, { bodyId: body, date: '2012-01-09', sections: [{ title: 'Unrestricted', items: [{ code: '1', title: 'Apologies' }] }] });
    const m2 = await createMeeting(db, actor, { bodyId: body, date: '2012-02-09' });
    expect(m1.slug).toBe('2012-01-09-scrutiny-committee');
    expect(await recordMinutes(db, actor, m1.id, [{ number: '75', title: 'Minutes' }, { number: '76', title: 'Budget' }])).toEqual(['75', '76']);
    expect(await recordMinutes(db, actor, m2.id, [{ title: 'Minutes' }, { title: 'Report' }, { title: 'Other' }])).toEqual(['77', '78', '79']);
    // Re-recording keeps the meeting's own numbers.
    expect(await recordMinutes(db, actor, m2.id, [{ title: 'Minutes' }, { title: 'Report' }, { title: 'Other' }])).toEqual(['77', '78', '79']);
    expect((await getMinutes(db, m2.id)).map((m) => m.title)).toEqual(['Minutes', 'Report', 'Other']);
    const agenda = await getAgenda(db, m1.id);
    expect(agenda.items.map((i) => i.code)).toEqual(['1']);
    expect((await getMeeting(db, m1.slug))?.body_name).toBe('Scrutiny Committee');
  });

  it('finds the slugs taken by one base or several, with their "-N" forms and nothing that only shares a prefix', async (ctx) => {
    const { db } = get(ctx).store;
    const body = await createBody(db, actor, { name: 'Audit Panel', kind: 'panel-or-board' });
    const made = [];
    for (const date of ['2013-03-01', '2013-03-01', '2013-03-01', '2013-03-02']) made.push((await createMeeting(db, actor, { bodyId: body, date })).slug);
    expect(made).toEqual(['2013-03-01-audit-panel', '2013-03-01-audit-panel-2', '2013-03-01-audit-panel-3', '2013-03-02-audit-panel']);
    expect([...await takenSlugs(db, 'meeting', '2013-03-01-audit-panel')].sort()).toEqual(made.slice(0, 3));
    expect([...await takenSlugs(db, 'meeting', '2013-03-01-audit-pan')].sort()).toEqual([]);
    expect([...await takenSlugs(db, 'meeting', ['2013-03-02-audit-panel', '2013-03-01-audit-panel', '2013-03-09-audit-panel'])].sort()).toEqual(made);
    expect(await takenSlugs(db, 'meeting', [])).toEqual(new Set());
  });

  it('allocates decision numbers per year without gaps or duplicates under concurrent writers', async (ctx) => {
    const { db } = get(ctx).store;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordDecision(db, actor, { takerKind: 'body', takerName: 'Cabinet', takenOn: '2026-03-01', subject: `Decision ${i}`, text: 'Agreed' })),
    );
    const numbers = results.map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `26/${String(i + 1).padStart(5, '0')}`));
    const imported = await createDecision(db, actor, { number: '26/00100', takerKind: 'body', takerName: 'Cabinet', takenOn: '2026-04-01', subject: 'Imported', text: 'x' });
    expect(imported.number).toBe('26/00100');
    expect((await recordDecision(db, actor, { takerKind: 'officer', takerName: 'Director', takenOn: '2026-05-01', subject: 'After', text: 'y' })).number).toBe('26/00101');
    await expect(createDecision(db, actor, { number: '26/00100', takerKind: 'body', takerName: 'Cabinet', takenOn: '2026-04-01', subject: 'Dup', text: 'x' })).rejects.toThrow(/already used/);
  });

  it('keeps every version of a document and its bytes', async (ctx) => {
    const { db } = get(ctx).store;
    const v1 = new TextEncoder().encode('%PDF-1.7 first');
    const v2 = new TextEncoder().encode('%PDF-1.7 corrected');
    const doc = await addDocument(db, actor, { kind: 'report', title: 'Budget Report', classification: 'unrestricted', file: { bytes: v1, fileName: 'a.pdf', contentType: 'application/pdf' } });
    await addDocumentVersion(db, actor, doc.id, { file: { bytes: v2, fileName: 'a.pdf', contentType: 'application/pdf' }, note: 'correction: table 2' });
    const versions = await listDocumentVersions(db, doc.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(new TextDecoder().decode((await getBlob(db, versions[1].sha256!))!)).toBe('%PDF-1.7 first');
    const audit = await listAudit(db, { entity: 'document', entityId: String(doc.id) });
    expect(audit.map((a) => a.action)).toEqual(['version', 'create']);
  });

  it('rolls back every write of a failed transaction', async (ctx) => {
    const { db } = get(ctx).store;
    const before = await db.selectFrom('body').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(transaction(db, async (tx) => {
      await createBody(tx, actor, { name: 'Doomed Panel', kind: 'panel-or-board' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const after = await db.selectFrom('body').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
