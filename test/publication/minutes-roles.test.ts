// The chair's role in a meeting's attendance comes from the one rule of roles (domain/types.ts): a Cabinet is
// chaired by the Leader ("Leader of the Council, in the Chair"), a committee by its Chairman — in the printed
// minutes (minutes.pdf) and on the meeting page alike.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER } from '../../src/domain/policy.js';
import { attendanceRoleText, SYSTEM_ACTOR } from '../../src/domain/types.js';
import { publishDraftMinutes, recordAttendance, recordMinutes } from '../../src/services/proceedings.js';
import { setMeetingStatus } from '../../src/store/meetings.js';
import { packFile } from '../../src/store/read/documents.js';
import { readMeetingPage } from '../../src/store/read/meeting-page.js';
import { readPack } from '../pack/read-pdf.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';
import { cycleCouncil } from '../services/executive/fixture.js';

const actor = SYSTEM_ACTOR;

describe('attendanceRoleText', () => {
  it('names a Cabinet\'s chair the Leader in the Chair and keeps a committee\'s Chairman', () => {
    expect(attendanceRoleText('Chairman', 'cabinet')).toBe('Leader of the Council, in the Chair');
    expect(attendanceRoleText('Vice-Chairman', 'cabinet')).toBe('Deputy Leader of the Council');
    expect(attendanceRoleText('Chairman', 'scrutiny-committee')).toBe('Chairman');
    expect(attendanceRoleText('Vice-Chairman', 'regulatory-committee')).toBe('Vice-Chairman');
    expect(attendanceRoleText('Substitute', 'cabinet')).toBe('Substitute');
    expect(attendanceRoleText(null, 'cabinet')).toBeNull();
  });
});

describe.each(STORE_KINDS)('the chair in printed minutes on %s', (kind) => {
  const get = useTestStore(kind);

  it('prints the Cabinet\'s Leader in the Chair and the Scrutiny Committee\'s Chairman, in the PDF and on the page', async (ctx) => {
    const { store } = get(ctx);
    const db = store.db;
    const c = await cycleCouncil(db);
    const minutesOf = async (meeting: { id: number; slug: string; items: { id: number }[] }, chair: { id: number; name: string }, member: { id: number; name: string }) => {
      await setMeetingStatus(db, actor, meeting.id, 'held', 'Test');
      await recordAttendance(store, actor, meeting.id, [{ personId: chair.id, name: chair.name, kind: 'present', role: 'Chairman' }, { personId: member.id, name: member.name, kind: 'present' }]);
      await recordMinutes(store, actor, meeting.id, [{ agendaItemId: meeting.items[0].id, title: 'Apologies', paragraphs: ['There were no apologies.'] }]);
      await publishDraftMinutes(store, actor, meeting.id, { withoutUnwritten: true });
      const pdf = await packFile(db, meeting.id, 'minutes', 'public', null);
      if (process.env.MOOT_PACK_OUT) writeFileSync(`${process.env.MOOT_PACK_OUT}/${kind}-${meeting.slug}-minutes.pdf`, pdf!.bytes);
      const text = (await readPack(new Uint8Array(pdf!.bytes))).pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
      const page = await readMeetingPage(db, meeting.slug, PUBLIC_VIEWER);
      return { text, roles: page!.attendance!.present.map((a) => a.role) };
    };
    const cabinet = await minutesOf(c.cabinetMeeting, { id: c.leader, name: 'Mr P B Carter' }, { id: c.cabinetMember, name: 'Mr M C Hill' });
    expect(cabinet.text).toContain('Mr P B Carter (Leader of the Council, in the Chair)');
    expect(cabinet.text).not.toContain('(Chairman)');
    expect(cabinet.roles).toEqual(['Leader of the Council, in the Chair', null]);
    const scrutiny = await minutesOf(c.scrutinyMeeting, { id: c.chair, name: 'Mr A J King' }, { id: c.members[0], name: 'Mrs T Dean' });
    expect(scrutiny.text).toContain('Mr A J King (Chairman)');
    expect(scrutiny.roles).toEqual(['Chairman', null]);
  });
});
