// What a backend returns: the page of matching entry ids, best first, and how many entries match in all.

/** Title matches count four times body matches, on both backends. */
export const TITLE_WEIGHT = 4;
export const BODY_WEIGHT = 1;

/** An entry of the page as a hit is made from it: its row, its committee and its meeting. */
export interface EntryRow {
  id: number;
  kind: string;
  ref_id: number;
  page: number | null;
  meeting_id: number | null;
  body_id: number | null;
  date: string | null;
  title: string;
  url: string;
  body: string;
  body_name: string | null;
  body_slug: string | null;
  meeting_slug: string | null;
  meeting_date: string | null;
}

export interface RankedIds {
  total: number;
  ranked: { id: number; score: number }[];
  /** The page's entries, with their committee and meeting, in any order (`ranked` gives it). */
  rows: EntryRow[];
  /** PostgreSQL, where there were rows: the change counters read by the same statement (SearchResults.counts). */
  counts?: { record: string; access: string };
}

/** Results are counted up to this many: a total of TOTAL_CAP means "this many or more". */
export const TOTAL_CAP = 1000;
