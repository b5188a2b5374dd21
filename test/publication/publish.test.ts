import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { createBody } from '../../src/store/bodies.js';
import { saveCouncil } from '../../src/store/council.js';
import { addDocument } from '../../src/store/documents.js';
import { createMeeting, getAgenda, getMeeting } from '../../src/store/meetings.js';
import { listAudit } from '../../src/store/audit.js';
import { buildMeetingPack, getPublishedPack, listPublications, publishAgenda, publishSupplementary, PublicationError } from '../../src/services/publication/publish.js';
import { createDecision } from '../../src/store/decisions.js';
import { markHeld } from '../../src/store/workspace/meeting-life.js';
import { makeUploadedPdf } from '../pack/fixture.js';
import { readPack } from '../pack/read-pdf.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const MARKER = 'TANGERINEVOLCANO';

async function setUp(db: Parameters<typeof createBody>[0], date: string) {
  await saveCouncil(db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
  const bodyId = await createBody(db, actor, { name: `Audit Committee ${date}`, kind: 'regulatory-committee', agendaStyle: 'numbered' });
  const meeting = await createMeeting(db, actor, {
    bodyId, date, time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: '01234 567890', email: null }],
    sections: [
      { title: 'Unrestricted items', items: [
        { code: '1', title: 'Apologies and Substitutes' },
        { code: '2', title: 'Treasury Management Report', purpose: 'To note the report' },
        { code: '3', title: 'Internal Audit Update', toFollow: true },
      ] },
      { title: 'Exempt items', exempt: true, items: [{ code: '4', title: 'Contract Award', exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial confidentiality' }] },
    ],
  });
  const id = (code: string) => meeting.items.find((i) => i.code === code)!.id;
  const pdf = (title: string, pages: number, marker?: string) => makeUploadedPdf(title, pages, marker ? { marker } : {});
  await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: id('2'), kind: 'report', title: 'Treasury Management Report', classification: 'unrestricted', file: { bytes: await pdf('Treasury', 3), fileName: 't.pdf', contentType: 'application/pdf' } });
  await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: id('4'), kind: 'report', title: 'Contract Award', classification: 'exempt', exemptParagraphs: [3], file: { bytes: await pdf('Contract', 2, MARKER), fileName: 'c.pdf', contentType: 'application/pdf' } });
  return { meeting, id };
}

