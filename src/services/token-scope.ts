// API tokens limited to some bodies: which body an API write is about, and the refusal when it is outside the
// token's limit. The rule itself is the policy's (tokenMayWriteTo in domain/policy.ts); this finds the body from
// the route and request (store/token-scope.ts). A route this does not know concerns no one body, so a
// body-limited token is refused there: a new route is closed to such tokens until it is described here.
import { tokenMayWriteTo, type Viewer } from '../domain/policy.js';
import { bodyNames, bodyOfWriteTarget, type WriteTarget } from '../store/token-scope.js';
import type { Store } from './unit.js';

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** What record an API write names, from its route pattern (as registered), path parameters and JSON body. */
export function writeTargetOf(route: string, params: Record<string, unknown>, body: unknown): WriteTarget {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const path = route.replace(/^\/api/, '');
  if (path === '/v1/meetings/series') return { bodyId: int(b.bodyId) ?? 0 };
  if (path.startsWith('/v1/meetings/:slug')) return { meetingSlug: str(params.slug) ?? '' };
  if (path.startsWith('/v1/bodies/:slug')) return { bodySlug: str(params.slug) ?? '' };
  if (path.startsWith('/v1/agenda-items/:id')) return { agendaItemId: int(params.id) ?? 0 };
  if (path.startsWith('/v1/decisions/:slug')) return { decisionSlug: str(params.slug) ?? '' };
  if (path.startsWith('/v1/memberships/:id')) return { membershipId: int(params.id) ?? 0 };
  if (path.startsWith('/v1/documents/:slug')) return { documentSlug: str(params.slug) ?? '' };
  if (path.startsWith('/v1/reviews/:slug')) return { reviewSlug: str(params.slug) ?? '' };
  // Webhooks and a person's details and photo are the council's, no one committee's (a body-limited token is refused).
  if (path.startsWith('/v1/webhooks') || path.startsWith('/v1/people/:slug')) return {};
  if (path === '/v1/meetings' || path === '/v1/memberships') return { bodyId: int(b.bodyId) ?? 0 };
  // A new review is placed by the body appointing it (by slug); none is a task and finish group of its own.
  if (path === '/v1/reviews' && str(b.body) !== undefined) return { bodySlug: str(b.body)! };
  if (path === '/v1/decisions') {
    if (int(b.takerBodyId) !== undefined) return { bodyId: int(b.takerBodyId)! };
    if (int(b.meetingId) !== undefined) return { meetingId: int(b.meetingId)! };
  }
  return {};
}

/**
 * Null when the viewer may make this write as far as a token's body limit goes; otherwise the refusal, naming the
 * bodies the token is limited to and what the request is about.
 */
export async function tokenBodyRefusal(store: Store, viewer: Viewer, route: string, params: Record<string, unknown>, body: unknown): Promise<string | null> {
  if (viewer.kind !== 'user' || !viewer.tokenBodyIds) return null;
  const bodyId = await bodyOfWriteTarget(store.db, writeTargetOf(route, params, body));
  // A record that does not exist: the route says so (404 or the field that was wrong), as for any token.
  if (bodyId === undefined || tokenMayWriteTo(viewer, bodyId)) return null;
  const names = await bodyNames(store.db, [...viewer.tokenBodyIds, ...(bodyId !== null ? [bodyId] : [])]);
  const allowed = viewer.tokenBodyIds.map((id) => names.get(id) ?? `body ${id}`).join(', ');
  const about = bodyId !== null ? `the record of ${names.get(bodyId) ?? `body ${bodyId}`}` : 'a record that belongs to no one committee';
  return `This API token may change only the record of ${allowed}; this request would change ${about}`;
}
