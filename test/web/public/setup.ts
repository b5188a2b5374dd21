// The portal's test data: the demonstration council (one year to a fixed "today"), its search index, and a few
// things the demo does not make — published packs in several versions (public and confidential), a corrected
// paper with two versions, and a meeting imported from a historic pack.
import type { FastifyInstance } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/demo/index.js';
import type { Store } from '../../../src/store/db.js';
import { addDocument, addDocumentVersion, putBlob } from '../../../src/store/documents.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { recordMinutes } from '../../../src/store/proceedings.js';
import { rebuildSearchIndex } from '../../../src/store/search/index.js';
import { buildApp } from '../../../src/web/app.js';
import { registerPortal } from '../../../src/server.js';

export const TODAY = '2012-03-01';

export async function tinyPdf(text: string, pages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage([595, 842]).drawText(`${text} (page ${i + 1})`, { x: 50, y: 780, size: 12, font });
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  return pdf.save();
}

export interface PortalFixture {
  heldMeeting: { id: number; slug: string };
  historicMeeting: { id: number; slug: string };
  correctedDocument: string;
  /** Text only in the confidential pack. */
  confidentialPackText: string;
}

export async function loadPortalData(store: Store): Promise<PortalFixture> {
  await loadDemo(store, { years: 1, today: TODAY });
  const db = store.db;
  const actor = SYSTEM_ACTOR;
  // A held Cabinet meeting with an exempt item gets public and confidential packs, two versions of the public one.
  const held = await db.selectFrom('meeting').innerJoin('agenda_item', 'agenda_item.meeting_id', 'meeting.id')
    .select(['meeting.id', 'meeting.slug']).where('agenda_item.exempt', '=', 1).where('meeting.status', '=', 'minutes-approved')
    .orderBy('meeting.date').limit(1).executeTakeFirstOrThrow();
  const items = await db.selectFrom('agenda_item').select(['code', 'position']).where('meeting_id', '=', held.id).orderBy('position').execute();
  const ranges = items.map((it, i) => ({ code: it.code, startPage: 3 + i * 2, endPage: 4 + i * 2 }));
  const confidentialPackText = 'CONFIDENTIAL PACK ONLY Quillon Marrowby';
  // The demo published this meeting's packs as a clerk would; the fixture's own versions replace them.
  await db.deleteFrom('publication').where('meeting_id', '=', held.id).where('kind', 'in', ['agenda', 'supplementary', 'frontsheet', 'supplementary-frontsheet']).execute();
  const packs = [
    { audience: 'public', version: 1, text: 'Public agenda pack, first issue' },
    { audience: 'public', version: 2, text: 'Public agenda pack, reissued' },
    { audience: 'confidential', version: 1, text: confidentialPackText },
  ];
  for (const p of packs) {
    const bytes = await tinyPdf(p.text, 4);
    const sha256 = await putBlob(db, bytes);
    await db.insertInto('publication').values({ meeting_id: held.id, kind: 'agenda', version: p.version, audience: p.audience, sha256, size: bytes.byteLength,
      page_count: 4, items_json: JSON.stringify(ranges), published_at: `2011-05-2${p.version}T09:00:00Z`, published_by: 'test', late_reason: null }).execute();
  }
  const supp = await tinyPdf('Supplementary pack', 2);
  await db.insertInto('publication').values({ meeting_id: held.id, kind: 'supplementary', version: 1, audience: 'public', sha256: await putBlob(db, supp), size: supp.byteLength,
    page_count: 2, items_json: '[]', published_at: '2011-05-30T09:00:00Z', published_by: 'test', late_reason: 'The report was not ready in time' }).execute();

  // A corrected paper: version 2 replaces version 1, both downloadable.
  const paper = await db.selectFrom('document').innerJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
    .select(['document.id', 'document.slug']).where('document.classification', '=', 'unrestricted').where('agenda_item.exempt', '=', 0)
    .where('document.kind', '=', 'report').where('agenda_item.meeting_id', '=', held.id).orderBy('document.id').limit(1).executeTakeFirstOrThrow();
  await addDocumentVersion(db, actor, paper.id, {
    file: { bytes: await tinyPdf('Corrected report'), fileName: 'corrected.pdf', contentType: 'application/pdf', pageCount: 1 },
    pages: ['Corrected report\nThe figures in paragraph 3 have been corrected.'], note: 'correction: paragraph 3 figures',
  });

  // An imported historic meeting, as the importer records one.
  const body = await db.selectFrom('body').select(['id']).where('slug', '=', 'cabinet').executeTakeFirstOrThrow();
  const historic = await createMeeting(db, actor, {
    bodyId: body.id, date: '2009-01-12', time: '10:00', venue: 'Darent Room, Sessions House, County Hall, Maidstone', status: 'minutes-approved', historic: true,
    signatoryName: 'Peter Sass', signatoryTitle: 'Head of Democratic Services', publishedOn: '2008-12-31',
    sections: [{ title: 'Committee business', items: [{ code: '1', title: 'Apologies and Substitutes' }, { code: '2', title: 'Waste Strategy Review', purpose: 'To note the review', pageStart: 5, pageEnd: 12 }] }],
  });
  await addDocument(db, actor, { meetingId: historic.id, agendaItemId: historic.items[1].id, kind: 'report', title: 'Waste Strategy Review 2009', classification: 'unrestricted',
    pages: ['Waste Strategy Review\nThe county recycled 41 per cent of household waste in 2008.', 'Page two of the review.'], ocrPages: [2] });
  await recordMinutes(db, actor, historic.id, [{ agendaItemId: historic.items[1].id, number: '12', title: 'Waste Strategy Review', paragraphs: ['The Cabinet noted the review.'] }]);

  await rebuildSearchIndex(store);
  return { heldMeeting: held, historicMeeting: { id: historic.id, slug: historic.slug }, correctedDocument: paper.slug, confidentialPackText };
}

export function buildPortal(store: Store, options: { searchRateLimitPerMinute?: number } = {}): Promise<FastifyInstance> {
  const routes = options.searchRateLimitPerMinute === undefined ? registerPortal()
    : registerPortal().map((r) => ({ ...r, plugin: (async (app, o) => r.plugin(app, { ...o, searchRateLimitPerMinute: options.searchRateLimitPerMinute } as never)) as typeof r.plugin }));
  return buildApp({ store, today: () => TODAY, routes });
}
