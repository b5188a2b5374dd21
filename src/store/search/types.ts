// The search interface shared by both backends: what a caller asks for and what comes back.
import type { IsoDate } from '../../domain/types.js';

export const SEARCH_KINDS = ['page', 'item', 'minute', 'decision', 'person', 'meeting', 'review'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * Who is searching, as far as exempt (Part 2) content goes. The public get 'none'; a councillor gets the meetings of
 * the bodies they sit on (plus any grants), computed by the caller; 'all' is for clerks and administrators.
 */
export interface SearchViewer {
  exemptMeetingIds: number[] | 'all' | 'none';
  /** With a list of meetings: the bodies whose exempt entries that sit on no meeting (a review's final report) they may find. */
  exemptBodyIds?: number[];
}

export interface SearchQuery {
  text: string;
  kinds?: SearchKind[];
  bodyIds?: number[];
  /**
   * Committees by their slug, found in the search's own statement (a slug no committee has finds nothing): a caller
   * that has the slug (the search page's filter) spares a read of the committee first.
   */
  bodySlugs?: string[];
  from?: IsoDate;
  to?: IsoDate;
  /** 'relevance' (the default): best match first; 'date': newest first, best match first within a day. */
  sort?: SearchSort;
  /** 1–100, default 20. */
  limit?: number;
  offset?: number;
  viewer: SearchViewer;
}

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  title: string;
  url: string;
  page: number | null;
  meetingId: number | null;
  bodyId: number | null;
  date: IsoDate | null;
  /** The committee the result belongs to, and its meeting (none for a person, or a decision taken outside a meeting). */
  bodyName: string | null;
  bodySlug: string | null;
  meeting: { slug: string; date: IsoDate } | null;
  /** HTML-safe: matched words in <mark>, everything else escaped. */
  snippet: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
  /**
   * PostgreSQL, where the page had rows: the change counters (store/read/version.ts) read by the search's own
   * statement, in its snapshot, so a caller's versioned reads after the search need not read them again (issue 17).
   */
  counts?: { record: string; access: string };
}
