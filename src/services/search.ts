// Search as a viewer: the exempt entries each viewer may find come from the one policy, for the portal and the API.
import type { Viewer } from '../domain/policy.js';
import type { Store } from '../store/db.js';
import { search, type SearchQuery, type SearchResults } from '../store/search/index.js';
import { searchViewerOf } from '../store/search/viewer.js';

export { SEARCH_KINDS, SEARCH_SORTS, type SearchKind, type SearchResults, type SearchSort } from '../store/search/index.js';

export async function searchAs(store: Store, viewer: Viewer, query: Omit<SearchQuery, 'viewer'>): Promise<SearchResults> {
  return search(store, { ...query, viewer: await searchViewerOf(store.db, viewer) });
}
