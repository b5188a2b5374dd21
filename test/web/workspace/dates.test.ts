// Dates in the workspace read as UK councils write them ("Monday 14 December 2026"), never ISO: page titles and
// headings, meeting choices in forms, data set versions, follow-up responses, and the administrators' audit log
// (its recorded summaries included, with each moment on the UK's clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { createBody } from '../../../src/store/bodies.js';
import { createMeeting } from '../../../src/store/meetings.js';
import workspace from '../../../src/web/routes/workspace/index.js';
import { createSqliteTestStore, type TestStore } from '../../helpers/stores.js';
import { addUser, appOn, sessionClient } from '../auth/helpers.js';

const ISO_IN_TEXT = /\d{4}-\d\d-\d\d(?![^<]*>)(?=[^<]*<)/;

describe('dates in the workspace', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await createSqliteTestStore();
  });
  afterAll(async () => ts?.cleanup());

  it('writes every date a clerk reads as a council writes it', async () => {
    const db = ts.store.db;
    const bodyId = await createBody(db, SYSTEM_ACTOR, { name: 'Licensing Committee', kind: 'regulatory-committee', size: 3 });
    const held = await createMeeting(db, SYSTEM_ACTOR, { bodyId, date: '2024-05-14', time: '10:00', venue: 'Council Chamber', status: 'held',
      sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Taxi licensing policy' }] }] });
    const next = await createMeeting(db, SYSTEM_ACTOR, { bodyId, date: '2024-06-20', time: '10:00', venue: 'Council Chamber', status: 'scheduled', sections: [{ title: 'Business', items: [{ code: '1', title: 'Apologies' }] }] });
    const app = await appOn(ts.store, { today: () => '2024-06-03', routes: [{ plugin: workspace }] });
    const user = await addUser(ts.store, 'administrator');
    const { client } = await sessionClient(app, ts.store, user.id);
    const pages = [
      `/workspace/meetings/${held.id}`, `/workspace/meetings/${held.id}/agenda`, `/workspace/meetings/${held.id}/attendance`, `/workspace/meetings/${held.id}/declarations`,
      `/workspace/meetings/${held.id}/minutes`, `/workspace/meetings/${held.id}/minutes/approve`, `/workspace/meetings/${held.id}/papers-sent`,
      `/workspace/meetings/${next.id}/publish`, '/workspace/decisions/new', '/workspace/meetings', '/workspace', '/admin/audit', `/admin/users/${user.id}`,
    ];
    for (const path of pages) {
      const res = await client.get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body.match(ISO_IN_TEXT)?.[0], path).toBeUndefined();
    }
    const approve = (await client.get(`/workspace/meetings/${held.id}/minutes/approve`)).body;
    expect(approve).toContain('<title>Approve the minutes of Licensing Committee, Tuesday 14 May 2024');
    expect(approve).toMatch(/<option value="\d+"[^>]*>Thursday 20 June 2024<\/option>/);
    const audit = (await client.get('/admin/audit')).body;
    expect(audit).toContain('Scheduled Licensing Committee on Thursday 20 June 2024');
    expect(audit).toMatch(/<td[^>]*>\d+ \w+ \d{4}, \d+(:\d\d)?[ap]m<\/td>/);
    // The audit filter takes dates as people type them, and says so.
    expect(audit).toContain('For example 1 3 2024');
    const today = new Date().toISOString().slice(0, 10).split('-').reverse().map(Number).join(' ');
    expect((await client.get(`/admin/audit?from=${encodeURIComponent(today)}&to=${encodeURIComponent(today.replace(/ /g, '/'))}`)).body).toContain('Scheduled Licensing Committee');
    expect((await client.get('/admin/audit?from=31+2+2024')).body).toContain('The &quot;from&quot; date must be a real date, like 31 3 2024');
    await app.close();
  });
});
