// The viewer as search sees it: the meetings whose exempt entries they may find, from the one policy's scope.
import type { Viewer } from '../../domain/policy.js';
import type { Queryable } from '../db.js';
import { exemptFilter } from '../read/visibility.js';
import type { SearchViewer } from './types.js';

export async function searchViewerOf(db: Queryable, viewer: Viewer): Promise<SearchViewer> {
  const scope = exemptFilter(viewer);
  if (scope.all) return { exemptMeetingIds: 'all' };
  if (!scope.bodyIds.length && !scope.meetingIds.length) return { exemptMeetingIds: 'none' };
  const rows = scope.bodyIds.length ? await db.selectFrom('meeting').select('id').where('body_id', 'in', scope.bodyIds).execute() : [];
  return { exemptMeetingIds: [...new Set([...rows.map((r) => r.id), ...scope.meetingIds])], exemptBodyIds: [...scope.bodyIds] };
}
