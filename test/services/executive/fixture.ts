// A small council for the executive cycle: Cabinet, a Cabinet Member, the Scrutiny Committee and its members,
// a forward plan entry, and the Cabinet and scrutiny meetings of early 2026.
import { SYSTEM_ACTOR } from '../../../src/domain/types.js';
import { addMembership, createBody } from '../../../src/store/bodies.js';
import type { Db } from '../../../src/store/db.js';
import { createMeeting } from '../../../src/store/meetings.js';
import { createPerson } from '../../../src/store/people.js';
import { saveCouncil } from '../../../src/store/council.js';

export const DATES = {
  planPublished: '2026-01-05', // Monday
  cabinet: '2026-02-03', // 28 clear days later
  recordPublished: '2026-02-04',
  fourthWorkingDay: '2026-02-10',
  windowEnds: '2026-02-11',
  scrutiny: '2026-02-20',
  reconsidered: '2026-02-25',
  reconsideredWindowEnds: '2026-03-04',
} as const;

export async function cycleCouncil(db: Db, tag = '') {
  const actor = SYSTEM_ACTOR;
  if (!tag) await saveCouncil(db, 'Kent County Council', 'Kent', {});
  const cabinet = await createBody(db, actor, { name: `Cabinet${tag}`, kind: 'cabinet', agendaStyle: 'numbered' });
  const scrutiny = await createBody(db, actor, { name: `Scrutiny Committee${tag}`, kind: 'scrutiny-committee', agendaStyle: 'lettered' });
  const person = (title: string, initials: string, surname: string, email: string | null = null) => createPerson(db, actor, { title, initials, surname, kind: 'councillor', email });
  const leader = await person('Mr', 'P B', 'Carter', 'leader@example.org');
  const cabinetMember = await person('Mr', 'M C', 'Hill', 'mike.hill@example.org');
  const chair = await person('Mr', 'A J', 'King');
  const members = [await person('Mrs', 'T', 'Dean'), await person('Mr', 'R', 'Truelove'), await person('Mr', 'L', 'Christie')];
  await addMembership(db, actor, { bodyId: cabinet, personId: leader, role: 'chairman', startsOn: '2025-05-01' });
  await addMembership(db, actor, { bodyId: cabinet, personId: cabinetMember, role: 'member', startsOn: '2025-05-01' });
  await addMembership(db, actor, { bodyId: scrutiny, personId: chair, role: 'chairman', startsOn: '2025-05-01' });
  for (const m of members) await addMembership(db, actor, { bodyId: scrutiny, personId: m, role: 'member', startsOn: '2025-05-01' });
  const cabinetMeeting = await createMeeting(db, actor, { bodyId: cabinet, date: DATES.cabinet, time: '10:00', sections: [{ title: 'Unrestricted items', items: [{ code: '1', title: 'Apologies' }, { code: '2', title: 'Highways term maintenance contract' }] }] });
  const scrutinyMeeting = await createMeeting(db, actor, { bodyId: scrutiny, date: DATES.scrutiny, time: '10:00', sections: [{ title: 'Unrestricted items', items: [{ code: 'A1', title: 'Apologies and substitutes' }] }] });
  return { cabinet, scrutiny, leader, cabinetMember, chair, members, cabinetMeeting, scrutinyMeeting };
}
