// The audit log for administrators: filter by entity, actor, action and date range, 50 entries a page.
import type { FastifyPluginAsync } from 'fastify';
import { isIsoDate } from '../../../domain/dates.js';
import { requireAction } from '../../../http/guards.js';
import { errorSummary, type FieldError } from '../../forms.js';
import { type AuditQuery, listAudit } from '../../../services/accounts.js';
import { type Store } from '../../../services/unit.js';

export const AUDIT_PAGE_SIZE = 50;

/** A day typed as people type dates ("31 3 2024", "31/3/2024") or as 2024-03-31; null when it is not a real day. */
function typedDate(s: string): string | null {
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
  return isIsoDate(iso) ? iso : null;
}

const audit: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.addHook('preHandler', requireAction('read-audit'));
  app.get('/admin/audit', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
    const filters = { entity: str('entity'), actor: str('actor'), action: str('action'), from: str('from'), to: str('to') };
    const page = Math.max(1, Math.min(10_000, Number.parseInt(str('page') || '1', 10) || 1));
    const errors: FieldError[] = [];
    const from = filters.from ? typedDate(filters.from) : null;
    const to = filters.to ? typedDate(filters.to) : null;
    if (filters.from && !from) errors.push({ field: 'from', text: 'The "from" date must be a real date, like 31 3 2024' });
    if (filters.to && !to) errors.push({ field: 'to', text: 'The "to" date must be a real date, like 31 3 2024' });
    if (!errors.length && from && to && from > to) errors.push({ field: 'to', text: 'The "to" date must be the same as or after the "from" date' });
    const query: AuditQuery = {
      entity: filters.entity || undefined,
      actorName: filters.actor || undefined,
      action: filters.action || undefined,
      from: !errors.length && from ? `${from}T00:00:00.000Z` : undefined,
      to: !errors.length && to ? `${to}T23:59:59.999Z` : undefined,
      // One more than a page, to know whether there is a next page without counting the whole log.
      limit: AUDIT_PAGE_SIZE + 1,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    };
    const rows = await listAudit(store.db, query);
    const params = (p: number) => {
      const sp = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
      sp.set('page', String(p));
      return `/admin/audit?${sp.toString()}`;
    };
    if (errors.length) reply.code(400);
    return reply.render('pages/admin/audit.njk', {
      pageTitle: errors.length ? 'Error: Audit log' : 'Audit log',
      filters,
      entries: rows.slice(0, AUDIT_PAGE_SIZE),
      page,
      previousHref: page > 1 ? params(page - 1) : null,
      nextHref: rows.length > AUDIT_PAGE_SIZE ? params(page + 1) : null,
      ...errorSummary(errors),
    });
  });
};

export default audit;
