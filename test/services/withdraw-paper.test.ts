// Withdrawing an uploaded paper (issue 12): marked with when, who and why in one transaction with its audit entry;
// the published packs that carried it reissued as new versions without it (the earlier ones kept); the item stays,
// "report withdrawn" when it has no other paper; its text out of search; its history as public as it was.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER } from '../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { NotFoundError, ValidationError } from '../../src/errors.js';
import { createBody } from '../../src/store/bodies.js';
import { saveCouncil } from '../../src/store/council.js';
import { addDocument, getDocument } from '../../src/store/documents.js';
import { createMeeting, getAgenda } from '../../src/store/meetings.js';
import { listAudit } from '../../src/store/audit.js';
import { getPublishedPack, listPublications, publishAgenda, publishSupplementary } from '../../src/services/publication/publish.js';
import { documentAccess, reinstatePaper, withdrawPaper } from '../../src/services/documents.js';
import { searchAs } from '../../src/services/search.js';
import { datasetRows, popoloExport, toCsv } from '../../src/services/open-data.js';
import { councilDay } from '../../src/domain/display.js';
import { readMeetingPage } from '../../src/store/read/meeting-page.js';
import { makeUploadedPdf } from '../pack/fixture.js';
import { readPack } from '../pack/read-pdf.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const actor = SYSTEM_ACTOR;

async function setUp(db: Parameters<typeof createBody>[0], date: string) {
  await saveCouncil(db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
  const bodyId = await createBody(db, actor, { name: `Audit Committee ${date}`, kind: 'regulatory-committee', agendaStyle: 'numbered' });
  const meeting = await createMeeting(db, actor, {
    bodyId, date, time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: '01234 567890', email: null }],
    sections: [{ title: 'Unrestricted items', items: [
      { code: '1', title: 'Apologies and Substitutes' },
      { code: '2', title: 'Treasury Management Report', purpose: 'To note the report' },
      { code: '3', title: 'Internal Audit Update', toFollow: true },
    ] }],
  });
  const id = (code: string) => meeting.items.find((i) => i.code === code)!.id;
  const paper = async (code: string, kind: 'report' | 'appendix', title: string, marker: string, pages = 2) => addDocument(db, actor, {
    meetingId: meeting.id, agendaItemId: id(code), kind, title, classification: 'unrestricted', pages: Array.from({ length: pages }, () => `${title} ${marker}`),
    file: { bytes: await makeUploadedPdf(`${title} ${marker}`, pages, { marker }), fileName: `${marker.toLowerCase()}.pdf`, contentType: 'application/pdf', pageCount: pages },
  });
  return { meeting, id, paper };
}

const packText = async (bytes: Uint8Array) => (await readPack(bytes)).pages.map((p) => p.text).join('\n');

