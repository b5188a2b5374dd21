// Shared by the workspace routes: the guard, loading a meeting or item named in the URL, and labels for templates.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import {
  BODY_KIND_LABELS, EXEMPT_PARAGRAPH_DESCRIPTIONS, MEETING_STATUS_LABELS, membershipRoleLabel, type BodyKind, type MeetingStatus,
} from '../../../domain/types.js';
import type { DataReportModel, ReportChart } from '../../../domain/data-report.js';
import { requireAction } from '../../../http/guards.js';
import { chartSvg } from '../../charts.js';
import { dataReportHtml } from '../../data-report-html.js';
import { paramId } from './form.js';
import { getAgendaItem } from '../../../services/agenda.js';
import { getMeeting } from '../../../services/meetings.js';
import type { Queryable, Store } from '../../../services/unit.js';
import { formatDisplayDate } from '../../format.js';
import { changeCounts, versionedReadAt } from '../../../services/read-cache.js';

export interface WorkspaceOptions {
  store: Store;
  today?: () => string;
}

/** Every workspace page and action: Democratic Services (clerks) and administrators only. */
export const guard = requireAction('manage-record');

/**
 * Rows that are the same for every clerk (no viewer in them), read once per version of the record through the read
 * cache with the change counters the request's session was read with (one query fewer), and deep-frozen, so the
 * render memo keys them by identity instead of serialising them. `tags`: what they are made from (change-scope.ts).
 */
export async function sharedRows<T>(store: Store, request: FastifyRequest, key: string, load: () => Promise<T>, tags?: readonly string[]): Promise<T> {
  return versionedReadAt(store, request.changeCounts ?? await changeCounts(store), `workspace:${key}`, load, { tags });
}

export function todayOf(options: WorkspaceOptions): string {
  return options.today ? options.today() : new Date().toISOString().slice(0, 10);
}

export { councilCalendar } from '../../../services/council.js';

/** The meeting named by :id, or a 404 page sent (returns null). */
export async function meetingOr404(db: Queryable, request: FastifyRequest, reply: FastifyReply) {
  const id = paramId(request);
  const meeting = id ? await getMeeting(db, id) : undefined;
  if (!meeting) {
    reply.callNotFound();
    return null;
  }
  return meeting;
}

export async function itemOr404(db: Queryable, request: FastifyRequest, reply: FastifyReply) {
  const id = paramId(request);
  const item = id ? await getAgendaItem(db, id) : undefined;
  const meeting = item ? await getMeeting(db, item.meeting_id) : undefined;
  if (!item || !meeting) {
    reply.callNotFound();
    return null;
  }
  return { item, meeting };
}

/** A meeting as the workspace names it in titles and lists: "Cabinet, Monday 7 December 2026". */
export function meetingLabel(m: { body_name: string; date: string }): string {
  return `${m.body_name}, ${formatDisplayDate(m.date)}`;
}

const added = new WeakSet<object>();

/** Labels the workspace templates use. */
export function addWorkspaceFilters(env: nunjucks.Environment): void {
  if (added.has(env)) return;
  added.add(env);
  env.addFilter('wsStatus', (s: string) => MEETING_STATUS_LABELS[s as MeetingStatus] ?? s);
  env.addFilter('wsBodyKind', (k: string) => BODY_KIND_LABELS[k as BodyKind] ?? k);
  // The role as the council writes it for that kind of body (the Cabinet's chairman is the Leader).
  env.addFilter('wsRole', (r: string, bodyKind: string | null | undefined) => membershipRoleLabel(r, bodyKind));
  // The dashboards' and budget reports' charts, drawn as on the public pages (draft figures shown to staff here).
  env.addFilter('chartSvg', (c: ReportChart) => chartSvg(c));
  env.addFilter('dataReportHtml', (m: DataReportModel, level: number, href: string | null) => dataReportHtml(m, level, href));
  env.addFilter('wsParagraph', (p: number) => EXEMPT_PARAGRAPH_DESCRIPTIONS[p as 1] ?? '');
  env.addGlobal('workspaceNavigation', (path: string) => [
    { href: '/workspace', text: 'Workspace', active: path === '/workspace' },
    { href: '/workspace/meetings', text: 'Meetings', active: path.startsWith('/workspace/meetings') || path.startsWith('/workspace/items') },
    { href: '/workspace/bodies', text: 'Bodies', active: path.startsWith('/workspace/bodies') || path.startsWith('/workspace/memberships') },
    { href: '/workspace/groups', text: 'Groups', active: path.startsWith('/workspace/groups') },
    { href: '/workspace/people', text: 'People', active: path.startsWith('/workspace/people') },
    { href: '/workspace/decisions', text: 'Decisions', active: path.startsWith('/workspace/decisions') },
    { href: '/workspace/forward-plan', text: 'Forward plan', active: path.startsWith('/workspace/forward-plan') },
    { href: '/workspace/call-ins', text: 'Call-ins', active: path.startsWith('/workspace/call-ins') },
    { href: '/workspace/follow-up', text: 'Follow-up', active: path.startsWith('/workspace/follow-up') },
    { href: '/workspace/reviews', text: 'Reviews', active: path.startsWith('/workspace/reviews') },
    { href: '/workspace/data', text: 'Performance and budgets', active: path.startsWith('/workspace/data') },
    { href: '/workspace/webhooks', text: 'Webhooks', active: path.startsWith('/workspace/webhooks') },
  ]);
}

/** Select items with a first "choose" entry. */
export function selectItems(options: { value: string | number; text: string }[], selected: string | number | null | undefined, prompt: string) {
  return [{ value: '', text: prompt }, ...options.map((o) => ({ value: String(o.value), text: o.text, selected: selected != null && String(o.value) === String(selected) }))];
}
