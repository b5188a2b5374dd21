// The workspace's home tells a clerk what is due: agendas to publish with the statutory deadline written as a
// person writes dates, a published agenda's paper still to follow, decisions to publish, call-in periods running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { createDecision } from '../../../src/store/decisions.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { clerkClient, workspaceApp } from './helpers.js';

const TODAY = '2024-06-03';

describe('the workspace home', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await createSqliteTestStore();
  });
  afterAll(async () => ts?.cleanup());

  it('lists what is due, each with the date it is due by', async () => {
    const db = ts.store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee', size: 3 });
    await createMeeting(db, SYSTEM_ACTOR, { bodyId, date: '2024-06-20', time: '10:00', venue: 'Council Chamber', status: 'scheduled', sections: [] });
    // Tomorrow's meeting: agenda published, one report still "to follow" and not in.
    await createMeeting(db, SYSTEM_ACTOR, { bodyId, date: '2024-06-04', time: '14:00', venue: 'Council Chamber', status: 'agenda-published',
      sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Taxi licensing policy', toFollow: true }] }] });
    await createDecision(db, SYSTEM_ACTOR, { takerKind: 'body', takerName: 'Licensing Committee', takerBodyId: bodyId, takenOn: '2024-05-30', subject: 'Street trading consent', text: 'Consent granted.', status: 'draft' });
    await createDecision(db, SYSTEM_ACTOR, { takerKind: 'body', takerName: 'Licensing Committee', takerBodyId: bodyId, takenOn: '2024-05-28', subject: 'Sex establishment policy', text: 'Policy adopted.', status: 'published', publishedOn: '2024-05-29', callInEndsOn: '2024-06-05' });
    const app = await workspaceApp(ts.store, () => TODAY);
    const { client } = await clerkClient(app, ts.store);
    const html = (await client.get('/workspace')).body;
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('What is due');
    expect(text).toMatch(/Agendas to publish 1 – the first by \w+day \d+ June 2024/);
    expect(text).toContain('Meetings with papers to follow or missing 1 – the first by Tuesday 4 June 2024');
    expect(text).toContain('1 paper to follow: publish a supplementary agenda before the meeting');
    expect(text).toMatch(/Decisions to publish 1/);
    expect(text).toContain('Call-in periods running 1 – first ends Wednesday 5 June 2024');
    expect(text).toContain('Street trading consent');
    expect(text).toContain('Sex establishment policy');
    expect(text).not.toContain('Nothing outstanding'); // tomorrow's meeting has a paper to follow
    expect(html).not.toMatch(/\d{4}-\d\d-\d\d(?![^<]*>)(?=[^<]*<)/); // no ISO date in the page's text
    await app.close();
  });
});
