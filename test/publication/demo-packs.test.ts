// Every demo meeting's agenda builds and validates, in both audiences, and the public packs carry none of the
// demo's confidential phrases.
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_MARKERS, loadDemo } from '../../src/demo/index.js';
import { createWorkingCalendar } from '../../src/domain/calendar.js';
import { validatePack, buildPack } from '../../src/pack/index.js';
import { packInputForMeeting } from '../../src/services/publication/pack-input.js';
import { listMeetings } from '../../src/store/meetings.js';
import { readPack } from '../pack/read-pdf.js';
import { useTestStore } from '../helpers/use-store.js';

describe('packs of the demo council', () => {
  const get = useTestStore('sqlite');

  it('build and validate for every meeting, with no exempt text in any public pack', async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 1, today: '2025-11-20', seed: 3 });
    const meetings = (await listMeetings(store.db)).filter((m) => m.status !== 'cancelled');
    expect(meetings.length).toBeGreaterThan(50);
    const calendar = createWorkingCalendar();
    let exemptMeetings = 0;
    for (const m of meetings) {
      const publishedOn = calendar.agendaPublicationDeadline(m.date);
      const { input } = await packInputForMeeting(store.db, m.id, publishedOn);
      const errors = validatePack(input, { publishedOn }).filter((p) => p.severity === 'error');
      expect(errors, `${m.slug}: ${JSON.stringify(errors)}`).toEqual([]);
      const pub = await buildPack(input, { audience: 'public' });
      const hasExempt = input.sections.some((s) => s.exempt || s.items.some((i) => i.exemptParagraphs?.length));
      if (hasExempt) {
        exemptMeetings++;
        const text = (await readPack(pub.bytes)).pages.map((p) => p.text).join('\n');
        for (const marker of CONFIDENTIAL_MARKERS) expect(text, `${m.slug} public pack`).not.toContain(marker);
        const conf = await buildPack(input, { audience: 'confidential' });
        expect(conf.pageCount).toBeGreaterThanOrEqual(pub.pageCount);
      }
    }
    expect(exemptMeetings).toBeGreaterThan(0);
  }, 600_000);
});

describe('what the demo council publishes', () => {
  const get = useTestStore('sqlite');

  it('publishes the packs of every agenda it marks published and the printed minutes of every meeting with minutes, linked to the right pages', async (ctx) => {
    const { store } = get(ctx);
    await loadDemo(store, { years: 1, today: '2025-11-20', seed: 3 });
    const db = store.db;
    const published = await db.selectFrom('meeting').select(['id', 'slug', 'status', 'date', 'published_on']).where('published_on', 'is not', null).where('historic', '=', 0).execute();
    const pubs = await db.selectFrom('publication').innerJoin('blob', 'blob.sha256', 'publication.sha256')
      .select(['publication.meeting_id', 'publication.kind', 'publication.audience', 'publication.version', 'publication.items_json', 'publication.published_at', 'blob.bytes']).execute();
    const has = (id: number, kind: string, audience = 'public') => pubs.some((p) => p.meeting_id === id && p.kind === kind && p.audience === audience);
    const dated = published.filter((m) => has(m.id, 'agenda'));
    expect(dated.length).toBeGreaterThan(30);
    for (const m of dated) {
      expect(has(m.id, 'frontsheet'), m.slug).toBe(true);
      // The members' pack is built where there is something exempt for it to carry.
      const exempt = await db.selectFrom('agenda_item').select('id').where('meeting_id', '=', m.id).where('exempt', '=', 1).executeTakeFirst();
      if (exempt) expect(has(m.id, 'agenda', 'confidential'), m.slug).toBe(true);
      // Published on the day the agenda (its latest version before the meeting) went out, not the day the demo was
      // loaded; a pack reissued after the meeting (with its Records of Decision) is dated the day it was reissued.
      const versions = pubs.filter((p) => p.meeting_id === m.id && p.kind === 'agenda' && p.audience === 'public').sort((a, b) => b.version - a.version);
      const pack = versions.find((p) => p.published_at.slice(0, 10) <= m.date)!;
      expect(pack.published_at.slice(0, 10), m.slug).toBe(m.published_on);
      for (const later of versions.filter((p) => p.version > pack.version)) expect(later.published_at.slice(0, 10) > m.date, m.slug).toBe(true);
    }
    const withMinutes = dated.filter((m) => m.status === 'minutes-drafted' || m.status === 'minutes-approved');
    expect(withMinutes.length).toBeGreaterThan(10);
    for (const m of withMinutes) expect(has(m.id, 'minutes'), m.slug).toBe(true);

    // Each item's link lands on the PDF page that carries its printed page number.
    const pack = pubs.filter((p) => p.kind === 'agenda' && p.audience === 'public').sort((a, b) => b.items_json.length - a.items_json.length)[0];
    const read = await readPack(new Uint8Array(pack.bytes));
    const ranges = JSON.parse(pack.items_json) as { code: string; startPage: number; pdfPage: number }[];
    expect(ranges.length).toBeGreaterThan(2);
    for (const r of ranges) {
      expect(r.pdfPage).toBeGreaterThan(r.startPage);
      expect(read.pages[r.pdfPage - 1].lines, `item ${r.code}`).toContain(`Page ${r.startPage}`);
      expect(read.pages[r.pdfPage - 1].text, `item ${r.code}`).toContain(`Agenda Item ${r.code}`);
    }

    // Printed minutes: the latest version of approved minutes says they were approved; a draft says it is a draft.
    const latestMinutes = (id: number) => pubs.filter((p) => p.meeting_id === id && p.kind === 'minutes' && p.audience === 'public').sort((a, b) => b.version - a.version)[0];
    const approved = withMinutes.find((m) => m.status === 'minutes-approved')!;
    expect((await readPack(new Uint8Array(latestMinutes(approved.id).bytes))).pages[0].text.replace(/\s+/g, ' '), approved.slug).toContain('Approved as a correct record');
    const drafted = withMinutes.find((m) => m.status === 'minutes-drafted');
    if (drafted) expect((await readPack(new Uint8Array(latestMinutes(drafted.id).bytes))).pages[0].text).toContain('DRAFT');
  }, 600_000);
});
