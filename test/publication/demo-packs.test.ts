// Every demo meeting's agenda builds and validates, in both audiences, and the public packs carry none of the
// demo's confidential phrases.
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_MARKERS, loadDemo } from '../../src/demo/index.js';
import { createWorkingCalendar } from '../../src/domain/calendar.js';
import { validatePack, buildPack } from '../../src/pack/index.js';
import { packInputForMeeting } from '../../src/publication/pack-input.js';
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
