// Pages of one PDF shared out between two threads as they go: each thread claims the next unread page when it is
// ready for one, so the two finish together whatever each page costs and however busy either thread is (the
// calling thread also opens the document first and does the other threads' bookkeeping; under load either may be
// descheduled). Pages are claimed in order, so when a page cannot be read every earlier page has been claimed,
// and the lowest damaged page is found as reading them one by one would find it.

/** [0]: pages claimed so far; [1]: the lowest page that could not be read (0: none). */
export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** The next page to read (1-based), or null when every page is claimed or a page before it failed. */
export function claimPage(claims: Int32Array, count: number): number | null {
  const p = Atomics.add(claims, 0, 1) + 1;
  if (p > count) return null;
  const failed = Atomics.load(claims, 1);
  if (failed !== 0 && p > failed) return null;
  return p;
}

/** Records that `page` could not be read, so that no later page is started. */
export function pageFailed(claims: Int32Array, page: number): void {
  for (;;) {
    const was = Atomics.load(claims, 1);
    if (was !== 0 && was <= page) return;
    if (Atomics.compareExchange(claims, 1, was, page) === was) return;
  }
}
