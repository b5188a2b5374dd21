// Publishing a Record of Decision: the call-in window ends on the working day the domain calendar gives,
// except for urgent decisions, which are exempt from call-in (primer §4).
import type { WorkingCalendar } from '../../domain/calendar.js';
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { recordAudit } from '../audit.js';
import type { Queryable } from '../db.js';

export async function publishDecision(db: Queryable, actor: Actor, decisionId: number, publishedOn: string, calendar: WorkingCalendar): Promise<{ callInEndsOn: string | null }> {
  const d = await db.selectFrom('decision').selectAll().where('id', '=', decisionId).executeTakeFirst();
  if (!d) throw new ValidationError(`there is no decision ${decisionId}`, 'decision');
  if (d.status !== 'draft') throw new ValidationError(`decision ${d.number} is already ${d.status}`, 'decision');
  if (publishedOn < d.taken_on) throw new ValidationError(`a decision cannot be published before it was taken (${d.taken_on})`, 'publishedOn');
  const callInEndsOn = d.urgent ? null : calendar.callInWindowEnd(publishedOn);
  const after = { status: 'published', published_on: publishedOn, call_in_ends_on: callInEndsOn };
  await db.updateTable('decision').set(after).where('id', '=', decisionId).execute();
  await recordAudit(db, actor, {
    action: 'publish', entity: 'decision', entityId: decisionId,
    summary: `Published Record of Decision ${d.number}${callInEndsOn ? `; call-in ends ${callInEndsOn}` : ' (urgent: not open to call-in)'}`,
    before: { status: d.status, published_on: d.published_on, call_in_ends_on: d.call_in_ends_on }, after,
  });
  return { callInEndsOn };
}
