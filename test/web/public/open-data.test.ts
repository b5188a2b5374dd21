// Open data on both databases: the Popolo / Open Civic Data export validates against the Popolo schemas, keeps its
// ids from one export to the next, and carries nothing unpublished or exempt (an exempt minute's vote, an exempt
// item's title, a meeting whose agenda is not out); the bulk datasets as CSV and JSON, by year; a councillor's
// voting and attendance record as page, CSV and API; the "Open data" page lists every dataset, feed and the API.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMA, POPOLO_COLLECTIONS, popoloSchemas } from '../../../src/domain/popolo.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { datasetRows, londonDateTime, ocdId, popoloExport } from '../../../src/services/open-data.js';
import { withholdPublicPacks } from '../../../src/store/publications.js';
import { recordMinutes } from '../../../src/store/proceedings.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { buildPortal, loadPortalData, type PortalFixture } from './setup.js';

const SECRET_MOTION = 'That the Quillon Marrowby land be sold in private';
const OPEN_MOTION = 'That the Waste Strategy Review be adopted';

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its function is the module itself (and its `default`).
(((formatsModule as unknown as { default?: (a: Ajv) => void }).default ?? formatsModule) as unknown as (a: Ajv) => void)(ajv);
const validators = Object.fromEntries(POPOLO_COLLECTIONS.map((c) => [c, ajv.compile(popoloSchemas[COLLECTION_SCHEMA[c]])]));

function leakContext(text: string, what: string): string {
  const at = text.indexOf(what);
  return at < 0 ? '' : text.slice(Math.max(0, at - 400), at + 100);
}

