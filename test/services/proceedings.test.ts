// Publishing the draft minutes (services/proceedings.ts): the rule that items taken at the meeting without a minute
// are named and need the clerk's confirmation lives in the service, so the workspace and the API both meet it.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { ValidationError } from '../../src/errors.js';
import { publishDraftMinutes } from '../../src/services/proceedings.js';
import { createBody } from '../../src/store/bodies.js';
import { createMeeting } from '../../src/store/meetings.js';
import { recordMinutes } from '../../src/store/proceedings.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('publishing draft minutes on %s', (kind) => {
  const get = useTestStore(kind);

  it('names the items without a minute and publishes only when the clerk confirms; withdrawn items need none', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const a = SYSTEM_ACTOR;
    const bodyId = await createBody(db, a, { name: `Minutes Committee ${kind}`, kind: 'regulatory-committee' });
    const meeting = await createMeeting(db, a, {
      bodyId, date: '2024-06-10', time: '10:00', venue: 'Darent Room', status: 'held',
      sections: [{ letter: 'A', title: 'Business', items: [{ code: 'A1', title: 'Apologies' }, { code: 'A2', title: 'Budget' }, { code: 'A3', title: 'Libraries' }, { code: 'A4', title: 'Roads' }] }],
    });
    const id = (code: string) => meeting.items.find((i) => i.code === code)!.id;
    await db.updateTable('agenda_item').set({ withdrawn: 1 }).where('id', '=', id('A4')).execute();
    const status = async () => (await db.selectFrom('meeting').select('status').where('id', '=', meeting.id).executeTakeFirstOrThrow()).status;

    // No minute at all: refused whatever the confirmation.
    await expect(publishDraftMinutes(store, a, meeting.id, { withoutUnwritten: true })).rejects.toThrow(/write at least one minute/);

    await recordMinutes(db, a, meeting.id, [{ agendaItemId: id('A1'), title: 'Apologies', paragraphs: ['None.'] }]);
    const refusal = await publishDraftMinutes(store, a, meeting.id).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).field).toBe('withoutUnwritten');
    expect((refusal as ValidationError).message).toBe('items A2, A3 have no minute yet; write them, or confirm that the draft minutes are published without them');
    expect(await status()).toBe('held');

    await recordMinutes(db, a, meeting.id, [{ agendaItemId: id('A1'), title: 'Apologies', paragraphs: ['None.'] }, { agendaItemId: id('A2'), title: 'Budget', paragraphs: ['Noted.'] }]);
    await expect(publishDraftMinutes(store, a, meeting.id)).rejects.toThrow('item A3 has no minute yet; write it, or confirm that the draft minutes are published without it');

    await publishDraftMinutes(store, a, meeting.id, { withoutUnwritten: true });
    expect(await status()).toBe('minutes-drafted');
    const audit = await db.selectFrom('audit_log').select(['summary', 'after_json']).where('entity', '=', 'minutes').where('entity_id', '=', String(meeting.id)).where('action', '=', 'publish').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('confirmed without minutes for item A3');
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({ withoutMinutes: ['A3'] });
  });
});