describe.each(STORE_KINDS)('publishing agendas on %s', (kind) => {
  const get = useTestStore(kind);

  it('publishes public and members\' packs, real page ranges, a new version each time, audited', async (ctx) => {
    const { store } = get(ctx);
    const { meeting } = await setUp(store.db, '2030-03-20');
    const first = await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-03-08' });
    expect(first.version).toBe(1);
    const m = await getMeeting(store.db, meeting.id);
    expect(m?.status).toBe('agenda-published');
    expect(m?.agenda_published_by).toBe(actor.name);

    const pub = (await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!;
    const conf = (await getPublishedPack(store.db, meeting.id, 'agenda', 'confidential'))!;
    const publicText = (await readPack(pub.bytes)).pages.map((p) => p.text).join('\n');
    const confText = (await readPack(conf.bytes)).pages.map((p) => p.text).join('\n');
    expect(publicText).not.toContain(MARKER);
    expect(Buffer.from(pub.bytes).toString('latin1')).not.toContain(MARKER);
    expect(publicText).toMatch(/Document is Restricted/);
    expect(confText).toContain(MARKER);

    // The agenda's page ranges are where the papers really start in the public pack.
    const agenda = await getAgenda(store.db, meeting.id);
    const treasury = agenda.items.find((i) => i.code === '2')!;
    const read = await readPack(pub.bytes);
    const startPage = read.pages.find((p) => p.lines.includes(`Page ${treasury.page_start}`));
    expect(startPage?.text).toContain('Treasury');
    expect(treasury.page_start! % 2).toBe(1);

    const second = await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-03-09' });
    expect(second.version).toBe(2);
    const pubs = await listPublications(store.db, meeting.id);
    expect(pubs.filter((p) => p.kind === 'agenda').map((p) => p.version)).toEqual([2, 2, 1, 1]);
    expect((await getPublishedPack(store.db, meeting.id, 'agenda', 'public', 1))?.sha256).toBe(pub.sha256);
    const audit = await listAudit(store.db, { entity: 'meeting', entityId: String(meeting.id), action: 'publish' });
    expect(audit).toHaveLength(2);
  });

  it('refuses late publication without a recorded reason, and accepts it with one', async (ctx) => {
    const { store } = get(ctx);
    const { meeting } = await setUp(store.db, '2030-04-10');
    await expect(publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-04-08' })).rejects.toThrow(PublicationError);
    expect(await listPublications(store.db, meeting.id)).toHaveLength(0);
    const ok = await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-04-08', lateReason: 'Urgent budget report' });
    expect(ok.version).toBe(1);
    expect((await listPublications(store.db, meeting.id))[0].late_reason).toBe('Urgent budget report');
  });

  it('publishes a supplementary pack for papers that were to follow', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, id } = await setUp(store.db, '2030-05-22');
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-05-10' });
    await addDocument(store.db, actor, { meetingId: meeting.id, agendaItemId: id('3'), kind: 'report', title: 'Internal Audit Update', classification: 'unrestricted', file: { bytes: await makeUploadedPdf('Audit', 2), fileName: 'a.pdf', contentType: 'application/pdf' } });
    const sup = await publishSupplementary(store, actor, meeting.slug, ['3'], { publishedOn: '2030-05-20' });
    expect(sup.version).toBe(1);
    const bytes = (await getPublishedPack(store.db, meeting.id, 'supplementary', 'public'))!.bytes;
    expect((await readPack(bytes)).pages[0].text).toMatch(/SUPPLEMENTARY/i);
    expect((await getAgenda(store.db, meeting.id)).items.find((i) => i.code === '3')?.to_follow).toBe(0);
  });

  it('rebuilds a held meeting\'s pack with the Records of Decision taken at it, signed off on the day the agenda was published', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, id } = await setUp(store.db, '2030-06-19');
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-06-07' });
    const decision = (subject: string, itemCode: string, classification: 'unrestricted' | 'exempt', status: 'published' | 'draft') => createDecision(store.db, actor, {
      takerKind: 'body', takerName: 'Audit Committee', meetingId: meeting.id, agendaItemId: id(itemCode), takenOn: '2030-06-19', subject,
      classification, text: `(1) ${subject}: agreed\n(2) officers to report back`, reasons: 'The report sets out why.', status, publishedOn: status === 'published' ? '2030-06-20' : null,
    });
    const open = await decision('Treasury strategy noted', '2', 'unrestricted', 'published');
    const closed = await decision(`Contract awarded ${MARKER}`, '4', 'exempt', 'published');
    const draft = await decision('Still being drafted', '2', 'unrestricted', 'draft');
    // Before the meeting is held a rebuilt pack has no Records of Decision.
    const before = (await readPack((await buildMeetingPack(store, meeting.id, 'public')).bytes)).pages.map((p) => p.text).join('\n');
    expect(before).not.toContain(open.number);
    await markHeld(store.db, actor, meeting.id, '2030-06-19');
    const pub = await readPack((await buildMeetingPack(store, meeting.id, 'public')).bytes);
    const text = pub.pages.map((p) => p.text).join('\n');
    expect(text).toMatch(/RECORD OF DECISION/);
    expect(text).toContain(open.number);
    expect(text).toContain('Treasury strategy noted: agreed');
    expect(text).not.toContain(draft.number);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(closed.number);
    // Signed off on the publication date, not the day it was rebuilt.
    expect(pub.pages[0].text + pub.pages[1]?.text).toMatch(/7 June 2030/);
    const conf = (await readPack((await buildMeetingPack(store, meeting.id, 'confidential')).bytes)).pages.map((p) => p.text).join('\n');
    expect(conf).toContain(closed.number);
    expect(conf).toMatch(/Exempt .* NOT FOR PUBLICATION by virtue of paragraph 3/);
  });
});
