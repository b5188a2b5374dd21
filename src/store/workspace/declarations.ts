// Declarations of interest made at a meeting, added and removed one at a time by the clerk.
import type { Actor, InterestKind } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';

export interface NewDeclaration {
  personId: number;
  agendaItemId: number | null;
  kind: InterestKind;
  nature: string;
  dispensation: string | null;
}

export async function addDeclaration(db: Queryable, actor: Actor, meetingId: number, d: NewDeclaration, personName: string): Promise<number> {
  if (d.agendaItemId !== null) {
    const item = await db.selectFrom('agenda_item').select('id').where('id', '=', d.agendaItemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) throw new ValidationError('choose an item on this meeting\'s agenda', 'agendaItemId');
  }
  const values = { meeting_id: meetingId, agenda_item_id: d.agendaItemId, person_id: d.personId, person_name: personName, kind: d.kind, nature: d.nature, dispensation: d.dispensation };
  const row = await db.insertInto('declaration').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'create', entity: 'declaration', entityId: row.id, summary: `${personName} declared ${d.kind} interest`, after: values });
  return row.id;
}

export async function removeDeclaration(db: Queryable, actor: Actor, meetingId: number, declarationId: number): Promise<void> {
  const before = await db.selectFrom('declaration').selectAll().where('id', '=', declarationId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!before) throw new ValidationError('that declaration is not recorded for this meeting', 'declaration');
  await db.deleteFrom('declaration').where('id', '=', declarationId).execute();
  await recordAudit(db, actor, { action: 'delete', entity: 'declaration', entityId: declarationId, summary: `Removed a declaration by ${before.person_name}`, before });
}