describe('open data helpers', () => {
  it('makes version-5 shaped OCD ids, the same for the same record', () => {
    expect(ocdId('person', 'KCC', 12)).toBe(ocdId('person', 'KCC', 12));
    expect(ocdId('person', 'KCC', 12)).not.toBe(ocdId('person', 'KCC', 13));
    expect(ocdId('event', 'KCC', 1)).toMatch(/^ocd-event\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('writes meeting times in the London zone', () => {
    expect(londonDateTime('2024-07-01', '14:00')).toBe('2024-07-01T14:00:00+01:00');
    expect(londonDateTime('2024-01-15', '10:30')).toBe('2024-01-15T10:30:00+00:00');
    expect(londonDateTime('2024-01-15', null)).toBe('2024-01-15');
  });
});

describe.each(STORE_KINDS)('open data on %s', (kind) => {
  const get = useTestStore(kind);
  let app: FastifyInstance | null = null;
  let fixture: PortalFixture | null = null;

  async function setup(c: Parameters<typeof get>[0]) {
    const t = get(c);
    if (!fixture) {
      fixture = await loadPortalData(t.store);
      // The historic meeting's minutes: one open minute with a recorded vote, one exempt minute with another.
      const items = await t.store.db.selectFrom('agenda_item').select(['id', 'code']).where('meeting_id', '=', fixture.historicMeeting.id).orderBy('position').execute();
      const voters = await t.store.db.selectFrom('person').select(['title', 'initials', 'surname']).where('kind', '=', 'councillor').orderBy('id').limit(5).execute();
      const names = voters.map((v) => [v.title, v.initials, v.surname].filter(Boolean).join(' '));
      await recordMinutes(t.store.db, SYSTEM_ACTOR, fixture.historicMeeting.id, [
        { agendaItemId: items[1].id, number: '12', title: 'Waste Strategy Review', paragraphs: ['The Cabinet adopted the review.'],
          votes: [{ motion: OPEN_MOTION, for: names.slice(0, 3), against: names.slice(3, 4), abstained: names.slice(4, 5) }] },
        { agendaItemId: null, number: '13', title: 'Disposal of land', paragraphs: ['Exempt discussion.'], exempt: true,
          votes: [{ motion: SECRET_MOTION, for: names.slice(0, 2), against: names.slice(2, 5), abstained: [] }] },
      ]);
      app = await buildPortal(t.store);
    }
    return { t, app: app!, fixture: fixture! };
  }
  afterAll(async () => {
    await app?.close();
  });

  it('exports Popolo that validates, with stable ids, and nothing unpublished or exempt', { timeout: 120_000 }, async (c) => {
    const { t, fixture } = await setup(c);
    const first = await popoloExport(t.store, { baseUrl: 'https://democracy.example.gov.uk' });
    for (const coll of POPOLO_COLLECTIONS) {
      expect(first[coll].length, coll).toBeGreaterThan(0);
      const validate = validators[coll];
      for (const member of first[coll]) expect(validate(member) ? [] : validate.errors, `${coll} ${JSON.stringify(member).slice(0, 200)}`).toEqual([]);
      const ids = first[coll].map((x) => x.id);
      expect(new Set(ids).size, `${coll} ids are unique`).toBe(ids.length);
    }
    // Every reference points at something exported.
    const orgIds = new Set(first.organizations.map((o) => o.id));
    const personIds = new Set(first.persons.map((p) => p.id));
    const postIds = new Set(first.posts.map((p) => p.id));
    for (const m of first.memberships) {
      expect(orgIds.has(m.organization_id)).toBe(true);
      expect(personIds.has(m.person_id)).toBe(true);
      if (m.post_id) expect(postIds.has(m.post_id as string)).toBe(true);
    }
    for (const e of first.events) if (e.organization_id) expect(orgIds.has(e.organization_id as string)).toBe(true);
    // Ids are the same in a second export.
    const second = await popoloExport(t.store, { baseUrl: 'https://democracy.example.gov.uk' });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));

    // The open vote is there, with each member's option and counts; the exempt one is not.
    const text = JSON.stringify(first);
    const open = first.vote_events.find((v) => v.motion_text === OPEN_MOTION)!;
    expect(open).toBeTruthy();
    expect(open.result).toBe('pass');
    expect(open.counts).toEqual([{ option: 'yes', value: 3 }, { option: 'no', value: 1 }, { option: 'abstain', value: 1 }]);
    expect((open.votes as { voter_id: string | null }[]).every((v) => v.voter_id && personIds.has(v.voter_id))).toBe(true);
    expect(text).not.toContain(SECRET_MOTION);
    expect(text).not.toContain(fixture.confidentialPackText);
    // No event for a meeting whose agenda is not published.
    const hidden = await t.store.db.selectFrom('meeting').select('id').where('status', '=', 'scheduled').where('agenda_published_at', 'is', null).where('historic', '=', 0).execute();
    expect(hidden.length).toBeGreaterThan(0);
    const hiddenIds = new Set(hidden.map((m) => ocdId('event', 'KCC', m.id)));
    const council = await t.store.db.selectFrom('council').select(['short_name', 'name']).executeTakeFirst();
    const eventIds = new Set(first.events.map((e) => e.id));
    for (const m of hidden) expect(eventIds.has(ocdId('event', council?.short_name || council?.name || 'council', m.id))).toBe(false);
    expect(hiddenIds.size).toBe(hidden.length);
    // Exempt items appear by code and paragraph only; exempt papers not at all.
    const exemptTitles = await t.store.db.selectFrom('agenda_item').select('title').where('exempt', '=', 1).execute();
    const openTitles = new Set((await t.store.db.selectFrom('agenda_item').select('title').where('exempt', '=', 0).execute()).map((x) => x.title));
    expect(exemptTitles.length).toBeGreaterThan(0);
    // (An explicitly unrestricted Record of Decision on an exempt item is public by the rule, title and all.)
    const withoutRecords = JSON.stringify({ ...first, events: first.events.map((e) => ({ ...e, documents: (e.documents as { extras: { kind: string } }[]).filter((d) => d.extras.kind !== 'record-of-decision') })) });
    for (const x of exemptTitles) if (!openTitles.has(x.title)) expect(withoutRecords, leakContext(withoutRecords, x.title)).not.toContain(x.title);
    expect(text).toContain('Exempt: paragraph');
    const exemptDocs = await t.store.db.selectFrom('document').select('slug').where('classification', '=', 'exempt').execute();
    for (const d of exemptDocs) expect(text).not.toContain(`/documents/${d.slug}/`);
  });

  it('offers every dataset as CSV and JSON, for all years and one, on the Open data page', { timeout: 120_000 }, async (c) => {
    const { app } = await setup(c);
    const page = await app.inject('/open-data');
    expect(page.statusCode).toBe(200);
    for (const d of ['meetings', 'items', 'papers', 'decisions', 'attendance', 'votes']) {
      expect(page.body).toContain(`/open-data/${d}.csv`);
      const csv = await app.inject(`/open-data/${d}.csv`);
      expect(csv.statusCode, d).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(rows.length, d).toBeGreaterThan(0);
      const json = await app.inject(`/open-data/${d}.json`);
      expect(JSON.parse(json.body).rows.length).toBe(rows.length);
    }
    for (const words of ['/open-data/popolo.json', '/meetings/feed.atom', '/decisions/feed.atom', '/api/openapi.json', '/calendar.ics', 'Licence']) expect(page.body).toContain(words);
    const votes = parse((await app.inject('/open-data/votes.csv')).body, { columns: true }) as Record<string, string>[];
    expect(votes.some((v) => v.motion === OPEN_MOTION)).toBe(true);
    expect(votes.some((v) => v.motion === SECRET_MOTION)).toBe(false);
    const papers = parse((await app.inject('/open-data/papers.csv')).body, { columns: true }) as Record<string, string>[];
    expect(papers.every((p) => /^[0-9a-f]{64}$/.test(p.sha256) || p.sha256 === '')).toBe(true);
    expect(papers.some((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    // One year: only that year's meetings.
    const y2009 = parse((await app.inject('/open-data/meetings-2009.csv')).body, { columns: true }) as Record<string, string>[];
    expect(y2009.length).toBeGreaterThan(0);
    expect(y2009.every((m) => m.date.startsWith('2009-'))).toBe(true);
    expect((await app.inject('/open-data/meetings-1999.csv')).statusCode).toBe(404);
    expect((await app.inject('/open-data/secrets.csv')).statusCode).toBe(404);
    const popolo = JSON.parse((await app.inject('/open-data/popolo-2009.json')).body);
    expect(popolo.events.every((e: { start_date: string }) => e.start_date.startsWith('2009-'))).toBe(true);
    const persons = JSON.parse((await app.inject('/open-data/popolo-persons.json')).body) as unknown[];
    expect(persons.length).toBeGreaterThan(10);
  });

  it('offers each year\'s public PDFs as a zip that holds exactly the papers dataset\'s files, never an exempt one', { timeout: 120_000 }, async (c) => {
    const { t, app } = await setup(c);
    // The year of the meeting with an exempt paper, so the zip is checked where there is one to leave out.
    const exempt = await t.store.db.selectFrom('document').innerJoin('meeting', 'meeting.id', 'document.meeting_id')
      .select(['document.slug', 'meeting.date']).where('document.classification', '=', 'exempt').orderBy('meeting.date', 'desc').executeTakeFirstOrThrow();
    const year = String(exempt.date).slice(0, 4);
    const page = await app.inject('/open-data');
    expect(page.body).toContain(`/open-data/pdfs-${year}.zip`);
    const res = await app.inject(`/open-data/pdfs-${year}.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(entries).filter((n) => n !== 'SHA256SUMS').sort();
    const listed = (parse((await app.inject(`/open-data/papers-${year}.csv`)).body, { columns: true }) as Record<string, string>[])
      .filter((p) => p.sha256);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...new Set(listed.map((p) => new URL(p.url).pathname.slice(1)))].sort());
    for (const p of listed) expect(createHash('sha256').update(entries[new URL(p.url).pathname.slice(1)]).digest('hex'), p.url).toBe(p.sha256);
    expect(names.some((n) => n.includes(exempt.slug))).toBe(false);
    const exemptDocs = await t.store.db.selectFrom('document').select('slug').where('classification', '=', 'exempt').execute();
    for (const d of exemptDocs) expect(names.some((n) => n.startsWith(`documents/${d.slug}/`)), d.slug).toBe(false);
    // The page's count is the zip's.
    expect(page.body).toMatch(new RegExp(`pdfs-${year}\\.zip[\\s\\S]*?${names.length} files?,`));
    // A year with no record: a 404, not an empty zip.
    expect((await app.inject('/open-data/pdfs-1999.zip')).statusCode).toBe(404);
    expect((await app.inject('/open-data/pdfs-all.zip')).statusCode).toBe(404);
  });

  it('shows a councillor\'s voting and attendance record as a page, CSV and API', { timeout: 120_000 }, async (c) => {
    const { t, app } = await setup(c);
    const voter = await t.store.db.selectFrom('person').select(['slug']).where('kind', '=', 'councillor').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const personPage = await app.inject(`/people/${voter.slug}`);
    expect(personPage.body).toContain(`/people/${voter.slug}/votes`);
    const page = await app.inject(`/people/${voter.slug}/votes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(OPEN_MOTION);
    expect(page.body).not.toContain(SECRET_MOTION);
    const csv = parse((await app.inject(`/people/${voter.slug}/votes.csv`)).body, { columns: true }) as Record<string, string>[];
    const row = csv.find((r) => r.motion === OPEN_MOTION)!;
    expect(row).toMatchObject({ date: '2009-01-12', vote: 'for', result: 'carried', for: '3', against: '1', abstained: '1' });
    const attendance = await app.inject(`/people/${voter.slug}/attendance.csv`);
    expect(attendance.statusCode).toBe(200);
    expect(parse(attendance.body, { columns: true }).length).toBeGreaterThan(0);
    const api = JSON.parse((await app.inject(`/api/v1/people/${voter.slug}/votes`)).body);
    expect(api.items.map((v: { motion: string }) => v.motion)).toContain(OPEN_MOTION);
    const apiAttendance = JSON.parse((await app.inject(`/api/v1/people/${voter.slug}/attendance`)).body);
    expect(apiAttendance.byBody.length).toBeGreaterThan(0);
    expect((await app.inject('/people/nobody-at-all/votes')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/people/nobody-at-all/votes')).statusCode).toBe(404);
  });

  it('serves the Popolo export and the datasets through the API', { timeout: 120_000 }, async (c) => {
    const { app } = await setup(c);
    const res = await app.inject('/api/v1/export/popolo');
    expect(res.statusCode).toBe(200);
    const all = JSON.parse(res.body);
    for (const coll of POPOLO_COLLECTIONS) {
      expect(all[coll].length).toBeGreaterThan(0);
      for (const member of all[coll]) expect(validators[coll](member), `${coll}: ${JSON.stringify(validators[coll].errors)}`).toBe(true);
    }
    expect(all.events[0].extras).toBeTruthy();
    const votes = JSON.parse((await app.inject('/api/v1/export/popolo/vote_events?year=2009')).body);
    expect(votes.map((v: { motion_text: string }) => v.motion_text)).toEqual([OPEN_MOTION]);
    expect((await app.inject('/api/v1/export/popolo/secrets')).statusCode).toBe(400);
    const list = JSON.parse((await app.inject('/api/v1/datasets')).body);
    expect(list.items.map((d: { name: string }) => d.name)).toEqual(['meetings', 'items', 'papers', 'decisions', 'attendance', 'votes']);
    const decisions = JSON.parse((await app.inject('/api/v1/datasets/decisions')).body);
    expect(decisions.rows.length).toBeGreaterThan(0);
  });

  // Last, as it changes the shared fixture: a public pack withheld since it was published (an item in it was later
  // made exempt) is no longer listed, as its own route no longer serves it to the public.
  it('lists no public pack that has since been withheld', { timeout: 120_000 }, async (c) => {
    const { t } = await setup(c);
    const pack = await t.store.db.selectFrom('publication').innerJoin('meeting', 'meeting.id', 'publication.meeting_id').select(['meeting.id', 'meeting.slug'])
      .where('publication.audience', '=', 'public').where('publication.withheld_at', 'is', null).orderBy('meeting.date', 'desc').limit(1).executeTakeFirstOrThrow();
    const packUrls = async () => (await datasetRows(t.store, 'papers', { baseUrl: 'https://example.test' }))
      .map((r) => String(r.url)).filter((u) => u.startsWith(`https://example.test/meetings/${pack.slug}/`));
    expect(await packUrls()).not.toEqual([]);
    await withholdPublicPacks(t.store.db, SYSTEM_ACTOR, pack.id, 'An item was made exempt');
    expect(await packUrls()).toEqual([]);
  });
});
