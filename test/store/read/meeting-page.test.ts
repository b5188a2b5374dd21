// The meeting and item pages list an exempt item's papers paper by paper through the one rule (paperExempt): the
// public sees the public Record of Decision of a decision taken in private (2012 Regulations, regs 12-13 and 20)
// listed under its item, and never the exempt report beside it; those entitled see both.
import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, type Viewer } from '../../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addDocument } from '../../../src/store/documents.js';
import { setMeetingStatus } from '../../../src/store/meetings.js';
import { readMeetingPage } from '../../../src/store/read/meeting-page.js';
import { addItem, addSection } from '../../../src/store/workspace/agenda.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';
import { cycleCouncil } from '../../services/executive/fixture.js';
import { buildPortal, tinyPdf } from '../../web/public/setup.js';

const actor = SYSTEM_ACTOR;

describe.each(STORE_KINDS)('an exempt item\'s papers on the meeting page on %s', (kind) => {
  const get = useTestStore(kind);

  it('lists the public Record of Decision to everyone and the exempt report only to those entitled', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    const section = await addSection(db, actor, c.cabinetMeeting.id, { title: 'Exempt items', exempt: true });
    const item = await addItem(db, actor, c.cabinetMeeting.id, { sectionId: section, title: 'Disposal of the Former Westgate Depot', purpose: 'To agree the sale.', presenters: [], toFollow: false,
      urgentReason: null, exempt: true, exemptParagraphs: [3], publicInterestReason: 'Commercial terms under negotiation.' });
    const file = async (title: string) => ({ bytes: await tinyPdf(title), fileName: 'paper.pdf', contentType: 'application/pdf', pageCount: 1 });
    await addDocument(db, actor, { meetingId: c.cabinetMeeting.id, agendaItemId: item.id, kind: 'report', title: 'Westgate Depot: bids received', classification: 'exempt', exemptParagraphs: [3], file: await file('bids') });
    const record = await addDocument(db, actor, { meetingId: c.cabinetMeeting.id, agendaItemId: item.id, kind: 'record-of-decision', title: 'Record of Decision 26/00001: Disposal of the Former Westgate Depot',
      classification: 'unrestricted', file: await file('record') });
    await setMeetingStatus(db, actor, c.cabinetMeeting.id, 'held', 'Test');

    const titles = async (viewer: Viewer) => {
      const page = await readMeetingPage(db, c.cabinetMeeting.slug, viewer);
      const it = page!.items.find((i) => i.id === item.id)!;
      return { restricted: it.restricted, purpose: it.purpose, papers: it.papers.map((p) => p.title) };
    };
    // The public: the item stays restricted (no purpose), its public record is listed, the exempt report is not.
    expect(await titles(PUBLIC_VIEWER)).toEqual({ restricted: true, purpose: null, papers: ['Record of Decision 26/00001: Disposal of the Former Westgate Depot'] });
    const onCabinet: Viewer = { kind: 'user', userId: 1, role: 'councillor', personId: c.cabinetMember, bodyIds: [c.cabinet], grantedMeetingIds: [] };
    expect((await titles(onCabinet)).papers.sort()).toEqual(['Record of Decision 26/00001: Disposal of the Former Westgate Depot', 'Westgate Depot: bids received']);

    // The pages as served: the meeting page and the item page link the record, never the exempt report.
    const app = await buildPortal(store);
    try {
      for (const url of [`/meetings/${c.cabinetMeeting.slug}`, `/meetings/${c.cabinetMeeting.slug}/items/${encodeURIComponent(item.code)}`]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain(`href="/documents/${record.slug}"`);
        expect(res.body, url).not.toContain('bids received');
      }
    } finally {
      await app.close();
    }
  });
});