describe.each(STORE_KINDS)('withdrawing a paper on %s', (kind) => {
  const get = useTestStore(kind);

  it('marks it, reissues the agenda pack without it as a new version, keeps the old one, audits and drops it from search', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-03-20');
    await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    const appendix = await paper('2', 'appendix', 'Appendix A Prudential Indicators', 'PERIWINKLEAPPX', 2);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-03-08' });
    const v1 = (await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!;
    expect(await packText(v1.bytes)).toContain('PERIWINKLEAPPX');
    expect((await searchAs(store, PUBLIC_VIEWER, { text: 'PERIWINKLEAPPX' })).total).toBeGreaterThan(0);

    const done = await withdrawPaper(store, actor, appendix.id, 'Superseded by the revised indicators in the report');
    expect(done).toMatchObject({ slug: appendix.slug, agenda: 2, supplementary: null });
    const doc = (await getDocument(store.db, appendix.id))!;
    expect(doc.withdrawn_reason).toBe('Superseded by the revised indicators in the report');
    expect(doc.withdrawn_by).toBe(actor.name);
    expect(doc.withdrawn_public).toBe(1);

    const v2 = (await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!;
    expect(v2.version).toBe(2);
    const text = await packText(v2.bytes);
    expect(text).not.toContain('PERIWINKLEAPPX');
    expect(text).toContain('MARIGOLDREPORT');
    expect(text).toMatch(/\u201cAppendix A Prudential Indicators\u201d was withdrawn on/);
    // The first issue is kept as it was, and the members' pack is reissued too.
    expect((await getPublishedPack(store.db, meeting.id, 'agenda', 'public', 1))!.sha256).toBe(v1.sha256);
    expect(await packText((await getPublishedPack(store.db, meeting.id, 'agenda', 'confidential'))!.bytes)).not.toContain('PERIWINKLEAPPX');
    const reissued = (await listPublications(store.db, meeting.id)).find((p) => p.kind === 'agenda' && p.version === 2)!;
    expect(reissued.note).toBe('"Appendix A Prudential Indicators" withdrawn: Superseded by the revised indicators in the report');

    const audit = await listAudit(store.db, { entity: 'document', entityId: String(appendix.id), action: 'withdraw' });
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain('Superseded by the revised indicators');
    expect((await searchAs(store, PUBLIC_VIEWER, { text: 'PERIWINKLEAPPX' })).total).toBe(0);
    expect((await searchAs(store, PUBLIC_VIEWER, { text: 'MARIGOLDREPORT' })).total).toBeGreaterThan(0);

    // The paper's history stays public, marked withdrawn; the meeting page lists it so.
    expect((await documentAccess(store.db, appendix.slug, PUBLIC_VIEWER)).access).toBe('ok');
    const page = (await readMeetingPage(store.db, meeting.slug, PUBLIC_VIEWER))!;
    const listed = page.items.find((i) => i.code === '2')!.papers.find((p) => p.slug === appendix.slug)!;
    expect(listed.withdrawn).toMatchObject({ reason: 'Superseded by the revised indicators in the report' });
    expect(page.items.find((i) => i.code === '2')!.reportWithdrawn).toBe(false);

    // The open data keeps it listed, marked withdrawn with the day and why (CSV, JSON and Popolo alike).
    const rows = await datasetRows(store, 'papers', { baseUrl: 'https://example.test' });
    const day = (await getDocument(store.db, appendix.id))!.withdrawn_at!;
    expect(rows.find((r) => r.title === 'Appendix A Prudential Indicators')).toMatchObject({ withdrawn: true, withdrawn_on: councilDay(day), withdrawn_reason: 'Superseded by the revised indicators in the report' });
    expect(rows.find((r) => r.title === 'Treasury Management Report')).toMatchObject({ withdrawn: false, withdrawn_on: null });
    expect(toCsv(rows)).toMatch(/,yes,\d{4}-\d{2}-\d{2},Superseded by the revised indicators in the report\r\n/);
    type Doc = { note: string; extras: Record<string, unknown> };
    const documents = (await popoloExport(store, { baseUrl: 'https://example.test' })).events.flatMap((e) => e.documents as Doc[]);
    expect(documents.find((d) => d.note === 'Appendix A Prudential Indicators')!.extras).toMatchObject({ withdrawn_on: councilDay(day) });
  });

  it('leaves an item whose only report is withdrawn on the agenda, "report withdrawn", and reissues the supplementary agenda too', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-05-22');
    await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-05-10' });
    const late = await paper('3', 'report', 'Internal Audit Update', 'SAFFRONAUDIT', 2);
    await publishSupplementary(store, actor, meeting.slug, ['3'], { publishedOn: '2030-05-18', lateReason: 'Audit opinion not ready' });
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-05-10' });

    const done = await withdrawPaper(store, actor, late.id, 'The audit opinion is deferred to the next meeting');
    expect(done).toMatchObject({ agenda: 3, supplementary: 2 });
    const sup = await packText((await getPublishedPack(store.db, meeting.id, 'supplementary', 'public'))!.bytes);
    expect(sup).not.toContain('SAFFRONAUDIT');
    expect(sup).toMatch(/\(report withdrawn\)/);
    const agenda = await packText((await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!.bytes);
    expect(agenda).toMatch(/Internal Audit Update[\s\S]*\(report withdrawn\)/);
    expect(agenda).not.toContain('SAFFRONAUDIT');
    const item = (await getAgenda(store.db, meeting.id)).items.find((i) => i.code === '3')!;
    expect(item.withdrawn).toBe(0);
    expect(item.page_start).toBeNull();
    const page = (await readMeetingPage(store.db, meeting.slug, PUBLIC_VIEWER))!;
    const view = page.items.find((i) => i.code === '3')!;
    expect(view.reportWithdrawn).toBe(true);
    expect(view.pageLink).toBeNull();
    // Page links into the reissued pack still land on the report's first page.
    const treasury = page.items.find((i) => i.code === '2')!;
    const pdfPage = Number(/#page=(\d+)/.exec(treasury.pageLink!)![1]);
    const read = await readPack((await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!.bytes);
    expect(read.pages[pdfPage - 1].text).toContain('MARIGOLDREPORT');
    expect(read.pages[pdfPage - 1].lines).toContain(`Page ${treasury.pageStart}`);
  });

  it('says what is wrong: no reason, already withdrawn, no such paper; nothing changes', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-06-19');
    const report = await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-06-07' });
    await expect(withdrawPaper(store, actor, report.id, '   ')).rejects.toMatchObject({ field: 'reason', message: 'Enter why the paper is withdrawn' });
    await expect(withdrawPaper(store, actor, 987654, 'No longer needed')).rejects.toBeInstanceOf(NotFoundError);
    expect((await getDocument(store.db, report.id))!.withdrawn_at).toBeNull();
    await withdrawPaper(store, actor, report.id, 'Wrong report uploaded');
    const again = withdrawPaper(store, actor, report.id, 'Wrong report uploaded');
    await expect(again).rejects.toBeInstanceOf(ValidationError);
    await expect(again).rejects.toThrow(/already withdrawn on \w+day \d+ \w+ \d{4}/);
    expect((await listPublications(store.db, meeting.id)).filter((p) => p.kind === 'agenda' && p.audience === 'public')).toHaveLength(2);
  });

  it('reinstates a withdrawn paper with a reason: the pack reissued with it, audited, back in search, both steps in its public history', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-09-18');
    await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    const appendix = await paper('2', 'appendix', 'Appendix A Prudential Indicators', 'PERIWINKLEAPPX', 2);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-09-06' });
    await withdrawPaper(store, actor, appendix.id, 'Figures under review');
    await expect(reinstatePaper(store, actor, appendix.id, ' ')).rejects.toMatchObject({ field: 'reason', message: 'Enter why the paper is reinstated' });
    await expect(reinstatePaper(store, actor, 987654, 'Back')).rejects.toBeInstanceOf(NotFoundError);

    const done = await reinstatePaper(store, actor, appendix.id, 'The review confirmed the figures');
    expect(done).toMatchObject({ slug: appendix.slug, agenda: 3, supplementary: null });
    const doc = (await getDocument(store.db, appendix.id))!;
    expect(doc.withdrawn_at).toBeNull();
    const v3 = (await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!;
    expect(v3.version).toBe(3);
    const text = await packText(v3.bytes);
    expect(text).toContain('PERIWINKLEAPPX');
    // The front sheet says it was withdrawn and reinstated, when, and why (not that it is withdrawn now).
    const sheet = text.replace(/\s+/g, ' ');
    expect(sheet).toMatch(/\u201cAppendix A Prudential Indicators\u201d was withdrawn on \w+, \d{1,2} \w+ \d{4} and reinstated on \w+, \d{1,2} \w+ \d{4}: The review confirmed the figures/);
    expect(sheet).not.toMatch(/Indicators\u201d was withdrawn on \w+, \d{1,2} \w+ \d{4}: Figures under review/);
    const front = await packText((await getPublishedPack(store.db, meeting.id, 'frontsheet', 'public'))!.bytes);
    expect(front.replace(/\s+/g, ' ')).toMatch(/and reinstated on .*: The review confirmed the figures/);
    if (process.env.MOOT_PACK_OUT) writeFileSync(`${process.env.MOOT_PACK_OUT}/reinstated-frontsheet.pdf`, (await getPublishedPack(store.db, meeting.id, 'frontsheet', 'public'))!.bytes);
    expect((await getPublishedPack(store.db, meeting.id, 'agenda', 'public', 2))!.version).toBe(2);
    const reissued = (await listPublications(store.db, meeting.id)).find((p) => p.kind === 'agenda' && p.version === 3)!;
    expect(reissued.note).toBe('"Appendix A Prudential Indicators" reinstated: The review confirmed the figures');
    const audit = await listAudit(store.db, { entity: 'document', entityId: String(appendix.id), action: 'reinstate' });
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain('The review confirmed the figures');
    expect((await searchAs(store, PUBLIC_VIEWER, { text: 'PERIWINKLEAPPX' })).total).toBeGreaterThan(0);
    // The paper's page keeps both steps for the public; the open data lists it as a paper again.
    const access = await documentAccess(store.db, appendix.slug, PUBLIC_VIEWER);
    expect(access.access).toBe('ok');
    expect(access.doc!.withdrawn).toBeNull();
    expect(access.doc!.reinstatements).toEqual([{ withdrawn: { on: expect.any(String), reason: 'Figures under review' }, reinstated: { on: expect.any(String), reason: 'The review confirmed the figures' } }]);
    const rows = await datasetRows(store, 'papers', { baseUrl: 'https://example.test' });
    expect(rows.find((r) => String(r.url).includes(`/documents/${appendix.slug}/`))).toMatchObject({ withdrawn: false });
    // Not withdrawn now: refused, nothing reissued. Withdrawn again: a second step, both kept.
    await expect(reinstatePaper(store, actor, appendix.id, 'Again')).rejects.toThrow(/is not withdrawn/);
    await withdrawPaper(store, actor, appendix.id, 'Withdrawn a second time');
    await reinstatePaper(store, actor, appendix.id, 'Reinstated a second time');
    expect((await documentAccess(store.db, appendix.slug, PUBLIC_VIEWER)).doc!.reinstatements.map((r) => r.reinstated.reason)).toEqual(['The review confirmed the figures', 'Reinstated a second time']);
    expect((await listPublications(store.db, meeting.id)).filter((p) => p.kind === 'agenda' && p.audience === 'public')).toHaveLength(5);
  });

  it('a paper withdrawn and reinstated before its agenda is published reissues nothing and shows the public no history', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-10-16');
    await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    const early = await paper('2', 'appendix', 'Late appendix', 'VERMILIONAPPX', 1);
    await withdrawPaper(store, actor, early.id, 'Not ready');
    expect(await reinstatePaper(store, actor, early.id, 'Ready after all')).toMatchObject({ agenda: null, supplementary: null });
    expect(await listPublications(store.db, meeting.id)).toHaveLength(0);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-10-02' });
    expect(await packText((await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!.bytes)).toContain('VERMILIONAPPX');
    const access = await documentAccess(store.db, early.slug, PUBLIC_VIEWER);
    expect(access.access).toBe('ok');
    expect(access.doc!.reinstatements).toEqual([]);
  });

  it('a paper withdrawn before its agenda is published is in no pack and never becomes public', async (ctx) => {
    const { store } = get(ctx);
    const { meeting, paper } = await setUp(store.db, '2030-07-17');
    await paper('2', 'report', 'Treasury Management Report', 'MARIGOLDREPORT', 3);
    const early = await paper('2', 'appendix', 'Draft appendix', 'CINNABARDRAFT', 1);
    const done = await withdrawPaper(store, actor, early.id, 'Uploaded by mistake');
    expect(done).toMatchObject({ agenda: null, supplementary: null });
    expect(await listPublications(store.db, meeting.id)).toHaveLength(0);
    await publishAgenda(store, actor, meeting.slug, { publishedOn: '2030-07-03' });
    const text = await packText((await getPublishedPack(store.db, meeting.id, 'agenda', 'public'))!.bytes);
    expect(text).not.toContain('CINNABARDRAFT');
    expect(text).not.toMatch(/withdrawn/);
    expect((await documentAccess(store.db, early.slug, PUBLIC_VIEWER)).access).toBe('not-found');
    const page = (await readMeetingPage(store.db, meeting.slug, PUBLIC_VIEWER))!;
    expect(page.items.find((i) => i.code === '2')!.papers.map((p) => p.slug)).not.toContain(early.slug);
    expect((await searchAs(store, PUBLIC_VIEWER, { text: 'CINNABARDRAFT' })).total).toBe(0);
    // Nor does the open data list it, withdrawn or otherwise.
    const rows = await datasetRows(store, 'papers', { baseUrl: 'https://example.test' });
    expect(rows.map((r) => r.title)).toContain('Treasury Management Report');
    expect(rows.map((r) => r.title)).not.toContain('Draft appendix');
  });
});
