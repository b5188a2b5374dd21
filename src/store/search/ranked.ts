// What a backend returns: the page of matching entry ids, best first, and how many entries match in all.

/** Title matches count four times body matches, on both backends. */
export const TITLE_WEIGHT = 4;
export const BODY_WEIGHT = 1;

export interface RankedIds {
  total: number;
  ranked: { id: number; score: number }[];
}

/** Results are counted up to this many: a total of TOTAL_CAP means "this many or more". */
export const TOTAL_CAP = 1000;
