import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { importPackFile } from '../../src/importer/import.js';
import { getAgenda, getMeeting } from '../../src/store/meetings.js';
import { getAttendance, getMinutes } from '../../src/store/proceedings.js';
import { listDocumentVersions } from '../../src/store/documents.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared');
const kent = join(shared, 'corpus', 'kent');
const fixtures = join(repo, 'test', 'fixtures', 'packs');

async function count(db: Parameters<typeof getAgenda>[0], table: 'meeting' | 'agenda_item' | 'minute' | 'document' | 'decision' | 'person') {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(STORE_KINDS)('importing packs on %s', (kind) => {
  const get = useTestStore(kind);

  it.skipIf(!existsSync(kent))('imports a real pack as a meeting with agenda, papers, earlier minutes and decisions', async (ctx) => {
    const { store } = get(ctx);
    const outcome = await importPackFile(store, SYSTEM_ACTOR, join(kent, 'cabinet-2012-01-09.txt'));
    expect(outcome.status).toBe('imported');
    const meeting = await getMeeting(store.db, '2012-01-09-cabinet');
    expect(meeting?.venue).toBe('Darent Room, Sessions House, County Hall, Maidstone');
    expect(meeting?.historic).toBe(1);
    const agenda = await getAgenda(store.db, meeting!.id);
    expect(agenda.items.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(agenda.items.find((i) => i.code === '4')).toMatchObject({ page_start: 15, page_end: 26 });
    // The minutes of 5 December 2011 reproduced in the pack become that meeting's record.
    const earlier = await getMeeting(store.db, '2011-12-05-cabinet');
    expect(earlier?.status).toBe('minutes-approved');
    const minutes = await getMinutes(store.db, earlier!.id);
    expect(minutes[0].number).toBe('75');
    const attendance = await getAttendance(store.db, earlier!.id);
    expect(attendance.some((a) => a.name_as_recorded === 'Mr P B Carter' && a.kind === 'present')).toBe(true);
    expect(await count(store.db, 'decision')).toBeGreaterThan(0);
    const papers = await store.db.selectFrom('document').select(['title', 'agenda_item_id']).where('meeting_id', '=', meeting!.id).where('kind', '=', 'report').execute();
    expect(papers.length).toBeGreaterThan(3);
    // a text pack's papers run over the pages the front sheet printed for them ("(Pages 15 - 26)"), not "1 page"
    const item4 = agenda.items.find((i) => i.code === '4')!;
    const v = await store.db.selectFrom('document').innerJoin('document_version', 'document_version.document_id', 'document.id')
      .select('document_version.page_count').where('document.agenda_item_id', '=', item4.id).executeTakeFirstOrThrow();
    expect(v.page_count).toBe(12);
  });

  it.skipIf(!existsSync(kent))('puts each Record of Decision on the meeting that took it, not on the pack that reproduced it', async (ctx) => {
    const { store } = get(ctx);
    const rows = await store.db.selectFrom('decision').innerJoin('meeting', 'meeting.id', 'decision.meeting_id')
      .select(['decision.number', 'decision.taken_on', 'meeting.date', 'meeting.slug']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.date, `${r.number} taken ${r.taken_on} is on ${r.slug}`).toBe(r.taken_on);
    expect(rows.some((r) => r.slug === '2011-12-05-cabinet')).toBe(true);
  });

  it.skipIf(!existsSync(kent))('changes nothing when the same file is imported again, and matches people across packs', async (ctx) => {
    const { store } = get(ctx);
    const before = { meetings: await count(store.db, 'meeting'), people: await count(store.db, 'person'), minutes: await count(store.db, 'minute') };
    const again = await importPackFile(store, SYSTEM_ACTOR, join(kent, 'cabinet-2012-01-09.txt'));
    expect(again.status).toBe('unchanged');
    expect({ meetings: await count(store.db, 'meeting'), people: await count(store.db, 'person'), minutes: await count(store.db, 'minute') }).toEqual(before);
    // A second Cabinet pack: Mr P B Carter is the same person, not a new one.
    await importPackFile(store, SYSTEM_ACTOR, join(kent, 'cabinet-2012-07-09.txt'));
    const carters = await store.db.selectFrom('person').select('id').where('surname', '=', 'Carter').where('initials', '=', 'P B').execute();
    expect(carters).toHaveLength(1);
  });

  it('takes a body name that differs only in word forms to be the same body, reports it, and keeps them apart on request', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-import-'));
    const minutes = (body: string, date: string, day: string) => [
      `MINUTES of a meeting of the ${body} held on ${day} at 2.00 pm in the Council Chamber, County Hall`,
      'PRESENT: Mr A Baker (Chairman), Mrs C Dawson',
      '1. Apologies', '2. Improvement plan',
    ].join('\n').replace('DATE', date);
    writeFileSync(join(dir, 'a.txt'), minutes("Coastal Towns' Services Improvement Panel", '', 'Tuesday, 20 September 2011'));
    writeFileSync(join(dir, 'b.txt'), minutes("Coastal Towns' Service Improvement Panel", '', 'Tuesday, 18 October 2011'));
    writeFileSync(join(dir, 'c.txt'), minutes('Coastal Towns Service Improvement Panel', '', 'Tuesday, 15 November 2011'));
    const a = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'a.txt'));
    const b = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'b.txt'));
    expect(a.status).toBe('imported');
    expect(b).toMatchObject({ status: 'imported', bodyMatches: [{ printed: "Coastal Towns' Service Improvement Panel", matched: "Coastal Towns' Services Improvement Panel" }] });
    if (b.status === 'imported') expect(b.warnings.join('\n')).toMatch(/was taken to be "Coastal Towns' Services Improvement Panel".*--exact-bodies/);
    const panels = await store.db.selectFrom('body').select('name').where('name', 'like', 'Coastal Towns%').execute();
    expect(panels.map((p) => p.name)).toEqual(["Coastal Towns' Services Improvement Panel"]);
    const c = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'c.txt'), { exactBodies: true });
    expect(c).toMatchObject({ status: 'imported', bodyMatches: [] });
    const after = await store.db.selectFrom('body').select('name').where('name', 'like', 'Coastal Towns%').execute();
    expect(after.map((p) => p.name).sort()).toEqual(['Coastal Towns Service Improvement Panel', "Coastal Towns' Services Improvement Panel"]);
  });

  it('stores an agenda printed without item numbers under codes assigned in order, and says so in the report', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-import-'));
    writeFileSync(join(dir, 'elmwood-agenda.txt'), [
      'ELMWOOD PARISH COUNCIL', 'AGENDA', 'Monday, 3 March 2025 at 7.30 pm', '',
      'APOLOGIES', 'MINUTES OF THE LAST MEETING', 'To approve the minutes of 3 February.', 'PLANNING APPLICATIONS', 'CLOSE OF MEETING',
    ].join('\n'));
    const outcome = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'elmwood-agenda.txt'));
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.warnings.join('\n')).toMatch(/the agenda's 4 items have no printed numbers: they are stored in order as items 1–4; these codes were assigned on import, not printed/);
    const agenda = await getAgenda(store.db, outcome.meetingId);
    expect(agenda.items.map((i) => `${i.code} ${i.title}`)).toEqual(['1 APOLOGIES', '2 MINUTES OF THE LAST MEETING', '3 PLANNING APPLICATIONS', '4 CLOSE OF MEETING']);
  });

  it('takes the meeting date from --date for a document that prints none, and refuses one whose own date disagrees', async (ctx) => {
    const { store } = get(ctx);
    const corpus = join(repo, 'test', 'fixtures', 'corpus');
    // North Star's standing agenda prints no body and no date: refused without them, stored with them
    const agenda = join(corpus, 'us_northstar_agenda_undated.md');
    const refused = await importPackFile(store, SYSTEM_ACTOR, agenda, { body: 'Town of North Star' });
    expect(refused).toMatchObject({ status: 'failed' });
    if (refused.status === 'failed') expect(refused.reason).toMatch(/meeting date could not be read/);
    const outcome = await importPackFile(store, SYSTEM_ACTOR, agenda, { body: 'Town of North Star', date: '2020-08-17' });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.warnings).toContain('the document prints no meeting date: 2020-08-17 was given with --date');
    const meeting = await getMeeting(store.db, outcome.meetingId);
    expect(meeting?.date).toBe('2020-08-17');
    expect((await getAgenda(store.db, outcome.meetingId)).items).toHaveLength(20);

    // a document with a date of its own: the same date is accepted, another is refused naming both
    const dir = mkdtempSync(join(tmpdir(), 'moot-import-date-'));
    writeFileSync(join(dir, 'elmwood-agenda.txt'), [
      'ELMWOOD PARISH COUNCIL', 'AGENDA', 'Monday, 3 March 2025 at 7.30 pm', '',
      '1. Apologies', '2. Minutes of the last meeting', '3. Planning applications',
    ].join('\n'));
    const before = await count(store.db, 'meeting');
    const disagrees = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'elmwood-agenda.txt'), { date: '2025-03-04' });
    expect(disagrees).toMatchObject({ status: 'failed' });
    if (disagrees.status === 'failed') expect(disagrees.reason).toMatch(/^elmwood-agenda.txt: --date 2025-03-04 disagrees with the date the document prints \(2025-03-03\)\. Leave out --date/);
    expect(await count(store.db, 'meeting')).toBe(before);
    const bad = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'elmwood-agenda.txt'), { date: '2025-02-30' });
    expect(bad).toMatchObject({ status: 'failed', reason: '--date must be a real date written YYYY-MM-DD, not "2025-02-30"' });
    const agrees = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'elmwood-agenda.txt'), { date: '2025-03-03' });
    expect(agrees).toMatchObject({ status: 'imported' });
    if (agrees.status === 'imported') expect(agrees.warnings.join('\n')).not.toMatch(/--date/);
  });

  it.skipIf(!existsSync(fixtures))('makes a corrected file a new version of the same meeting', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-import-'));
    const fixture = (await import('node:fs')).readdirSync(fixtures).find((f) => f.endsWith('.txt'))!;
    const path = join(dir, fixture);
    copyFileSync(join(fixtures, fixture), path);
    const first = await importPackFile(store, SYSTEM_ACTOR, path);
    expect(first.status).toBe('imported');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n/, '\n\n'));
    const second = await importPackFile(store, SYSTEM_ACTOR, path);
    expect(second).toMatchObject({ status: 'imported', version: 2 });
    if (first.status === 'imported' && second.status === 'imported') {
      expect(second.meetingId).toBe(first.meetingId);
      const pack = await store.db.selectFrom('document').select('id').where('meeting_id', '=', first.meetingId).where('agenda_item_id', 'is', null).executeTakeFirstOrThrow();
      expect((await listDocumentVersions(store.db, pack.id)).map((v) => v.version)).toEqual([2, 1]);
    }
  });

  it.skipIf(!existsSync(fixtures))('matches a revised pack under another file name to the meeting it revises instead of duplicating its agenda (issue 10)', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-import-'));
    const fixture = (await import('node:fs')).readdirSync(fixtures).find((f) => f.endsWith('.txt') && f.includes('agenda'))!;
    const text = readFileSync(join(fixtures, fixture), 'utf8');
    writeFileSync(join(dir, 'agenda.txt'), `${text}\n\n\n`);
    writeFileSync(join(dir, 'agenda-revised.txt'), `${text}\n\n\n\n`);
    const first = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'agenda.txt'));
    expect(first.status).toBe('imported');
    if (first.status !== 'imported') return;
    const items = (await getAgenda(store.db, first.meetingId)).items.length;
    const meetings = await count(store.db, 'meeting');
    const pack = await store.db.selectFrom('document').select('id').where('meeting_id', '=', first.meetingId).where('agenda_item_id', 'is', null).where('kind', '=', 'agenda-pack').executeTakeFirstOrThrow();
    const versions = (await listDocumentVersions(store.db, pack.id)).length;
    const second = await importPackFile(store, SYSTEM_ACTOR, join(dir, 'agenda-revised.txt'));
    expect(second).toMatchObject({ status: 'imported', meetingId: first.meetingId, version: first.version + 1 });
    expect(await count(store.db, 'meeting')).toBe(meetings);
    expect((await getAgenda(store.db, first.meetingId)).items.length).toBe(items);
    expect((await listDocumentVersions(store.db, pack.id)).length).toBe(versions + 1);
  });

  it.skipIf(!existsSync(kent))('leaves no half-written records when storing a pack fails part-way', async (ctx) => {
    const { store } = get(ctx);
    const tables = ['meeting', 'agenda_item', 'minute', 'document', 'decision', 'person'] as const;
    const before = await Promise.all(tables.map((t) => count(store.db, t)));
    const outcome = await importPackFile(store, SYSTEM_ACTOR, join(kent, 'policy-resources-2016-09-08.txt'), {
      afterImport: async () => {
        throw new Error('disk full');
      },
    });
    expect(outcome).toMatchObject({ status: 'failed' });
    if (outcome.status === 'failed') expect(outcome.reason).toMatch(/nothing was written/);
    expect(await Promise.all(tables.map((t) => count(store.db, t)))).toEqual(before);
  });

  it('refuses bad input with a clear reason and writes nothing', async (ctx) => {
    const { store } = get(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'moot-bad-'));
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.pdf', new Uint8Array(0), /empty/i],
      ['junk.pdf', new Uint8Array(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)), /not a PDF|binary|damaged|corrupt/i],
      ['truncated.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog', /truncated|damaged|corrupt|incomplete|could not/i],
      ['shopping.txt', 'eggs\nmilk\nbread\n', /no agenda/i],
    ];
    const before = await count(store.db, 'meeting');
    for (const [name, content, reason] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const outcome = await importPackFile(store, SYSTEM_ACTOR, path);
      expect(outcome.status).toBe('failed');
      if (outcome.status === 'failed') {
        expect(outcome.reason).toContain(name);
        expect(outcome.reason).toMatch(reason);
      }
    }
    expect(await count(store.db, 'meeting')).toBe(before);
  });
});
