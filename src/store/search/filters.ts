// The conditions every search applies besides the text match, written once for both backends. The exempt rule is
// part of the query itself: exempt entries never leave the database for a viewer not entitled to them.
import { sql, type RawBuilder } from 'kysely';
import { isIsoDate } from './dates.js';
import { ValidationError } from '../../errors.js';
import { SEARCH_KINDS, type SearchKind, type SearchQuery } from './types.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

export interface Page {
  limit: number;
  offset: number;
}

function wholeNumber(v: unknown, field: string, min: number, max: number, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ValidationError(`${field} must be a whole number, not ${JSON.stringify(v)}`, field);
  return Math.min(max, Math.max(min, v));
}

export function pageOf(q: SearchQuery): Page {
  return { limit: wholeNumber(q.limit, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT), offset: wholeNumber(q.offset, 'offset', 0, MAX_OFFSET, 0) };
}

/** Conditions on the search_entry row aliased `e`, ANDed together; throws ValidationError for malformed filters. */
export function entryConditions(q: SearchQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  const viewer = q.viewer?.exemptMeetingIds;
  if (viewer === undefined) throw new ValidationError('a search needs a viewer (exemptMeetingIds: none, all or a list of meeting ids)', 'viewer');
  if (viewer === 'none') where.push(sql`e.exempt = 0`);
  else if (Array.isArray(viewer)) {
    const ids = viewer.filter((n) => Number.isInteger(n));
    const bodies = (q.viewer.exemptBodyIds ?? []).filter((n) => Number.isInteger(n));
    const entitled = [
      ...(ids.length ? [sql`e.meeting_id in (${sql.join(ids)})`] : []),
      // Exempt entries on no meeting (a review's final report) go to those on their body.
      ...(bodies.length ? [sql`(e.meeting_id is null and e.body_id in (${sql.join(bodies)}))`] : []),
    ];
    where.push(entitled.length ? sql`(e.exempt = 0 or ${sql.join(entitled, sql` or `)})` : sql`e.exempt = 0`);
  } else if (viewer !== 'all') throw new ValidationError(`viewer.exemptMeetingIds must be 'none', 'all' or a list of meeting ids`, 'viewer');

  if (q.kinds !== undefined) {
    const bad = q.kinds.find((k) => !(SEARCH_KINDS as readonly string[]).includes(k));
    if (bad !== undefined) throw new ValidationError(`unknown search kind "${bad}" (expected one of ${SEARCH_KINDS.join(', ')})`, 'kinds');
    if (q.kinds.length) where.push(sql`e.kind in (${sql.join(q.kinds as SearchKind[])})`);
  }
  if (q.bodyIds !== undefined && q.bodyIds.length) {
    const bad = q.bodyIds.find((n) => !Number.isInteger(n));
    if (bad !== undefined) throw new ValidationError(`body id ${JSON.stringify(bad)} is not a whole number`, 'bodyIds');
    where.push(sql`e.body_id in (${sql.join(q.bodyIds)})`);
  }
  if (q.bodySlugs !== undefined && q.bodySlugs.length) {
    const bad = q.bodySlugs.find((s) => typeof s !== 'string');
    if (bad !== undefined) throw new ValidationError(`committee ${JSON.stringify(bad)} is not a slug`, 'bodySlugs');
    // Each slug its own scalar subquery (slugs are unique), read once a statement: `in (select ... where slug in ...)`
    // became a semi-join that PostgreSQL's generic plan looked up for every match.
    const each = q.bodySlugs.map((slug) => sql`e.body_id = (select sb.id from body sb where sb.slug = ${slug})`);
    where.push(each.length > 1 ? sql`(${sql.join(each, sql` or `)})` : each[0]);
  }
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (v === undefined || v === null || v === '') continue;
    if (!isIsoDate(v)) throw new ValidationError(`${field} must be a date written YYYY-MM-DD, not ${JSON.stringify(v)}`, field);
    where.push(field === 'from' ? sql`e.date >= ${v}` : sql`e.date <= ${v}`);
  }
  return where;
}

export function andAll(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length ? sql.join(conditions, sql` and `) : sql`1 = 1`;
}
