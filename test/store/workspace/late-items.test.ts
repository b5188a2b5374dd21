// Late and supplementary items added after the agenda is published go before the closing "Other items which the
// Chairman decides are relevant or urgent" item, as they do while the agenda is built, and take codes that read in
// order there ("4a", "A3a") without changing any code already in print. On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { saveCouncil } from '../../../src/store/council.js';
import { addDocument } from '../../../src/store/documents.js';
import { addItem, loadAgenda, updateItem } from '../../../src/store/workspace/agenda.js';
import { scheduleMeetings } from '../../../src/store/workspace/series.js';
import { buildMeetingPack, publishAgenda, publishSupplementary } from '../../../src/services/publication/publish.js';
import { makeUploadedPdf } from '../../pack/fixture.js';
import { readPack } from '../../pack/read-pdf.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { useTestStore } from '../../helpers/use-store.js';

const actor = SYSTEM_ACTOR;
const fields = { purpose: null, presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null };

describe.each(STORE_KINDS)('late items after publication on %s', (kind) => {
  const get = useTestStore(kind);

  for (const style of ['numbered', 'lettered'] as const) it(`puts a ${style} agenda's late items before "Other items … urgent"`, async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    await saveCouncil(db, 'Example County Council', 'ECC', { signatoryName: 'Jo Clerk', signatoryTitle: 'Head of Democratic Services' });
    const bodyId = await createBody(db, actor, { name: `Pensions Committee ${style}`, kind: 'regulatory-committee', size: 3, agendaStyle: style });
    const [meeting] = await scheduleMeetings(db, actor, { bodyId, dates: [style === 'numbered' ? '2031-03-12' : '2031-03-19'], time: '10:00', venue: 'Council Chamber', contacts: [{ name: 'Jo Clerk', phone: null, email: null }], withStandingItems: true });
    const sectionId = (await loadAgenda(db, meeting.id))[0].id;
    const report = await addItem(db, actor, meeting.id, { ...fields, sectionId, title: 'Fund valuation' });
    await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: report.id, kind: 'report', title: 'Fund valuation', classification: 'unrestricted', file: { bytes: await makeUploadedPdf('Valuation', 2), fileName: 'v.pdf', contentType: 'application/pdf' } });
    const minutes = (await loadAgenda(db, meeting.id))[0].items.find((i) => /^Minutes/.test(i.title))!;
    await updateItem(db, actor, minutes.id, { ...fields, sectionId, title: minutes.title, toFollow: true });
    await publishAgenda(store, actor, meeting.id, { publishedOn: '2031-03-01' });
    const p = style === 'numbered' ? '' : 'A';
    const printed = (await loadAgenda(db, meeting.id))[0].items.map((i) => i.code);
    expect(printed).toEqual([`${p}1`, `${p}2`, `${p}3`, `${p}4`, `${p}5`]);

    // Two late items, the second published in a supplementary pack: both before the closing item, codes in print kept.
    const late = await addItem(db, actor, meeting.id, { ...fields, sectionId, title: 'Investment strategy statement', urgentReason: 'The regulator\'s deadline falls before the next meeting' });
    const supplementary = await addItem(db, actor, meeting.id, { ...fields, sectionId, title: 'Actuary\'s letter', toFollow: true });
    expect(late.code).toBe(`${p}4a`);
    expect(supplementary.code).toBe(`${p}4b`);
    const items = (await loadAgenda(db, meeting.id))[0].items;
    expect(items.map((i) => `${i.code} ${i.title}`).slice(-4)).toEqual([
      `${p}4 Fund valuation`, `${p}4a Investment strategy statement`, `${p}4b Actuary's letter`, `${p}5 Other items which the Chairman decides are relevant or urgent`,
    ]);
    await addDocument(db, actor, { meetingId: meeting.id, agendaItemId: supplementary.id, kind: 'report', title: 'Actuary\'s letter', classification: 'unrestricted', file: { bytes: await makeUploadedPdf('Actuary', 1), fileName: 'a.pdf', contentType: 'application/pdf' } });
    await publishSupplementary(store, actor, meeting.id, [`${p}4b`], { publishedOn: '2031-03-10' });

    // The rebuilt pack's agenda prints them in that order too.
    const text = (await readPack((await buildMeetingPack(store, meeting.id, 'public')).bytes)).pages[0].text.replace(/\s+/g, ' ');
    const at = (s: string) => text.indexOf(s);
    expect(at('Investment strategy statement')).toBeGreaterThan(at('Fund valuation'));
    expect(at('Actuary')).toBeGreaterThan(at('Investment strategy statement'));
    expect(at('Other items which the Chairman')).toBeGreaterThan(at('Actuary'));
  });
});
